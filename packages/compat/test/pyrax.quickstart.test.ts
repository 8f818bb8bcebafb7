// The Rackspace Cloud Images quickstart, pyrax flavour, step by step with the shim against the
// emulator (rackspace mode): authenticate, list and read images, update one, export it to Cloud
// Files and import it back while watching the task, share it with a second account that accepts,
// list and read the members, unshare, delete the imported copy.
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pyrax from "../src/pyrax/index.js";

let emu: Emulator;
const POLL = { interval: 0.02, attempts: 500 }; // the quickstart polls every 30 s
const state: { imageId?: string; importedId?: string } = {};

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace", jobDurationMs: 50 });
  pyrax.set_setting("auth_endpoint", emu.identityUrl);
});
afterAll(async () => {
  await pyrax.clear_credentials();
  await emu.stop();
});

describe("Cloud Images quickstart (pyrax)", () => {
  it("Authentication: set_credentials(username, apiKey) with a default region", async () => {
    const { username, apiKey } = emu.users[0]!;
    pyrax.set_setting("identity_type", "rackspace");
    await pyrax.set_default_region("DFW");
    await pyrax.set_credentials(username, apiKey);
    expect(pyrax.identity?.authenticated).toBe(true);
  });

  it("List images, then get one by id", async () => {
    const imgs = pyrax.images;
    const images = await imgs.list();
    expect(images.length).toBeGreaterThan(0);
    const mine = images.find((i) => i.owner === pyrax.identity?.tenant_id)!;
    const image = await imgs.get(mine.id);
    expect(image.name).toBe(mine.name);
    state.imageId = image.id;
  });

  it("Update an image", async () => {
    const image = await pyrax.images.get(state.imageId!);
    await pyrax.images.update(image, { name: "quickstart-image", purpose: "quickstart" });
    expect(image).toMatchObject({ name: "quickstart-image", purpose: "quickstart" });
  });

  it("Export an image to Cloud Files and wait for the task", async () => {
    await pyrax.images.sdk.objectStore!.createContainer("quickstart-exports");
    const task = await pyrax.images.export_task(state.imageId!, "quickstart-exports");
    await pyrax.utils.wait_until(task, "status", ["success", "failure"], POLL);
    expect(task.status).toBe("success");
  });

  it("Import an image from Cloud Files and check the task's status until it ends", async () => {
    const task = await pyrax.images.import_task(`${state.imageId}.vhd`, "quickstart-exports", { img_name: "quickstart-imported" });
    const seen: string[] = [];
    await pyrax.utils.wait_until(task, "status", ["success", "failure"], { ...POLL, verbose: true, print: (l) => seen.push(l) });
    expect(task.status).toBe("success");
    expect(seen.at(-1)).toContain("Current value of status: success");
    state.importedId = (task.result as { image_id: string }).image_id;
    expect((await pyrax.images.get(state.importedId)).name).toBe("quickstart-imported");
  });

  it("Share an image: add a member; the member accepts; list and get members; unshare", async () => {
    const partner = emu.users[1]!;
    const member = await pyrax.images.add_image_member(state.imageId!, partner.tenantId);
    expect(member.status).toBe("pending");

    await pyrax.set_credentials(partner.username, partner.apiKey, { region: "DFW" });
    await pyrax.images.update_image_member(state.imageId!, "accepted");
    expect((await pyrax.images.get(state.imageId!)).name).toBe("quickstart-image");

    await pyrax.set_credentials(emu.users[0]!.username, emu.users[0]!.apiKey);
    expect((await pyrax.images.list_image_members(state.imageId!)).map((m) => m.status)).toEqual(["accepted"]);
    expect((await pyrax.images.get_image_member(state.imageId!, partner.tenantId)).member_id).toBe(partner.tenantId);
    await pyrax.images.delete_image_member(state.imageId!, partner.tenantId);
    expect(await pyrax.images.list_image_members(state.imageId!)).toEqual([]);
  });

  it("Delete an image", async () => {
    await pyrax.images.delete(state.importedId!);
    await expect(pyrax.images.get(state.importedId!)).rejects.toBeInstanceOf(pyrax.exceptions.NotFound);
  });
});
