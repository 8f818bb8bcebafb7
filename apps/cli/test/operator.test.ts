/**
 * An operator's script end to end on the embedded emulator (no server of its own: each
 * command starts the emulator in-process on the persistent data folder), then the same folder
 * served by `cloud-images emulator start` for other tools.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_BIN, cleanEnv, cli, type CliResult } from "./support/cli.js";

let home: string;
let env: Record<string, string>;
beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-images-operator-"));
  // No --data-dir, no CLOUD_IMAGES_DATA_DIR: the default folder under XDG_DATA_HOME.
  env = cleanEnv(home);
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

const sh = async (args: readonly string[], input?: Buffer): Promise<CliResult> => {
  const r = await cli(args, { env, ...(input ? { input } : {}) });
  expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
  return r;
};

describe.sequential("operator's script on the embedded emulator", { timeout: 240_000 }, () => {
  const data = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => i % 251));
  let id = "";

  it("create (no cloud configured: the local emulator is the default), upload with --progress, set properties", async () => {
    const file = path.join(home, "disk.qcow2");
    writeFileSync(file, data);
    id = (await sh(["image", "create", "ops-image", "--disk-format", "qcow2", "--container-format", "bare", "-f", "value", "-c", "id"])).stdout.trim();
    await sh(["image", "upload", id, "--file", file, "--progress"]);
    await sh(["image", "set", id, "--property", "os_distro=ubuntu", "--property", "os_version=24.04", "--tag", "golden"]);
    const image = JSON.parse((await sh(["image", "show", "ops-image", "-f", "json"])).stdout) as { status: string; size: number; properties: Record<string, string>; tags: string[] };
    expect(image).toMatchObject({ status: "active", size: data.length, tags: ["golden"] });
    expect(image.properties).toMatchObject({ os_distro: "ubuntu", os_version: "24.04" });
  });

  it("share with the partner project, who accepts and downloads it", async () => {
    await sh(["image", "add", "project", id, "654321"]);
    const partner = ["--os-username", "partner"];
    await sh([...partner, "image", "set", "--accept", id]);
    const listed = await sh([...partner, "image", "list", "-f", "value", "-c", "ID"]);
    expect(listed.stdout).toBe(`${id}\n`);
    const copy = path.join(home, "copy.qcow2");
    await sh([...partner, "image", "save", id, "--file", copy]);
    expect(readFileSync(copy).equals(data)).toBe(true);
  });

  it("delete: gone for both projects (state persisted across processes in the data folder)", async () => {
    await sh(["image", "delete", "ops-image"]);
    expect((await cli(["image", "show", id], { env })).code).toBe(3);
    expect((await sh(["--os-username", "partner", "image", "list", "-f", "json"])).stdout).toBe("[]\n");
  });

  it("cloud-images emulator start serves the same folder; --local commands use it", async () => {
    const server = spawn(process.execPath, [CLI_BIN, "emulator", "start", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let text = "";
        server.stdout.on("data", (c: Buffer) => {
          text += c.toString();
          if (text.includes("try:")) resolve(text);
        });
        server.once("exit", (code) => reject(new Error(`emulator start exited ${code}`)));
      });
      const url = /listening on (http:\/\/[\d.:]+)/.exec(banner)![1]!;
      expect((await fetch(`${url}/`)).status).toBe(200);
      await sh(["--local", "image", "create", "served-image"]);
      // It went to the served emulator: reachable over HTTP by other tools.
      const r = await cli(["--os-auth-type", "rackspace_apikey", "--os-auth-url", `${url}/identity/v2.0`, "--os-username", "demo", "--os-api-key", "0123456789abcdef0123456789abcdef", "image", "list", "-f", "value", "-c", "Name"], { env });
      expect(r.stdout).toBe("served-image\n");
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  });
});
