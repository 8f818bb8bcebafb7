// The pyrax examples (the pyrax ImageManager page and the Rackspace Cloud Images quickstart in its
// pyrax flavour), written with the shim and run against the emulator in rackspace mode.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { AuthenticationError, NotFoundError, ValidationError } from "@cloud-images/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pyrax from "../src/pyrax/index.js";

let emu: Emulator;
const demo = (): Emulator["users"][number] => emu.users[0]!;
const partner = (): Emulator["users"][number] => emu.users[1]!;
/** Fast polling for tests (the quickstart waits 30 s between reads). */
const quick = { interval: 0.02, attempts: 500 };

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace", jobDurationMs: 50 });
  pyrax.set_setting("identity_type", "rackspace");
  pyrax.set_setting("auth_endpoint", emu.identityUrl);
});
afterAll(async () => {
  await pyrax.clear_credentials();
  await emu.stop();
});

describe("pyrax module setup", () => {
  it("pyrax.images before authenticating is NotAuthenticated", async () => {
    await pyrax.clear_credentials();
    expect(() => pyrax.images.list()).toThrow(pyrax.exceptions.NotAuthenticated);
  });

  it("set_credentials(username, apiKey) logs in and sets identity, regions, images and cloudservers", async () => {
    await pyrax.set_credentials(demo().username, demo().apiKey);
    expect(pyrax.identity).toMatchObject({ authenticated: true, username: "demo", tenant_id: demo().tenantId, region: "DFW" });
    expect(pyrax.regions).toEqual(expect.arrayContaining(["DFW", "ORD", "IAD", "LON", "SYD", "HKG"]));
    expect(pyrax.images).toBeInstanceOf(pyrax.ImageClient);
    expect(JSON.stringify(pyrax.identity)).not.toContain(demo().apiKey);
  });

  it("set_credentials with keywords, and a bad key is AuthenticationFailed (and the SDK's AuthenticationError)", async () => {
    await pyrax.set_credentials({ username: demo().username, api_key: demo().apiKey, region: "ORD" });
    expect(pyrax.images.region_name).toBe("ORD");
    const error = await pyrax.set_credentials(demo().username, "wrong-key").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(pyrax.exceptions.AuthenticationFailed);
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it("set_credential_file reads pyrax's ini format; set_default_region moves the clients", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "pyrax-"));
    const file = path.join(dir, "credentials");
    await writeFile(file, `[rackspace_cloud]\nusername = ${demo().username}\napi_key = ${demo().apiKey}\n`);
    await pyrax.set_credential_file(file);
    expect(pyrax.identity?.username).toBe("demo");
    await pyrax.set_default_region("IAD");
    expect(pyrax.images.region_name).toBe("IAD");
    await writeFile(file, "[rackspace_cloud]\nusername = demo\n");
    await expect(pyrax.set_credential_file(file)).rejects.toBeInstanceOf(pyrax.exceptions.InvalidCredentialFile);
    await pyrax.set_default_region("DFW");
  });

  it("connect_to_images / connect_to_cloudservers by region; an unknown region is NoEndpointForRegion", async () => {
    await pyrax.set_credentials(demo().username, demo().apiKey);
    const lon = await pyrax.connect_to_images("LON");
    expect(lon.region_name).toBe("LON");
    expect((await lon.list()).length).toBeGreaterThan(0);
    const cs = await pyrax.connect_to_cloudservers("ORD");
    expect((await cs.list_images()).length).toBeGreaterThan(0);
    await expect(pyrax.connect_to_images("XYZ")).rejects.toBeInstanceOf(pyrax.exceptions.NoEndpointForRegion);
  });

  it("set_setting refuses keys and identity types pyrax does not know", () => {
    expect(() => pyrax.set_setting("identity_typo", "rackspace")).toThrow(pyrax.exceptions.InvalidSetting);
    expect(() => pyrax.set_setting("identity_type", "ldap")).toThrow(pyrax.exceptions.InvalidSetting);
    expect(pyrax.get_setting("identity_type")).toBe("rackspace");
  });
});

describe("pyrax.images (ImageClient / ImageManager)", () => {
  beforeAll(async () => {
    await pyrax.set_credentials(demo().username, demo().apiKey);
  });

  it("list with filters, return_raw, and list_all across pages", async () => {
    const imgs = pyrax.images;
    const all = await imgs.list_all();
    expect(all.length).toBeGreaterThan(2);
    const page = await imgs.list({ limit: 2 });
    expect(page).toHaveLength(2);
    const next = await imgs.list({ limit: 2, marker: page[1]!.id });
    expect(next[0]!.id).not.toBe(page[0]!.id);
    const publicOnes = await imgs.list({ visibility: "public", sort_key: "name", sort_dir: "asc" });
    expect(publicOnes.every((i) => i.visibility === "public")).toBe(true);
    expect(publicOnes.map((i) => i.name)).toEqual([...publicOnes.map((i) => i.name)].sort());
    const raw = await imgs.list({ limit: 1, return_raw: true });
    expect(raw.images).toHaveLength(1);
    expect(typeof raw.next).toBe("string");
    const active = await imgs.list_all({ status: "active", owner: demo().tenantId });
    expect(active.every((i) => i.owner === demo().tenantId)).toBe(true);
  });

  it("get by id or object; attributes read by name, custom properties included", async () => {
    const [first] = await pyrax.images.list({ visibility: "public", limit: 1 });
    const image = await pyrax.images.get(first!.id);
    expect(image.id).toBe(first!.id);
    expect(image.name).toBe(first!.name);
    expect(typeof image["os_distro"]).toBe("string");
    expect((await pyrax.images.get(image)).id).toBe(image.id);
    await expect(pyrax.images.get("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(pyrax.exceptions.NotFound);
  });

  it("find / findall look at every page; NotFound and NoUniqueMatch", async () => {
    const all = await pyrax.images.list_all();
    const last = all.at(-1)!;
    // Beyond the first page of two.
    expect((await pyrax.images.find({ name: last.name })).id).toBe(last.id);
    expect((await pyrax.images.findall({ visibility: "public" })).length).toBe(all.filter((i) => i.visibility === "public").length);
    await expect(pyrax.images.find({ name: "no such image" })).rejects.toBeInstanceOf(pyrax.exceptions.NotFound);
    await expect(pyrax.images.find({ visibility: "public" })).rejects.toBeInstanceOf(pyrax.exceptions.NoUniqueMatch);
  });

  it("update (add for a new attribute, replace for an existing one), change_image_name, image.update/change_name", async () => {
    const image = await pyrax.images.find({ name: "demo-web-01-snapshot" });
    const updated = await pyrax.images.update(image, { min_ram: 1024, ticket: "OPS-1" });
    expect(updated).toMatchObject({ min_ram: 1024, ticket: "OPS-1" });
    expect((await pyrax.images.update(image.id, { ticket: "OPS-2" }))["ticket"]).toBe("OPS-2");
    expect((await pyrax.images.change_image_name(image, "web-golden")).name).toBe("web-golden");
    expect((await image.change_name("demo-web-01-snapshot")).name).toBe("demo-web-01-snapshot");
    expect((await image.update({ ticket: "OPS-3" }))["ticket"]).toBe("OPS-3");
    await image.get();
    expect(image["ticket"]).toBe("OPS-3");
  });

  it("attributes named like an Image's members or Object.prototype's (manager, get, __proto__, constructor): kept at _info, the methods still work", async () => {
    const image = await pyrax.images.find({ name: "demo-web-01-snapshot" });
    const odd = Object.fromEntries([["manager", "ops"], ["get", "g"], ["__proto__", "p"], ["constructor", "c"]]);
    const updated = await pyrax.images.update(image, odd);
    for (const shown of [updated, image, await pyrax.images.get(image.id)]) {
      expect(shown.manager).toBe(pyrax.images);
      expect(shown._info).toMatchObject({ manager: "ops", get: "g", constructor: "c" });
      expect(Object.getOwnPropertyDescriptor(shown, "__proto__")?.value).toBe("p");
      expect(Object.getPrototypeOf(shown)).toBe(pyrax.Image.prototype);
    }
    expect((await updated.get()).id).toBe(image.id); // still the reload method
    // update: replace where the image has the attribute (its answer says so), add where not.
    const again = await pyrax.images.update(image, Object.fromEntries([["manager", "ops2"], ["__proto__", "p2"], ["toString", "t"]]));
    expect(again._info).toMatchObject({ manager: "ops2", toString: "t" });
    expect(String(again)).toBe("[object Object]");
    expect(Object.getOwnPropertyDescriptor(again, "__proto__")?.value).toBe("p2");
    await pyrax.images.sdk.images.updateProperties(image.id, Object.fromEntries(["manager", "get", "__proto__", "constructor", "toString"].map((k) => [k, null])));
    await image.get(); // the attributes Glance no longer returns go
    for (const key of ["__proto__", "constructor", "toString"]) expect(Object.hasOwn(image, key)).toBe(false);
    expect(image._info).not.toHaveProperty("manager");
    // A filter of that name is one more (unknown) filter, refused as such, never silently dropped.
    await expect(pyrax.images.list(Object.fromEntries([["__proto__", "p"]]))).rejects.toBeInstanceOf(ValidationError);
  });

  it("tags: add_image_tag / delete_image_tag and image.add_tag / delete_tag", async () => {
    const image = await pyrax.images.find({ name: "demo-web-01-snapshot" });
    await pyrax.images.add_image_tag(image, "golden");
    await image.add_tag("nightly");
    expect((await image.get()).tags).toEqual(expect.arrayContaining(["golden", "nightly"]));
    await pyrax.images.delete_image_tag(image.id, "golden");
    await image.delete_tag("nightly");
    expect((await image.get()).tags).toEqual([]);
  });

  it("members: add_image_member, the partner accepts with update_image_member, list/get/delete", async () => {
    const image = await pyrax.images.find({ name: "demo-web-01-snapshot" });
    const member = await pyrax.images.add_image_member(image, partner().tenantId);
    expect(member).toMatchObject({ member_id: partner().tenantId, image_id: image.id, status: "pending" });
    expect(member.id).toBe(partner().tenantId);

    // The image owner cannot set a member's status: InvalidImageMember.
    await expect(pyrax.images.update_image_member(image.id, "accepted")).rejects.toBeInstanceOf(pyrax.exceptions.InvalidImageMember);
    // A status pyrax does not know is refused before sending.
    await expect(pyrax.images.update_image_member(image.id, "approved")).rejects.toBeInstanceOf(pyrax.exceptions.InvalidImageMemberStatus);

    await pyrax.set_credentials(partner().username, partner().apiKey, { region: "DFW" });
    expect((await pyrax.images.update_image_member(image.id, "accepted")).status).toBe("accepted");
    await pyrax.set_credentials(demo().username, demo().apiKey);

    const members = await pyrax.images.list_image_members(image);
    expect(members.map((m) => [m.member_id, m.status])).toEqual([[partner().tenantId, "accepted"]]);
    expect((await pyrax.images.get_image_member(image.id, partner().tenantId)).status).toBe("accepted");
    expect((await image.get_member(member)).member_id).toBe(partner().tenantId);
    expect((await image.list_members()).length).toBe(1);
    await pyrax.images.delete_image_member(image, partner().tenantId);
    expect(await image.list_members()).toEqual([]);
    await image.add_member(partner().tenantId);
    await image.delete_member(partner().tenantId);
  });

  it("sharing a public image is UnsharableImage", async () => {
    const [base] = await pyrax.images.list({ visibility: "public", limit: 1 });
    await expect(pyrax.images.add_image_member(base!, partner().tenantId)).rejects.toBeInstanceOf(pyrax.exceptions.UnsharableImage);
  });

  it("export_task, then import_task from the exported object; wait_until the tasks end; get_task, list_tasks", async () => {
    const store = pyrax.images.sdk.objectStore!;
    await store.createContainer("exports");
    const image = await pyrax.images.find({ name: "demo-web-01-snapshot" });
    const task = await pyrax.images.export_task(image, "exports");
    expect(task).toMatchObject({ type: "export", status: "pending" });
    await pyrax.utils.wait_until(task, "status", ["success", "failure"], quick);
    expect(task.status).toBe("success");
    const location = (task.result as { export_location: string }).export_location;
    expect(location).toBe(`exports/${image.id}.vhd`);

    const imported = await pyrax.images.import_task(`${image.id}.vhd`, "exports", { img_format: "VHD", img_name: "restored-web" });
    const done = await pyrax.utils.wait_until(imported, "status", ["success", "failure"], quick);
    expect(done.status).toBe("success");
    const restored = await pyrax.images.get((done.result as { image_id: string }).image_id);
    expect(restored.name).toBe("restored-web");

    expect((await pyrax.images.get_task(task.id)).status).toBe("success");
    expect((await pyrax.images.list_tasks()).map((t) => t.id)).toEqual(expect.arrayContaining([task.id, imported.id]));
    await expect(pyrax.images.export_task(image, "no-such-container")).rejects.toBeInstanceOf(pyrax.exceptions.NoSuchContainer);
    await restored.delete();
    await expect(pyrax.images.get(restored.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("create(name, data=…) uploads through Cloud Files and an import task; create(container=…, obj=…) imports an object", async () => {
    const data = new TextEncoder().encode("conectix".repeat(128));
    const image = await pyrax.images.create("uploaded-web", { data, img_format: "vhd", metadata: { os_distro: "ubuntu" } });
    expect(image).toMatchObject({ name: "uploaded-web", status: "active", os_distro: "ubuntu", size: data.byteLength });
    await pyrax.images.sdk.objectStore!.putObject("exports", "golden.vhd", data);
    const fromObject = await pyrax.images.create("golden", { container: "exports", obj: "golden.vhd" });
    expect(fromObject).toMatchObject({ name: "golden", status: "active" });
    await pyrax.images.delete(image);
    await pyrax.images.delete(fromObject.id);
  });

  it("the six get_*_schema calls", async () => {
    expect((await pyrax.images.get_images_schema())["name"]).toBe("images");
    expect((await pyrax.images.get_image_schema())["name"]).toBe("image");
    expect((await pyrax.images.get_image_members_schema())["name"]).toBe("members");
    expect((await pyrax.images.get_image_member_schema())["name"]).toBe("member");
    expect((await pyrax.images.get_image_tasks_schema())["name"]).toBe("tasks");
    expect((await pyrax.images.get_image_task_schema())["name"]).toBe("task");
  });

  it("bad ids are refused before sending; a 404 is both the SDK's NotFoundError and pyrax's NotFound", async () => {
    await expect(pyrax.images.delete(undefined as unknown as string)).rejects.toBeInstanceOf(ValidationError);
    const error = await pyrax.images.delete("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(pyrax.exceptions.NotFound);
    expect(error).toBeInstanceOf(pyrax.exceptions.ClientException);
  });
});

describe("pyrax.utils", () => {
  it("get_id / get_name take ids and objects", () => {
    expect(pyrax.utils.get_id("abc")).toBe("abc");
    expect(pyrax.utils.get_id({ id: 7 })).toBe(7);
    expect(pyrax.utils.get_name({ name: "n" })).toBe("n");
    expect(() => pyrax.utils.get_name({})).toThrow(pyrax.exceptions.MissingName);
  });

  it("wait_until: a string or a list of desired values, attempts, verbose output, callback", async () => {
    let status = "queued";
    let reloads = 0;
    const obj = {
      status,
      progress: 0,
      async get() {
        reloads += 1;
        if (reloads === 3) status = "ACTIVE";
        this.status = status;
        this.progress = reloads * 10;
        return this;
      },
    };
    const lines: string[] = [];
    const done = await pyrax.utils.wait_until(obj, "status", "active", { interval: 0, verbose: true, verbose_atts: ["progress"], print: (l) => lines.push(l) });
    expect(done.status).toBe("ACTIVE");
    expect(reloads).toBe(3);
    expect(lines[0]).toMatch(/^Current value of status: queued \(elapsed: +\d+\.\d seconds\) progress=10$/);

    // attempts runs out: the object comes back as it is.
    status = "queued";
    reloads = 100;
    const stuck = await pyrax.utils.wait_until(obj, "status", ["ACTIVE"], { interval: 0, attempts: 4 });
    expect(stuck.status).toBe("queued");
    expect(reloads).toBe(104);

    // A callback: returns at once, the callback gets the object.
    status = "ACTIVE";
    let called: unknown;
    const thread = await pyrax.utils.wait_until(obj, "status", ["ACTIVE"], (o) => (called = o), 0);
    await (thread as pyrax.WaitThread<typeof obj>).join();
    expect(called).toBe(obj);
  });

  it("wait_until with attempts=0 stops at a terminal failure and at its timeout instead of waiting forever", async () => {
    const failed = { status: "ERROR", get: async function () { return this; } };
    expect((await pyrax.utils.wait_until(failed, "status", "ACTIVE", { interval: 0 })).status).toBe("ERROR");
    const stuck = { status: "SAVING", get: async function () { return this; } };
    await expect(pyrax.utils.wait_until(stuck, "status", "ACTIVE", { interval: 0.01, timeout: 0.05, raise_on_timeout: true })).rejects.toBeInstanceOf(pyrax.utils.WaitTimeout);
    expect((await pyrax.utils.wait_until(stuck, "status", "ACTIVE", { interval: 0.01, timeout: 0.05 })).status).toBe("SAVING");
    await expect(pyrax.utils.wait_until({ status: "x" }, "status", "y", { interval: 0 })).rejects.toBeInstanceOf(pyrax.exceptions.NoReloadError);
  });
});

describe("pyrax.cloudservers (image calls)", () => {
  beforeAll(async () => {
    await pyrax.set_credentials(demo().username, demo().apiKey);
  });

  it("images.list/get/find/findall, list_images, list_base_images, list_snapshots, find_images_by_name", async () => {
    const cs = pyrax.cloudservers;
    const images = await cs.images.list();
    expect(images.length).toBeGreaterThan(3);
    const ubuntu = await cs.images.find({ name: "Ubuntu 24.04 LTS (Noble Numbat) (PVHVM)" });
    expect((await cs.images.get(ubuntu.id)).name).toBe(ubuntu.name);
    expect((await cs.images.findall({ status: "ACTIVE" })).length).toBeGreaterThan(1);
    const base = await cs.list_base_images();
    const snapshots = await cs.list_snapshots();
    expect(base.length + snapshots.length).toBe((await cs.list_images()).length);
    expect(snapshots.every((s) => s.server !== undefined)).toBe(true);
    expect((await cs.find_images_by_name("ubuntu")).map((i) => i.name)).toContain(ubuntu.name);
    await expect(cs.images.find({ name: "nope" })).rejects.toBeInstanceOf(cs.exceptions.NotFound);
    await expect(cs.images.find({ status: "ACTIVE" })).rejects.toBeInstanceOf(pyrax.exceptions.NoUniqueMatch);
  });

  it("servers.create_image(server, name) and server.create_image(name) return the id; wait_for_build; delete", async () => {
    const cs = pyrax.cloudservers;
    const [server] = await cs.servers.list();
    const id = await cs.servers.create_image(server!, "nightly");
    expect(typeof id).toBe("string");
    const image = await cs.images.get(id);
    const built = await pyrax.utils.wait_for_build(image, { interval: 0.02 });
    expect((built as typeof image).status).toBe("ACTIVE");
    const second = await (await cs.servers.get(server!.id)).create_image("nightly-2", { team: "web" });
    expect((await cs.images.get(second)).metadata["team"]).toBe("web");
    await cs.images.delete(id);
    await (await cs.images.get(second)).delete();
    await expect(cs.images.get(id)).rejects.toBeInstanceOf(cs.exceptions.NotFound);
  });
});
