// The openstacksdk image guide against the emulator in glance mode (trusted-auth headers), and
// the ways to connect (clouds.yaml, OS_*, inline auth) against the emulator in rackspace mode.
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { createClient } from "@cloud-images/node";
import { ADMIN_HEADERS, ADMIN_PROJECT, PROJECT_A, PROJECT_B, startSourceServer, trustedAuthHeaders, type SourceServer } from "@cloud-images/test-servers";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { inspect } from "node:util";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Connection, connect, ForbiddenException, from_config, Image } from "../src/openstacksdk/index.js";
import { imageProxyGuide, type Who } from "./support/openstacksdk-guide.js";

let glanceEmu: Emulator | undefined;
let source: SourceServer | undefined;
const served: Record<string, Uint8Array> = {};
const headersFor = (who: Who): Record<string, string> =>
  who === "admin" ? { ...ADMIN_HEADERS } : trustedAuthHeaders({ project: who === "a" ? PROJECT_A : PROJECT_B });

imageProxyGuide({
  name: "the emulator (glance mode)",
  async start() {
    glanceEmu = await startEmulator({ mode: "glance", jobDurationMs: 200 });
    source = await startSourceServer((p) => served[p.slice(1)]);
  },
  async stop() {
    await source?.stop();
    await glanceEmu?.stop();
  },
  connect: (who) => new Connection({ session: createClient({ endpoint: `${glanceEmu!.url}/images/DFW`, headers: headersFor(who) }) }),
  projectId: (who) => (who === "a" ? PROJECT_A : who === "b" ? PROJECT_B : ADMIN_PROJECT),
  serve: (name, bytes) => {
    served[name] = bytes;
    return Promise.resolve(`${source!.url}/${name}`);
  },
});

describe("connecting as openstacksdk does (emulator, rackspace mode)", () => {
  let emu: Emulator;
  const conns: Connection[] = [];
  beforeAll(async () => {
    emu = await startEmulator({ mode: "rackspace" });
  });
  afterAll(async () => {
    for (const c of conns) await c.close();
    await emu.stop();
  });

  async function names(conn: Connection): Promise<string[]> {
    conns.push(conn);
    const out: string[] = [];
    for await (const image of conn.image.images({ visibility: "private" })) out.push(String(image.name));
    return out;
  }

  it("connect({ cloud }) reads clouds.yaml", async () => {
    const demo = emu.users[0]!;
    const dir = mkdtempSync(path.join(tmpdir(), "osdk-clouds-"));
    writeFileSync(
      path.join(dir, "clouds.yaml"),
      `clouds:\n  emu:\n    auth_type: rackspace_apikey\n    auth:\n      auth_url: ${emu.identityUrl}\n      username: ${demo.username}\n      api_key: ${demo.apiKey}\n    region_name: DFW\n`,
    );
    const sources = { cwd: dir, home: dir, etcDir: dir, env: {} };
    expect(await names(connect({ cloud: "emu", config_sources: sources }))).toEqual(["demo-web-01-snapshot"]);
    expect(await names(from_config({ cloud: "emu", config_sources: sources }))).toEqual(["demo-web-01-snapshot"]);
  });

  it("connect() reads the OS_* variables", async () => {
    const partner = emu.users[1]!;
    const env = { OS_AUTH_URL: emu.identityUrl, OS_AUTH_TYPE: "rackspace_apikey", OS_USERNAME: partner.username, OS_API_KEY: partner.apiKey, OS_REGION_NAME: "DFW" };
    const dir = mkdtempSync(path.join(tmpdir(), "osdk-env-"));
    expect(await names(connect({ config_sources: { env, cwd: dir, home: dir, etcDir: dir } }))).toEqual(["partner-web-01-snapshot"]);
  });

  it("connect({ auth, auth_type, region_name }) takes the settings inline", async () => {
    const demo = emu.users[0]!;
    const conn = connect({ auth_type: "rackspace_apikey", auth: { auth_url: emu.identityUrl, username: demo.username, api_key: demo.apiKey }, region_name: "DFW" });
    expect(await names(conn)).toEqual(["demo-web-01-snapshot"]);
    const image = (await conn.image.find_image("demo-web-01-snapshot"))!;
    expect(image).toBeInstanceOf(Image);
    expect(image.owner).toBe(demo.tenantId);
    expect(image.instance_uuid).toBeTruthy();
    expect(image.properties["image_type"]).toBe("snapshot");
  });

  it("create_image with data on Rackspace (POST /images refused) goes through Cloud Files and an import task", async () => {
    const demo = emu.users[0]!;
    const conn = connect({ auth_type: "rackspace_apikey", auth: { auth_url: emu.identityUrl, username: demo.username, api_key: demo.apiKey }, region_name: "DFW" });
    conns.push(conn);
    const data = "a VHD, in spirit\n".repeat(100);
    const image = await conn.image.create_image({ name: "osdk-rackspace-upload", data, disk_format: "vhd", container_format: "ovf", os_distro: "debian", container: "osdk-imports" });
    expect(image.status).toBe("active");
    expect(image.name).toBe("osdk-rackspace-upload");
    expect(image.size).toBe(data.length);
    expect(image.checksum).toBe(createHash("md5").update(data).digest("hex"));
    expect(image.os_distro).toBe("debian");
    // Cloud Images serves no image data (export it with a task instead): openstacksdk's ForbiddenException
    await expect(conn.image.download_image(image)).rejects.toBeInstanceOf(ForbiddenException);
    await conn.image.delete_image(image, { ignore_missing: false });
    expect(await conn.image.find_image("osdk-rackspace-upload")).toBeNull();
  });

  it("a connection never shows its credentials; a loop left early stops the listing", async () => {
    const demo = emu.users[0]!;
    const conn = connect({ auth_type: "rackspace_apikey", auth: { auth_url: emu.identityUrl, username: demo.username, api_key: demo.apiKey }, region_name: "DFW" });
    conns.push(conn);
    for await (const image of conn.image.images({ limit: 1 })) {
      expect(image).toBeInstanceOf(Image);
      break;
    }
    const missing = await conn.image.get_image("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    for (const shown of [inspect(conn, { depth: 8 }), inspect(conn.image, { depth: 8 }), inspect(missing, { depth: 8 }), JSON.stringify(missing)]) {
      expect(shown).not.toContain(demo.apiKey);
    }
  });
});

