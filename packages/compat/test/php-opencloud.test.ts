// The examples of php-opencloud's image pages (services/image: images, sharing, tags, schemas)
// and of its compute images page (services/compute/images), written with the shim and run
// against the emulator in rackspace mode, as Rackspace users ran them.
import { seededData, startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClientErrorResponseException,
  ComputeImage,
  ForbiddenOperationException,
  Image,
  InvalidArgumentException,
  Member,
  MemberStatus,
  Rackspace,
  ImageError,
  ResourceNotFoundException,
  RuntimeException,
  type ComputeService,
  type ImageService,
} from "../src/php-opencloud/index.js";
import { HttpError, ValidationError } from "@cloud-images/core";
import { inspect } from "node:util";

let emu: Emulator;
let client: Rackspace;
let partnerClient: Rackspace;
let service: ImageService;
let partnerService: ImageService;
let compute: ComputeService;
const seed = seededData("DFW");
const demoSnapshot = seed.snapshots.find((s) => s.owner === "123456")!;
const demoServer = seed.servers.find((s) => s.tenantId === "123456" && s.name === "web-01")!;

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace", jobDurationMs: 300 });
  const [demo, partner] = emu.users as [Emulator["users"][number], Emulator["users"][number]];
  client = new Rackspace(emu.identityUrl, { username: demo.username, apiKey: demo.apiKey });
  partnerClient = new Rackspace(emu.identityUrl, { username: partner.username, apiKey: partner.apiKey });
  service = client.imageService(null, "DFW");
  partnerService = partnerClient.imageService("cloudImages", "DFW");
  compute = client.computeService(null, "DFW");
});
afterAll(async () => {
  await client?.close();
  await partnerClient?.close();
  await emu?.stop();
});

describe("services/image/images", () => {
  it("lists images with foreach, each an Image", async () => {
    const images = service.listImages();
    const names: string[] = [];
    for await (const image of images) {
      expect(image).toBeInstanceOf(Image);
      names.push(String(image["name"]));
    }
    expect(names).toEqual(expect.arrayContaining([...seed.baseImages.map((b) => b.name), demoSnapshot.name]));
  });

  it("walks every page with the old next() loop, by id markers (page size 2)", async () => {
    const images = service.listImages({ limit: 2 });
    const seen: string[] = [];
    let image: Image | false;
    while ((image = await images.next()) !== false) seen.push(image.getId());
    const all = (await service.listImages().toArray()).map((i) => i.getId());
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(2);
    const first = await images.first();
    expect(first && first.getId()).toBe(all[0]);
    expect(await images.count()).toBe(all.length);
  });

  it("passes Glance filters and custom-property filters", async () => {
    const privateOnes = await service.listImages({ visibility: "private" }).toArray();
    expect(privateOnes.map((i) => i["id"])).toEqual([demoSnapshot.id]);
    const ubuntu = await service.listImages({ os_distro: "ubuntu" }).toArray();
    expect(ubuntu.map((i) => i["name"])).toEqual(["Ubuntu 24.04 LTS (Noble Numbat) (PVHVM)"]);
  });

  it("gets image details and reads them array-style", async () => {
    const image = await service.getImage(demoSnapshot.id);
    const id = image["id"];
    const tags = image["tags"];
    expect(id).toBe(demoSnapshot.id);
    expect(tags).toEqual([]);
    expect(image.offsetGet("visibility")).toBe("private");
    expect(image.offsetExists("checksum")).toBe(true);
    expect(image.offsetExists("no_such_property")).toBe(false);
    expect(image.offsetGet("no_such_property")).toBeNull();
  });

  it("an unknown image is ResourceNotFoundException (a ClientErrorResponseException, an HttpError)", async () => {
    const error = await service.getImage("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toBeInstanceOf(ClientErrorResponseException);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as ResourceNotFoundException).getStatusCode()).toBe(404);
  });

  it("updates with the add / replace / remove rules, checked against the schema", async () => {
    const image = await service.getImage(demoSnapshot.id);
    await image.update({ name: "foo", newProperty: "bar" });
    expect(image["name"]).toBe("foo"); // replace: the image has a name
    expect(image["newProperty"]).toBe("bar"); // add: it had no such property
    await image.update({ newProperty: "baz" });
    expect((await service.getImage(demoSnapshot.id))["newProperty"]).toBe("baz");
    await image.update({ newProperty: null });
    expect(image.offsetExists("newProperty")).toBe(false);
    expect((await service.getImage(demoSnapshot.id)).offsetExists("newProperty")).toBe(false);
    await image.update({ newProperty: false, name: demoSnapshot.name }); // false removes a non-boolean property (absent: nothing sent)
    expect(image["name"]).toBe(demoSnapshot.name);
    await image.update({ protected: false }); // false is a value for a boolean property, not a removal
    expect(image["protected"]).toBe(false);
  });

  it("properties named like Object.prototype's members (constructor, toString, __proto__) are properties", async () => {
    const image = await service.getImage(demoSnapshot.id);
    expect(image.offsetGet("constructor")).toBeNull();
    expect(image.offsetExists("toString")).toBe(false);
    await image.update(Object.fromEntries([["constructor", "c"], ["__proto__", "p"]]));
    expect(image.offsetGet("constructor")).toBe("c");
    expect(image.offsetGet("__proto__")).toBe("p");
    expect(Object.getOwnPropertyDescriptor(image.getData(), "__proto__")?.value).toBe("p");
    expect((await service.getImage(demoSnapshot.id)).offsetGet("__proto__")).toBe("p");
    const found = await service.listImages(Object.fromEntries([["__proto__", "p"]])).toArray();
    expect(found.map((i) => i["id"])).toEqual([demoSnapshot.id]);
    await image.update({ constructor: "c2" }); // replace: the image has it now
    expect(image.offsetGet("constructor")).toBe("c2");
    await image.update(Object.fromEntries([["constructor", null], ["__proto__", null]]));
    expect(image.offsetExists("constructor")).toBe(false);
    expect(image.offsetExists("__proto__")).toBe(false);
    expect(() => client.imageService(null, "DFW", "constructor")).toThrow(ValidationError);
    // Checked as additionalProperties (strings), not against Object's function.
    await expect(image.update({ toString: 5 })).rejects.toBeInstanceOf(RuntimeException);
  });

  it("a schema-refused value is RuntimeException and a read-only attribute ValidationError, before any request", async () => {
    const image = await service.getImage(demoSnapshot.id);
    const before = emu.stats.requests;
    await expect(image.update({ visibility: "everyone" })).rejects.toBeInstanceOf(RuntimeException);
    await expect(image.update({ newProperty: 42 })).rejects.toBeInstanceOf(RuntimeException);
    await expect(image.update({ status: "active" })).rejects.toBeInstanceOf(ValidationError);
    expect(emu.stats.requests).toBe(before);
  });

  it("updating an image you do not own is ForbiddenOperationException, as the doc's try/catch expects", async () => {
    const base = await service.getImage(seed.baseImages[0]!.id);
    try {
      await base.update({ name: "foo", newProperty: "bar" });
      expect.unreachable("a base image cannot be updated");
    } catch (e) {
      // catch (ForbiddenOperationException $e) { /* A 403 Forbidden was returned */ }
      expect(e).toBeInstanceOf(ForbiddenOperationException);
      expect((e as ForbiddenOperationException).status).toBe(403);
    }
  });

  it("refresh() reads the server's state again", async () => {
    const a = await service.getImage(demoSnapshot.id);
    const b = await service.getImage(demoSnapshot.id);
    await b.update({ refreshed: "yes" });
    expect(a.offsetExists("refreshed")).toBe(false);
    await a.refresh();
    expect(a["refreshed"]).toBe("yes");
    await a.update({ refreshed: null });
  });

  it("deletes an image (a base image cannot be deleted: ForbiddenOperationException)", async () => {
    const base = await service.getImage(seed.baseImages[0]!.id);
    await expect(base.delete()).rejects.toBeInstanceOf(ForbiddenOperationException);
    const snap = await compute.server(demoServer.id).createImage("to-delete");
    expect(snap).toBeInstanceOf(ComputeImage);
    await (snap as ComputeImage).waitFor("ACTIVE", 30, null, 0.05);
    const image = await service.getImage((snap as ComputeImage).id);
    await image.delete();
    await expect(service.getImage(image.getId())).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("services/image/tags", () => {
  it("adds and deletes an image tag", async () => {
    const image = await service.getImage(demoSnapshot.id);
    await image.addTag("jamie_dev");
    expect(image["tags"]).toEqual(["jamie_dev"]);
    expect((await service.getImage(demoSnapshot.id))["tags"]).toEqual(["jamie_dev"]);
    await image.deleteTag("jamie_dev");
    expect((await service.getImage(demoSnapshot.id))["tags"]).toEqual([]);
    await expect(image.deleteTag("jamie_dev")).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("services/image/sharing", () => {
  it("creates a member, the consumer lists it, accepts and rejects; the producer deletes it", async () => {
    const partner = emu.users[1]!;
    const image = await service.getImage(demoSnapshot.id);
    const created = await image.createMember(partner.tenantId);
    expect(created).toBeInstanceOf(Member);
    expect(created["status"]).toBe("pending");

    const members = await image.listMembers().toArray();
    expect(members.map((m) => [m.getId(), m["status"]])).toEqual([[partner.tenantId, "pending"]]);

    // the consumer: getImage, getMember, updateStatus(MemberStatus::ACCEPTED)
    const shared = await partnerService.getImage(demoSnapshot.id);
    const member = await shared.getMember(partner.tenantId);
    await member.updateStatus(MemberStatus.ACCEPTED);
    expect(member["status"]).toBe("accepted");
    expect((await partnerService.listImages({ member_status: "accepted" }).toArray()).map((i) => i.getId())).toContain(demoSnapshot.id);
    await member.updateStatus(MemberStatus.REJECTED);
    expect((await image.getMember(partner.tenantId))["status"]).toBe("rejected");

    // the producer may not set a member's status
    await expect((await image.getMember(partner.tenantId)).updateStatus(MemberStatus.ACCEPTED)).rejects.toBeInstanceOf(ForbiddenOperationException);
    // a status outside MemberStatus is refused before any request
    await expect(member.updateStatus("maybe" as never)).rejects.toBeInstanceOf(InvalidArgumentException);

    // delete: getMember then delete()
    await (await image.getMember(partner.tenantId)).delete();
    expect(await image.listMembers().toArray()).toEqual([]);
    await expect(image.getMember(partner.tenantId)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("deleteMember(tenantId) stops sharing in one call", async () => {
    const partner = emu.users[1]!;
    const image = await service.getImage(demoSnapshot.id);
    await image.createMember(partner.tenantId);
    await image.deleteMember(partner.tenantId);
    expect(await image.listMembers().count()).toBe(0);
  });
});

describe("services/image/schemas", () => {
  it("returns the four schemas with their properties", async () => {
    const imageSchema = await service.getImageSchema();
    expect(imageSchema.getName()).toBe("image");
    expect(imageSchema["name"]).toBe("image");
    expect(imageSchema.getProperty("visibility")?.getTypes()).toContain("string");
    expect(imageSchema.getProperty("nope")).toBeNull();
    expect(imageSchema.getAdditionalProperties()).not.toBe(false);
    expect((await service.getImagesSchema()).getName()).toBe("images");
    expect((await service.getMemberSchema()).getName()).toBe("member");
    expect((await service.getMembersSchema()).getName()).toBe("members");
  });
});

describe("services/compute/images", () => {
  it("lists images (detailed by default, as php-opencloud's code does)", async () => {
    const images = compute.imageList();
    const all: ComputeImage[] = [];
    for await (const image of images) all.push(image);
    expect(all.length).toBeGreaterThan(0);
    expect(all[0]).toBeInstanceOf(ComputeImage);
    expect(all[0]!.status).toBe("ACTIVE");
    expect(typeof all[0]!.minDisk).toBe("number");
  });

  it("imageList(false) gives id and name only; imageList(true) the details", async () => {
    const brief = await compute.imageList(false).toArray();
    expect(brief[0]!.id).toBeTruthy();
    expect(brief[0]!.name).toBeTruthy();
    expect(brief[0]!.status).toBeUndefined();
    const detailed = await compute.imageList(true).toArray();
    expect(detailed.map((i) => i.id).sort()).toEqual(brief.map((i) => i.id).sort());
    expect(detailed.every((i) => i.status !== undefined)).toBe(true);
  });

  it("filters: server, name, status, type, limit + marker (next() walk)", async () => {
    const byServer = await compute.imageList(false, { server: demoServer.id }).toArray();
    expect(byServer.map((i) => i.id)).toContain(demoSnapshot.id);
    const byName = await compute.imageList(true, { name: demoSnapshot.name }).toArray();
    expect(byName.map((i) => i.id)).toEqual([demoSnapshot.id]);
    const snapshots = await compute.imageList(true, { type: "SNAPSHOT", status: "ACTIVE" }).toArray();
    expect(snapshots.map((i) => i.id)).toContain(demoSnapshot.id);
    expect(snapshots.map((i) => i.id)).not.toContain(seed.baseImages[0]!.id);
    const all = await compute.imageList(true).toArray();
    const paged = compute.imageList(true, { limit: 1 });
    const walked: string[] = [];
    let image: ComputeImage | false;
    while ((image = await paged.next()) !== false) walked.push(image.id);
    expect(walked).toEqual(all.map((i) => i.id));
    const afterFirst = await compute.imageList(true, { marker: all[0]!.id }).toArray();
    expect(afterFirst.map((i) => i.id)).toEqual(all.slice(1).map((i) => i.id));
    const since = await compute.imageList(true, { "changes-since": "2000-01-01T00:00:00Z" }).toArray();
    expect(since.length).toBeGreaterThan(0);
  });

  it("unknown filters and a non-boolean first argument are refused before any request", () => {
    expect(() => compute.imageList(false, { colour: "red" } as never)).toThrow(ValidationError);
    expect(() => compute.imageList("yes" as never)).toThrow(InvalidArgumentException);
  });

  it("retrieves details about an image, and deletes one", async () => {
    const image = await compute.image(demoSnapshot.id);
    expect(image.name).toBe(demoSnapshot.name);
    expect(image.status).toBe("ACTIVE");
    const snap = (await compute.server(demoServer.id).createImage("compute-delete")) as ComputeImage;
    await snap.waitFor(null, null, null, 0.05);
    await snap.delete();
    await expect(compute.image(snap.id)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("server.createImage(name, metadata) then waitFor(ACTIVE, timeout, callback, interval)", async () => {
    const image = await compute.server(demoServer.id).createImage("nightly", { purpose: "backup" });
    expect(image).toBeInstanceOf(ComputeImage);
    const snap = image as ComputeImage;
    const seen: string[] = [];
    await snap.waitFor("ACTIVE", 60, (i) => seen.push(`${i.status}:${i.progress}`), 0.05);
    expect(snap.status).toBe("ACTIVE");
    expect(snap.metadata).toMatchObject({ purpose: "backup" });
    expect(seen.at(-1)).toBe("ACTIVE:100");
    expect(seen.length).toBeGreaterThan(1);
    await snap.delete();
  });

  it("waitFor returns at its timeout like php-opencloud (read status afterwards)", async () => {
    const snap = (await compute.server(demoServer.id).createImage("slow")) as ComputeImage;
    let polls = 0;
    await snap.waitFor("NEVER", 0.001, () => (polls += 1), 0.01);
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(snap.status).not.toBe("NEVER");
    await snap.waitFor("ACTIVE", 30, null, 0.05);
    await snap.delete();
  });

  it("createImage without a name is ImageError before any request", async () => {
    const before = emu.stats.requests;
    await expect(compute.server(demoServer.id).createImage("")).rejects.toBeInstanceOf(ImageError);
    expect(emu.stats.requests).toBe(before);
  });
});

describe("secrets", () => {
  it("the client, its services, images and errors never show the API key", async () => {
    const demo = emu.users[0]!;
    const image = await service.getImage(demoSnapshot.id);
    const error = await service.getImage("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    for (const shown of [inspect(client, { depth: 8 }), inspect(service, { depth: 8 }), inspect(compute, { depth: 8 }), inspect(image, { depth: 8 }), JSON.stringify(image), inspect(error, { depth: 8 }), JSON.stringify(error)]) {
      expect(shown).not.toContain(demo.apiKey);
    }
  });

  it("leaving a foreach early is fine, and the iterator can be walked again", async () => {
    const images = service.listImages({ limit: 1 });
    for await (const image of images) {
      expect(image).toBeInstanceOf(Image);
      break;
    }
    expect((await images.toArray()).length).toBeGreaterThan(1);
  });
});

