/**
 * Runs the BUILT command (`bin/cloud-images.js` → `dist/`) as a user does: a spawned process,
 * a clean environment (no `OS_*`, a throwaway HOME, so no clouds.yaml), standard input closed
 * unless the test gives some. `pnpm test` builds before running vitest (turbo `build` in `verify`).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type Emulator } from "@cloud-images/emulator";

/** The `cloud-images` executable. */
export const CLI_BIN = fileURLToPath(new URL("../../bin/cloud-images.js", import.meta.url));

/** What a run printed and its exit code. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Standard output as raw bytes (image data). */
  readonly bytes: Buffer;
}

/** Options of {@link cli}. */
export interface CliOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to standard input, then closed (default: standard input is /dev/null). */
  readonly input?: string | Buffer;
  readonly cwd?: string;
}

/** The environment without any `OS_*` variable, HOME pointing at an empty folder. */
export function cleanEnv(home: string, extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("OS_") && !k.startsWith("CLOUD_IMAGES_")) env[k] = v;
  env.HOME = home;
  env.XDG_CONFIG_HOME = path.join(home, ".config");
  env.XDG_DATA_HOME = path.join(home, ".local", "share");
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Runs `cloud-images ...args`. */
export function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(fileURLToPath(new URL("../../dist/bundle/cli.js", import.meta.url))))
    throw new Error("apps/cli is not built: run `pnpm --filter cloud-images build` (pnpm test builds it first)");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: options.env ? { ...options.env } : { ...process.env },
      cwd: options.cwd,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on("data", (c: Buffer) => out.push(c));
    child.stderr!.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code: code ?? -1, stdout: bytes.toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), bytes });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

/** A local emulator served by the test process, which `--local` commands on its data folder use. */
export interface LocalCloud {
  readonly emulator: Emulator;
  readonly dataDir: string;
  readonly home: string;
  /** Environment for {@link cli}: clean, with `CLOUD_IMAGES_DATA_DIR` set. */
  readonly env: Record<string, string>;
  /** `cli(args)` with {@link LocalCloud.env}, as the demo user (or `--os-username partner`). */
  run(args: readonly string[], options?: Omit<CliOptions, "env">): Promise<CliResult>;
  stop(): Promise<void>;
}

/**
 * Starts the emulator (glance mode, fast jobs) on a new data folder and writes the folder's
 * `served.json` as `cloud-images emulator start` does, so the CLI's `--local` talks to it.
 */
export async function startLocalCloud(): Promise<LocalCloud> {
  const home = mkdtempSync(path.join(tmpdir(), "cloud-images-cli-home-"));
  const dataDir = path.join(home, "emulator");
  const emulator = await startEmulator({ dataDir, mode: "glance", jobDurationMs: 300 });
  writeFileSync(
    path.join(dataDir, "served.json"),
    JSON.stringify({ url: emulator.url, pid: process.pid, users: emulator.users.map((u) => ({ username: u.username, apiKey: u.apiKey, tenantId: u.tenantId })) }),
  );
  const env = cleanEnv(home, { CLOUD_IMAGES_DATA_DIR: dataDir });
  return {
    emulator,
    dataDir,
    home,
    env,
    run: (args, options = {}) => cli(args, { ...options, env }),
    stop: async () => {
      await emulator.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Replaces UUIDs, dates and hex digests so that golden files are stable. */
export function normalize(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, "<date>")
    .replace(/\b[0-9a-f]{128}\b/g, "<sha512>")
    .replace(/\b[0-9a-f]{32}\b/g, "<md5>")
    .replace(/req-[0-9a-f-]+/g, "req-<id>");
}

/** Creates a Cloud Files container of the demo user (for export tasks). */
export async function createContainer(local: LocalCloud, name: string): Promise<void> {
  const user = local.emulator.users[0]!;
  const auth = await fetch(`${local.emulator.identityUrl}/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ auth: { "RAX-KSKEY:apiKeyCredentials": { username: user.username, apiKey: user.apiKey } } }),
  });
  const body = (await auth.json()) as { access: { token: { id: string }; serviceCatalog: { type: string; endpoints: { region: string; publicURL: string }[] }[] } };
  const files = body.access.serviceCatalog.find((s) => s.type === "object-store")!.endpoints.find((e) => e.region === "DFW")!.publicURL;
  const res = await fetch(`${files}/${name}`, { method: "PUT", headers: { "x-auth-token": body.access.token.id } });
  if (res.status >= 300) throw new Error(`PUT container ${name}: ${res.status}`);
}
