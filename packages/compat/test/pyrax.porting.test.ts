// The worked ports of PORTING.md, run against the emulator (rackspace mode): the pyrax nightly
// snapshot script and the python-cloudservers backup script, line for line as the guide shows them
// (only the identity endpoint, the credential file's place and the polling interval differ).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pyrax from "../src/pyrax/index.js";
import * as cloudservers from "../src/cloudservers/index.js";

let emu: Emulator;
let credentials: string;
const STAGING_TENANT = "654321";
const INTERVAL = 0.05; // the guide's scripts poll every 30 s

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace", jobDurationMs: 100 });
  credentials = path.join(await mkdtemp(path.join(tmpdir(), "pyrax-port-")), ".rackspace_cloud_credentials");
  await writeFile(credentials, `[rackspace_cloud]\nusername = demo\napi_key = ${emu.users[0]!.apiKey}\n`);
  pyrax.set_setting("auth_endpoint", emu.identityUrl);
});
afterAll(async () => {
  await pyrax.clear_credentials();
  await emu.stop();
});

describe("PORTING.md worked ports", () => {
  // Four nights of snapshots, exports and listings: more than the default 5 s on a busy machine.
  it("the pyrax nightly script", { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    const print = (...parts: unknown[]): void => void lines.push(parts.map(String).join(" "));
    for (let night = 0; night < 4; night++) {
      // ── as in PORTING.md ──
      pyrax.set_setting("identity_type", "rackspace");
      await pyrax.set_credential_file(credentials);
      const imgs = pyrax.images;
      const cs = pyrax.cloudservers;

      // Nightly: snapshot the web server, wait, tag it and share it with the staging account.
      const server = (await cs.servers.list()).filter((s) => s.name === "web-01")[0]!;
      const image_id = await cs.servers.create_image(server, "web-01-nightly");
      const image = await imgs.get(image_id);
      await pyrax.utils.wait_until(image, "status", ["active", "killed"], { interval: INTERVAL, attempts: 0, verbose: true, print });
      if (image.status !== "active") throw new Error("snapshot failed");
      await imgs.update(image, { ticket: "OPS-42" });
      await image.add_tag("nightly");
      await imgs.add_image_member(image, STAGING_TENANT);

      // Keep the last three nightlies.
      const nightlies = (await imgs.findall({ name: "web-01-nightly" })).sort((a, b) => a.created_at.localeCompare(b.created_at));
      for (const old of nightlies.slice(0, -3)) {
        try {
          await imgs.delete(old);
        } catch (e) {
          if (!(e instanceof pyrax.exceptions.NotFound)) throw e;
        }
      }

      // Export the new one to Cloud Files.
      const task = await imgs.export_task(image, "backups").catch(async (e: unknown) => {
        if (!(e instanceof pyrax.exceptions.NoSuchContainer)) throw e;
        await imgs.sdk.objectStore!.createContainer("backups");
        return imgs.export_task(image, "backups");
      });
      await pyrax.utils.wait_until(task, "status", ["success", "failure"], { interval: INTERVAL, verbose: true, print });
      print(task.status, JSON.stringify(task.result));
      // ── end ──
      expect(task.status).toBe("success");
      expect(image.ticket).toBe("OPS-42");
    }
    const kept = await pyrax.images.findall({ name: "web-01-nightly" });
    expect(kept).toHaveLength(3);
    expect(kept.every((i) => i.tags.includes("nightly"))).toBe(true);
    expect((await pyrax.images.list_image_members(kept[0]!)).map((m) => m.member_id)).toEqual([STAGING_TENANT]);
    expect(lines.some((l) => l.startsWith("Current value of status: "))).toBe(true);
  });

  it("the python-cloudservers backup script", { timeout: 60_000 }, async () => {
    const USER = "demo";
    const KEY = emu.users[0]!.apiKey;
    const lines: string[] = [];
    const print = (...parts: unknown[]): void => void lines.push(parts.map(String).join(" "));
    const sleep = (s: number): Promise<void> => new Promise((r) => setTimeout(r, s * 1000));
    for (let run = 0; run < 2; run++) {
      // ── as in PORTING.md ──
      const cs = new cloudservers.CloudServers(USER, KEY, { authUrl: `${emu.url}/servers-v1/v1.0` });
      for (const image of await cs.images.list()) print(image.id, image.name, image.status);
      try {
        const old = await cs.images.find({ name: "web-backup" });
        await old.delete();
      } catch (e) {
        if (!(e instanceof cs.exceptions.NotFound)) throw e;
      }
      const server = (await cs.sdk.images.listServers()).find((s) => s.name === "legacy-web")!;
      let backup = await cs.images.create("web-backup", server);
      while (backup.status !== "ACTIVE") {
        await sleep(INTERVAL);
        backup = await cs.images.get(backup.id);
      }
      print("backup", backup.id, "of server", backup.serverId, "is", backup.status);
      await cs.close();
      // ── end ──
    }
    expect(lines.filter((l) => l.startsWith("backup "))).toHaveLength(2);
    const check = new cloudservers.CloudServers(USER, KEY, { authUrl: `${emu.url}/servers-v1/v1.0` });
    expect(await check.images.findall({ name: "web-backup" })).toHaveLength(1);
    await check.close();
  });
});
