/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies are read loosely in tests */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type Emulator } from "../src/index.js";
import { specRecorder } from "./spec-check.js";

const spec = specRecorder();
let emulator: Emulator;
let demo: { token: string; images: string; files: string; compute: string; legacy: string };
let partner: { token: string; images: string; files: string };

async function login(username: string, apiKey: string) {
  const res = await fetch(`${emulator.identityUrl}/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ auth: { "RAX-KSKEY:apiKeyCredentials": { username, apiKey } } }),
  });
  const { access } = (await res.json()) as any;
  const url = (name: string) => access.serviceCatalog.find((s: any) => s.name === name).endpoints.find((e: any) => !e.region || e.region === "DFW").publicURL as string;
  return { token: access.token.id as string, images: url("cloudImages"), files: url("cloudFiles"), compute: url("cloudServersOpenStack"), legacy: url("cloudServers") };
}

async function call(who: { token: string }, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { "x-auth-token": who.token, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

async function waitTask(id: string) {
  for (let i = 0; i < 100; i++) {
    const t = await call(demo, "GET", `${demo.images}/tasks/${id}`);
    if (t.json.status === "success" || t.json.status === "failure") return t.json;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("task did not end");
}

beforeAll(async () => {
  emulator = await startEmulator({ jobDurationMs: 200, onResponse: spec.onResponse });
  demo = await login("demo", emulator.users[0]!.apiKey);
  partner = await login("partner", emulator.users[1]!.apiKey);
});
afterAll(async () => {
  await emulator.stop();
});

describe("Cloud Images (rackspace mode) and Cloud Files", () => {
  it("lists base images and the account's snapshot; refuses POST /images and direct data access", async () => {
    const list = await call(demo, "GET", `${demo.images}/images`);
    expect(list.status).toBe(200);
    const names = list.json.images.map((i: any) => i.name);
    expect(names).toContain("demo-web-01-snapshot");
    expect(names).not.toContain("partner-web-01-snapshot");
    const create = await call(demo, "POST", `${demo.images}/images`, { name: "x" });
    expect(create.status).toBe(403);
    const own = list.json.images.find((i: any) => i.name === "demo-web-01-snapshot");
    expect((await call(demo, "GET", `${demo.images}/images/${own.id}/file`)).status).toBe(403);
    const schemas = await Promise.all(["image", "images", "member", "members", "task", "tasks"].map((s) => call(demo, "GET", `${demo.images}/schemas/${s}`)));
    expect(schemas.map((s) => s.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it("exports into an existing container, imports back, and reports Rackspace's failures", async () => {
    const image = (await call(demo, "GET", `${demo.images}/images?name=demo-web-01-snapshot`)).json.images[0];
    let task = await call(demo, "POST", `${demo.images}/tasks`, { type: "export", input: { image_uuid: image.id, receiving_swift_container: "exports" } });
    expect(task.status).toBe(201);
    expect(task.json.status).toBe("pending");
    let done = await waitTask(task.json.id);
    expect(done.status).toBe("failure");
    expect(done.message).toMatch(/container exports was not found/);

    expect((await call(demo, "PUT", `${demo.files}/exports`)).status).toBe(201);
    task = await call(demo, "POST", `${demo.images}/tasks`, { type: "export", input: { image_uuid: image.id, receiving_swift_container: "exports" } });
    done = await waitTask(task.json.id);
    expect(done.status).toBe("success");
    expect(done.result.export_location).toBe(`exports/${image.id}.vhd`);
    expect(done.expires_at).toBeTruthy();
    const listing = await call(demo, "GET", `${demo.files}/exports?format=json`);
    expect(listing.json.map((o: any) => o.name)).toEqual([`${image.id}.vhd`]);
    expect(listing.json[0].bytes).toBe(image.size);

    const bad = await call(demo, "POST", `${demo.images}/tasks`, { type: "import", input: { import_from: `exports/${image.id}.vhd`, image_properties: { name: "x", min_ram: 1 } } });
    expect(bad.status).toBe(400);
    task = await call(demo, "POST", `${demo.images}/tasks`, { type: "import", input: { import_from: `exports/${image.id}.vhd`, import_from_format: "vhd", image_properties: { name: "imported" } } });
    done = await waitTask(task.json.id);
    expect(done.status).toBe("success");
    const imported = await call(demo, "GET", `${demo.images}/images/${done.result.image_id}`);
    expect(imported.json).toMatchObject({ name: "imported", status: "active", checksum: image.checksum, owner: "123456" });

    task = await call(demo, "POST", `${demo.images}/tasks`, { type: "export", input: { image_uuid: "00000000-0000-0000-0000-000000000000", receiving_swift_container: "exports" } });
    done = await waitTask(task.json.id);
    expect(done.message).toBe("Requested image for export was not found: 00000000-0000-0000-0000-000000000000");
    task = await call(demo, "POST", `${demo.images}/tasks`, { type: "import", input: { import_from: "exports/missing.vhd" } });
    done = await waitTask(task.json.id);
    expect(done.status).toBe("failure");
    expect((await call(demo, "GET", `${demo.images}/tasks`)).json.tasks.length).toBe(5);
  });

  it("shares with the partner account, which accepts; members listed and removed", async () => {
    const image = (await call(demo, "GET", `${demo.images}/images?name=demo-web-01-snapshot`)).json.images[0];
    expect((await call(partner, "GET", `${partner.images}/images/${image.id}`)).status).toBe(404);
    const added = await call(demo, "POST", `${demo.images}/images/${image.id}/members`, { member: "654321" });
    expect(added.json).toMatchObject({ member_id: "654321", status: "pending" });
    expect((await call(partner, "GET", `${partner.images}/images`)).json.images.map((i: any) => i.id)).not.toContain(image.id);
    const accepted = await call(partner, "PUT", `${partner.images}/images/${image.id}/members/654321`, { status: "accepted" });
    expect(accepted.json.status).toBe("accepted");
    expect((await call(partner, "GET", `${partner.images}/images`)).json.images.map((i: any) => i.id)).toContain(image.id);
    expect((await call(demo, "GET", `${demo.images}/images/${image.id}/members`)).json.members).toHaveLength(1);
    expect((await call(demo, "DELETE", `${demo.images}/images/${image.id}/members/654321`)).status).toBe(204);
    expect((await call(partner, "GET", `${partner.images}/images/${image.id}`)).status).toBe(404);
  });

  it("patches, tags and deletes an own image; base images belong to Rackspace", async () => {
    const list = (await call(demo, "GET", `${demo.images}/images`)).json.images;
    const base = list.find((i: any) => i.owner === "rackspace");
    const patch = (id: string, ops: unknown) => call(demo, "PATCH", `${demo.images}/images/${id}`, JSON.stringify(ops), { "content-type": "application/openstack-images-v2.1-json-patch" });
    expect((await patch(base.id, [{ op: "replace", path: "/name", value: "mine" }])).status).toBe(403);
    const own = list.find((i: any) => i.owner === "123456");
    const patched = await patch(own.id, [{ op: "add", path: "/com.example.team", value: "web" }]);
    expect(patched.json["com.example.team"]).toBe("web");
    expect((await call(demo, "PUT", `${demo.images}/images/${own.id}/tags/prod`)).status).toBe(204);
    expect((await call(demo, "GET", `${demo.images}/images?tag=prod`)).json.images.map((i: any) => i.id)).toEqual([own.id]);
  });

  it("has no `shared` visibility: its schema, listings, create and patch refuse it; members are added to private images", async () => {
    const schema = await call(demo, "GET", `${demo.images}/schemas/image`);
    expect(schema.json.properties.visibility.enum).toEqual(["public", "private"]);

    const listed = await call(partner, "GET", `${partner.images}/images?visibility=shared`);
    expect(listed.status).toBe(400);
    expect(listed.json.message).toMatch(/^Invalid visibility value: shared<br/);
    expect((await call(partner, "GET", `${partner.images}/images?visibility=shared&member_status=pending`)).status).toBe(400);

    // Glance's deserializer checks the body against the image schema before the create policy's 403.
    const notOneOf = /^Provided object does not match schema 'image': 'shared' is not one of \['public', 'private'\]\n\nFailed validating 'enum' in schema\['properties'\]\['visibility'\]/;
    const create = await call(demo, "POST", `${demo.images}/images`, { name: "x", visibility: "shared" });
    expect(create.status).toBe(400);
    expect(create.json.message).toMatch(notOneOf);
    expect((await call(demo, "POST", `${demo.images}/images`, { name: "x", visibility: "private" })).status).toBe(403);

    const image = (await call(partner, "GET", `${partner.images}/images?name=partner-web-01-snapshot`)).json.images[0];
    expect(image.visibility).toBe("private");
    const patch = (ops: unknown) => call(partner, "PATCH", `${partner.images}/images/${image.id}`, JSON.stringify(ops), { "content-type": "application/openstack-images-v2.1-json-patch" });
    const refused = await patch([{ op: "replace", path: "/visibility", value: "shared" }]);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(notOneOf);
    expect((await patch([{ op: "replace", path: "/visibility", value: "community" }])).status).toBe(400);
    expect((await patch([{ op: "replace", path: "/visibility", value: "private" }])).json.visibility).toBe("private");

    // Members on a private image; the consumer finds it by member status, without a visibility filter.
    const added = await call(partner, "POST", `${partner.images}/images/${image.id}/members`, { member: "123456" });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ member_id: "123456", status: "pending" });
    const pending = (await call(demo, "GET", `${demo.images}/images?member_status=pending`)).json.images;
    expect(pending.find((i: any) => i.id === image.id)).toMatchObject({ visibility: "private", owner: "654321" });
    expect((await call(demo, "GET", `${demo.images}/images`)).json.images.map((i: any) => i.id)).not.toContain(image.id);
    expect((await call(partner, "DELETE", `${partner.images}/images/${image.id}/members/123456`)).status).toBe(204);
  });

  it("every response matched the spec", () => {
    expect(spec.problems).toEqual([]);
  });
});

describe("Cloud Servers next-gen and v1.0", () => {
  // Jobs advance with the emulator's clock (Date.now in this process). Faking only Date makes
  // each status a step of the test's own, not a race against a loaded machine.
  afterEach(() => {
    vi.useRealTimers();
  });

  it("snapshots a server with createImage: 202 + Location, SAVING with progress, then ACTIVE", async () => {
    const servers = (await call(demo, "GET", `${demo.compute}/servers/detail`)).json.servers;
    const web = servers.find((s: any) => s.name === "web-01");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const start = Date.now();
    const res = await call(demo, "POST", `${demo.compute}/servers/${web.id}/action`, { createImage: { name: "nightly", metadata: { purpose: "backup" } } });
    expect(res.status).toBe(202);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${demo.compute}/images/[0-9a-f-]{36}$`));
    let image = (await call(demo, "GET", location)).json.image;
    expect(image.status).toBe("SAVING");
    expect(image.progress).toBeLessThan(100);
    expect(image.metadata.purpose).toBe("backup");
    expect((await call(demo, "POST", `${demo.compute}/servers/${web.id}/action`, { createImage: { name: "again" } })).status).toBe(409);
    vi.setSystemTime(start + 100);
    image = (await call(demo, "GET", location)).json.image;
    expect(image).toMatchObject({ status: "SAVING", progress: 50 });
    vi.setSystemTime(start + 250);
    image = (await call(demo, "GET", location)).json.image;
    expect(image).toMatchObject({ status: "ACTIVE", progress: 100, server: { id: web.id } });
    vi.useRealTimers();

    const snaps = (await call(demo, "GET", `${demo.compute}/images/detail?type=SNAPSHOT&server=${web.id}`)).json.images;
    expect(snaps.map((i: any) => i.name).sort()).toEqual(["demo-web-01-snapshot", "nightly"]);
    const bases = (await call(demo, "GET", `${demo.compute}/images?type=BASE`)).json.images;
    expect(bases.length).toBe(4);
    const page = await call(demo, "GET", `${demo.compute}/images/detail?limit=2`);
    expect(page.json.images).toHaveLength(2);
    expect(page.json.images_links[0].rel).toBe("next");

    const meta = `${demo.compute}/images/${image.id}/metadata`;
    expect((await call(demo, "POST", meta, { metadata: { a: "1" } })).json.metadata.a).toBe("1");
    expect((await call(demo, "PUT", `${meta}/b`, { meta: { b: "2" } })).json).toEqual({ meta: { b: "2" } });
    expect((await call(demo, "GET", `${meta}/b`)).json).toEqual({ meta: { b: "2" } });
    expect((await call(demo, "PUT", `${meta}/b`, { meta: { c: "2" } })).status).toBe(400);
    expect((await call(demo, "DELETE", `${meta}/b`)).status).toBe(204);
    expect((await call(demo, "GET", `${meta}/b`)).status).toBe(404);
    expect((await call(demo, "PUT", meta, { metadata: { only: "this" } })).json.metadata).toEqual({ only: "this" });
    const since = new Date(Date.now() - 1000).toISOString();
    expect((await call(demo, "DELETE", location)).status).toBe(204);
    expect((await call(demo, "GET", location)).status).toBe(404);
    const changed = (await call(demo, "GET", `${demo.compute}/images/detail?changes-since=${since}`)).json.images;
    expect(changed.find((i: any) => i.id === image.id).status).toBe("DELETED");
  });

  it("v1.0: token from X-Auth-User/X-Auth-Key, images with integer ids, create from a server", async () => {
    const auth = await fetch(`${emulator.url}/servers-v1/v1.0`, { headers: { "x-auth-user": "demo", "x-auth-key": emulator.users[0]!.apiKey } });
    const who = { token: auth.headers.get("x-auth-token")! };
    const root = auth.headers.get("x-server-management-url")!;
    const list = await call(who, "GET", `${root}/images/detail`);
    expect(list.json.images.some((i: any) => i.id === 112 && i.status === "ACTIVE")).toBe(true);
    const server = (await call(who, "GET", `${root}/servers`)).json.servers[0];
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const start = Date.now();
    const created = await call(who, "POST", `${root}/images`, { image: { serverId: server.id, name: "v1 backup" } });
    expect(created.status).toBe(202);
    expect(created.json.image).toMatchObject({ serverId: server.id, name: "v1 backup", status: "QUEUED", progress: 0 });
    const at = async (ms: number) => {
      vi.setSystemTime(start + ms);
      return (await call(who, "GET", `${root}/images/${created.json.image.id}`)).json.image;
    };
    // jobDurationMs is 200: PREPARING from 10 %, SAVING from 20 % with progress, then ACTIVE.
    expect(await at(30)).toMatchObject({ status: "PREPARING", progress: 0 });
    const saving = await at(120);
    expect(saving.status).toBe("SAVING");
    expect(saving.progress).toBeGreaterThan(0);
    expect(saving.progress).toBeLessThan(100);
    expect(await at(200)).toMatchObject({ status: "ACTIVE", progress: 100 });
    vi.useRealTimers();
    expect((await call(who, "DELETE", `${root}/images/${created.json.image.id}`)).status).toBe(204);
    expect((await call(who, "GET", `${root}/images/${created.json.image.id}`)).json).toEqual({ itemNotFound: { message: "Image not found", code: 404 } });
  });
});
