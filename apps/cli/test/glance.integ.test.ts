/**
 * The Glance-backed commands against the REAL Glance 25.1 of the integ project (vitest
 * `inject("glanceUrl")`), through a loopback proxy that turns `--os-token <project>` into
 * Glance's trusted-auth headers — and, for the layout, side by side with Debian's `openstack`
 * CLI talking to the same Glance (byte-for-byte table and JSON output).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_A, PROJECT_B } from "@cloud-images/test-servers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cleanEnv, cli, type CliResult } from "./support/cli.js";
import { startTokenProxy, type TokenProxy } from "./support/token-proxy.js";

const OPENSTACK = "/usr/bin/openstack";
let proxy: TokenProxy;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  proxy = await startTokenProxy(inject("glanceUrl"));
  home = mkdtempSync(path.join(tmpdir(), "cloud-images-cli-glance-"));
  env = cleanEnv(home);
});
afterAll(async () => {
  await proxy?.stop();
  rmSync(home, { recursive: true, force: true });
});

const as = (project: string) => ["--os-endpoint", `${proxy.url}/v2`, "--os-token", project, "--os-project-id", project];
const run = (project: string, args: readonly string[], input?: Buffer): Promise<CliResult> => cli([...as(project), ...args], { env, ...(input ? { input } : {}) });
const ok = async (project: string, args: readonly string[], input?: Buffer): Promise<string> => {
  const r = await run(project, args, input);
  expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
  return r.stdout;
};

describe.sequential("against real Glance", { timeout: 240_000 }, () => {
  const data = Buffer.from("real glance data\n".repeat(4096));
  let id = "";

  it("operator's script: create from standard input, set properties, share, accept as the other project, download, delete", async () => {
    const name = `cli-ops-${process.pid}`;
    id = (await ok(PROJECT_A, ["image", "create", name, "--disk-format", "raw", "--container-format", "bare", "--progress", "-f", "value", "-c", "id"], data)).trim();
    await ok(PROJECT_A, ["image", "set", name, "--property", "os_distro=debian", "--tag", "cli", "--min-ram", "128"]);
    const image = JSON.parse(await ok(PROJECT_A, ["image", "show", id, "-f", "json"])) as Record<string, unknown>;
    expect(image).toMatchObject({ status: "active", size: data.length, min_ram: 128, tags: ["cli"], properties: expect.objectContaining({ os_distro: "debian" }) });
    const member = JSON.parse(await ok(PROJECT_A, ["image", "add", "project", id, PROJECT_B, "-f", "json"])) as Record<string, unknown>;
    expect(member).toMatchObject({ member_id: PROJECT_B, status: "pending" });
    const dup = await run(PROJECT_A, ["image", "member", "add", id, PROJECT_B]);
    expect(dup.code).toBe(4);
    expect(dup.stderr).toMatch(/409: .*duplicated.* \[request req-[0-9a-f-]+\]\n$/);
    await ok(PROJECT_B, ["image", "member", "accept", id]);
    expect(await ok(PROJECT_B, ["image", "list", "--name", name, "-f", "value", "-c", "ID"])).toBe(`${id}\n`);
    const copy = path.join(home, "copy.raw");
    await ok(PROJECT_B, ["image", "save", id, "--file", copy]);
    expect(readFileSync(copy).equals(data)).toBe(true);
    await ok(PROJECT_A, ["image", "delete", name]);
    expect((await run(PROJECT_A, ["image", "show", id])).code).toBe(3);
  });

  it("stage + import glance-direct --wait, web-download --wait, stores, usage, tasks", async () => {
    const file = path.join(home, "stage.raw");
    writeFileSync(file, data);
    const staged = (await ok(PROJECT_A, ["image", "create", `cli-stage-${process.pid}`, "-f", "value", "-c", "id"])).trim();
    await ok(PROJECT_A, ["image", "stage", staged, "--file", file]);
    const imported = JSON.parse(await ok(PROJECT_A, ["image", "import", "glance-direct", staged, "--wait", "-f", "json"])) as Record<string, unknown>;
    expect(imported).toMatchObject({ status: "active", size: data.length });
    const source = `web-${process.pid}.raw`;
    writeFileSync(path.join(inject("sourceDir"), source), data);
    const web = (await ok(PROJECT_A, ["image", "create", `cli-web-${process.pid}`, "-f", "value", "-c", "id"])).trim();
    const viaWeb = JSON.parse(await ok(PROJECT_A, ["image", "import", web, "--method", "web-download", "--uri", `${inject("sourceServerUrl")}/${source}`, "--wait", "-f", "json"])) as Record<string, unknown>;
    expect(viaWeb).toMatchObject({ status: "active", size: data.length });
    const stores = JSON.parse(await ok(PROJECT_A, ["image", "stores", "-f", "json"])) as { ID: string; Default: boolean }[];
    expect(stores.find((s) => s.Default)?.ID).toBeDefined();
    expect((await run(PROJECT_A, ["image", "usage", "-f", "json"])).code).toBe(0);
    expect(JSON.parse(await ok(PROJECT_A, ["image", "task", "list", "-f", "json"]))).toEqual(expect.arrayContaining([expect.objectContaining({ Type: "api_image_import", Status: "success" })]));
    const schema = JSON.parse(await ok(PROJECT_A, ["image", "schema", "show", "image", "-f", "json"])) as { name: string };
    expect(schema.name).toBe("image");
    await ok(PROJECT_A, ["image", "delete", staged, web]);
  });

  it("exit codes from real answers: 403 (member deactivating) is 5, 404 is 3", async () => {
    const queued = (await ok(PROJECT_A, ["image", "create", `cli-codes-${process.pid}`, "-f", "value", "-c", "id"])).trim();
    const r = await run(PROJECT_A, ["image", "deactivate", queued]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^cloud-images: error: POST .* failed with 403: .*\[request req-/);
    expect((await run(PROJECT_A, ["image", "show", "00000000-0000-4000-8000-000000000000"])).code).toBe(3);
    await ok(PROJECT_A, ["image", "delete", queued]);
  });

  const haveOpenstack = existsSync(OPENSTACK);
  it.runIf(haveOpenstack || process.env.CI === "true")("prints what the openstack CLI prints (tables, -f json, -f value, csv, yaml)", async () => {
    const name = `cli-osc-${process.pid}`;
    const file = path.join(home, "osc.raw");
    writeFileSync(file, data);
    const project = `c0c0c0c0c0c0c0c0c0c0c0c0c0${String(process.pid).padStart(6, "0").slice(-6)}`;
    const created = (await ok(project, ["image", "create", name, "--file", file, "--property", "os_distro=debian", "--tag", "b", "--tag", "a", "-f", "value", "-c", "id"])).trim();
    await ok(project, ["image", "create", `${name}-2`, "--disk-format", "qcow2"]);
    await ok(project, ["image", "add", "project", created, PROJECT_B]);
    const osc = async (args: readonly string[]): Promise<string> =>
      (
        await promisify(execFile)(OPENSTACK, ["--os-auth-type", "admin_token", "--os-token", project, "--os-endpoint", `${proxy.url}/v2`, "--os-image-api-version", "2", ...args], {
          env: cleanEnv(home),
        })
      ).stdout;
    for (const args of [
      ["image", "list"],
      ["image", "list", "--long"],
      ["image", "list", "-f", "json"],
      ["image", "list", "--long", "-f", "json"],
      ["image", "list", "-f", "value"],
      ["image", "list", "-f", "csv"],
      ["image", "list", "--long", "-f", "yaml"],
      ["image", "show", name],
      ["image", "show", name, "-f", "yaml"],
      ["image", "show", name, "-c", "name", "-c", "size", "-c", "tags"],
      ["image", "member", "list", created],
      ["image", "member", "list", created, "-f", "json"],
    ]) {
      expect(await ok(project, args), args.join(" ")).toBe(await osc(args));
    }
  });
});
