// The python-cloudservers ImageManager page, written with the shim and run against the emulator's
// first-generation Cloud Servers v1.0 API (v1.0 login with X-Auth-User/X-Auth-Key, integer ids).
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { AuthenticationError, LegacyImageNotFoundError, NotFoundError, ValidationError } from "@cloud-images/node";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudServers, Image } from "../src/cloudservers/index.js";

let emu: Emulator;
let cs: CloudServers;

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace", jobDurationMs: 50 });
  const demo = emu.users[0]!;
  cs = new CloudServers(demo.username, demo.apiKey, { authUrl: `${emu.url}/servers-v1/v1.0` });
});
afterAll(async () => {
  await cs.close();
  await emu.stop();
});

describe("cloudservers.ImageManager", () => {
  it("list() gives every image with its attributes (id, name, created, updated, status, progress, serverId)", async () => {
    const images = await cs.images.list();
    expect(images.length).toBeGreaterThanOrEqual(4);
    const centos = images.find((i) => i.name === "CentOS 5.5")!;
    expect(centos).toBeInstanceOf(Image);
    expect(centos).toMatchObject({ id: 187, name: "CentOS 5.5", status: "ACTIVE" });
    // `progress` is only sent while an image is saving; the attribute is there either way.
    expect("progress" in centos).toBe(true);
    expect(typeof centos.created).toBe("string");
    expect(typeof centos.updated).toBe("string");
    const backup = images.find((i) => i.name === "demo-legacy-backup")!;
    expect(typeof backup.serverId).toBe("number");
  });

  it("get(image) by integer id or by image; find(**kwargs) and findall(**kwargs)", async () => {
    const ubuntu = await cs.images.get(112);
    expect(ubuntu.name).toBe("Ubuntu 10.04 LTS");
    expect((await cs.images.get(ubuntu)).id).toBe(112);
    expect((await cs.images.find({ name: "CentOS 5.5" })).id).toBe(187);
    expect((await cs.images.findall({ status: "ACTIVE" })).length).toBeGreaterThanOrEqual(4);
  });

  it("find raises NotFound / NoUniqueMatch, get of a missing id NotFound — as cloudservers.exceptions and as SDK errors", async () => {
    const none = await cs.images.find({ name: "Windows 95" }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(cs.exceptions.NotFound);
    expect(none).toBeInstanceOf(LegacyImageNotFoundError);
    await expect(cs.images.find({ status: "ACTIVE" })).rejects.toBeInstanceOf(cs.exceptions.NoUniqueMatch);
    const missing = await cs.images.get(999_999).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(cs.exceptions.NotFound);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it("create(name, server) snapshots a server (by id or object); delete(image) and image.delete()", async () => {
    const servers = await cs.sdk.images.listServers();
    const image = await cs.images.create("nightly", servers[0]!.id);
    expect(image).toMatchObject({ name: "nightly", serverId: servers[0]!.id });
    const second = await cs.images.create("nightly-2", servers[1]!);
    // A snapshot being built cannot be deleted (409, as on Cloud Servers): wait for ACTIVE first.
    await Promise.all([image.id, second.id].map((id) => untilActive(id)));
    await cs.images.delete(image);
    await second.delete();
    await expect(cs.images.get(image.id)).rejects.toBeInstanceOf(cs.exceptions.NotFound);
    await expect(cs.images.get(second.id)).rejects.toBeInstanceOf(cs.exceptions.NotFound);
  });

  /** Polls the image until the emulator has finished the snapshot (bounded: 20 s). */
  async function untilActive(id: number): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if ((await cs.images.get(id)).status === "ACTIVE") return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`image ${id} never became ACTIVE`);
  }

  it("refuses a non-integer id before sending", async () => {
    await expect(cs.images.get("112" as unknown as number)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("CloudServers login", () => {
  it("a wrong key is an AuthenticationError, and the key shows nowhere", async () => {
    const bad = new CloudServers("demo", "not-the-key", { auth_url: `${emu.url}/servers-v1/v1.0` });
    try {
      await expect(bad.authenticate()).rejects.toBeInstanceOf(AuthenticationError);
      await expect(bad.images.list()).rejects.toBeInstanceOf(AuthenticationError);
      expect(inspect(bad)).not.toContain("not-the-key");
      expect(JSON.stringify(bad)).not.toContain("not-the-key");
    } finally {
      await bad.close();
    }
  });

  it("logs in again once the token is revoked", async () => {
    await cs.authenticate();
    const before = emu.stats.legacyAuthRequests;
    emu.revokeTokens();
    expect((await cs.images.get(187)).name).toBe("CentOS 5.5");
    expect(emu.stats.legacyAuthRequests).toBe(before + 1);
  });
});
