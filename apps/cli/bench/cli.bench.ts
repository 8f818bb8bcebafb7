/**
 * Start-to-exit time of `cloud-images image list` and `image show` against the real Glance of
 * `pnpm bench`, side by side with Debian's `openstack` CLI (python3-openstackclient) doing the
 * same commands against the same Glance, in the same run: target ≥ 5× faster (ratio ≤ 0.20).
 * Also `--version` against `openstack --version` (start-up alone).
 *
 * Both clients reach Glance through the same loopback token proxy (a token names the project;
 * see `test/support/token-proxy.ts`), so both pay the same hop. A project of its own with a few
 * images keeps the 10 000 images of the listing benchmarks out of these rounds.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchCase, BenchContext, BenchModule } from "../../../packages/node/bench/stats.js";
import { startTokenProxy, type TokenProxy } from "../test/support/token-proxy.js";

const execFileAsync = promisify(execFile);
/** `execFile` with standard input closed at once (an open pipe would be read as image data). */
const run = (file: string, args: readonly string[], options: { env: Record<string, string | undefined> }): Promise<{ stdout: string }> => {
  const p = execFileAsync(file, args, options);
  p.child.stdin?.end();
  return p;
};
const CLI = fileURLToPath(new URL("../bin/cloud-images.js", import.meta.url));
const OPENSTACK = "/usr/bin/openstack";
/** The bench's own project (trusted-auth id). */
const PROJECT = "c1ec1ec1ec1ec1ec1ec1ec1ec1ec1ec";
const IMAGES = 5;

let proxy: TokenProxy | undefined;

const bench: BenchModule = {
  name: "cli start-to-exit",
  async setup(context: BenchContext): Promise<readonly BenchCase[]> {
    if (!existsSync(OPENSTACK)) {
      context.log(`cli: ${OPENSTACK} missing (apt-get install python3-openstackclient): skipped`);
      return [];
    }
    if (!existsSync(fileURLToPath(new URL("../dist/main.js", import.meta.url)))) {
      context.log("cli: building apps/cli");
      execFileSync("pnpm", ["--filter", "cloud-images", "build"], { stdio: "inherit" });
    }
    proxy = await startTokenProxy(context.glanceUrl);
    const env: Record<string, string | undefined> = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith("OS_")) delete env[k];
    const ours = ["--os-endpoint", `${proxy.url}/v2`, "--os-token", PROJECT];
    const theirs = ["--os-auth-type", "admin_token", "--os-endpoint", `${proxy.url}/v2`, "--os-token", PROJECT, "--os-image-api-version", "2"];
    const cli = async (args: readonly string[]): Promise<string> => (await run(process.execPath, [CLI, ...ours, ...args], { env })).stdout;
    const osc = async (args: readonly string[]): Promise<string> => (await run(OPENSTACK, [...theirs, ...args], { env })).stdout;
    for (let i = 0; i < IMAGES; i++) await cli(["image", "create", `cli-bench-${i}`, "--disk-format", "raw"]);
    // Same answer from both before timing anything.
    const [a, b] = [await cli(["image", "list"]), await osc(["image", "list"])];
    if (a !== b || a.split("\n").length !== IMAGES + 5) throw new Error(`cli bench: the two CLIs disagree:\n${a}\n${b}`);
    const note = "spawned process, start to exit; same Glance, same proxy";
    const passes = (sdkMs: number, baselineMs: number): boolean => sdkMs * 5 <= baselineMs;
    const c = (name: string, args: readonly string[], version = false): BenchCase => ({
      name,
      target: 0.2,
      targetText: "≥ 5× faster",
      passes,
      warmup: 1,
      rounds: 5,
      note,
      sdk: async () => void (version ? await run(process.execPath, [CLI, "--version"], { env }) : await cli(args)),
      baseline: async () => void (version ? await run(OPENSTACK, ["--version"], { env }) : await osc(args)),
    });
    return [
      c("cli: cloud-images image list vs openstack image list", ["image", "list"]),
      c("cli: cloud-images image show vs openstack image show", ["image", "show", "cli-bench-0"]),
      c("cli: cloud-images --version vs openstack --version", [], true),
    ];
  },
  async teardown(): Promise<void> {
    await proxy?.stop();
  },
};

export default bench;
