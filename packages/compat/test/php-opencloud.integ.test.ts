// php-opencloud's image pages (images, sharing, tags, schemas) with the shim against the real
// Glance of the integ project (trusted-auth headers). Glance has no base images: the suite makes
// its own, with the native client.
import { createClient, type NodeImageClient } from "@cloud-images/node";
import { ADMIN_HEADERS, PROJECT_A, PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  ForbiddenOperationException,
  ImageService,
  MemberStatus,
  ResourceNotFoundException,
  RuntimeException,
  type Image,
} from "../src/php-opencloud/index.js";

let nativeA: NodeImageClient;
let nativeB: NodeImageClient;
let nativeAdmin: NodeImageClient;
let service: ImageService;
let consumer: ImageService;
const made: string[] = [];
const prefix = `php-integ-${randomUUID().slice(0, 8)}`;

async function makeImage(name: string, client: NodeImageClient = nativeA, visibility?: "public" | "private" | "shared"): Promise<string> {
  const { image } = await client.uploadImage({
    attributes: { name, disk_format: "raw", container_format: "bare", ...(visibility ? { visibility } : {}) },
    data: new TextEncoder().encode(`data of ${name}`),
  });
  made.push(image.id);
  return image.id;
}

beforeAll(() => {
  const endpoint = inject("glanceUrl");
  nativeA = createClient({ endpoint, headers: trustedAuthHeaders({ project: PROJECT_A }) });
  nativeB = createClient({ endpoint, headers: trustedAuthHeaders({ project: PROJECT_B }) });
  nativeAdmin = createClient({ endpoint, headers: { ...ADMIN_HEADERS } });
  service = new ImageService(nativeA);
  consumer = new ImageService(nativeB);
});
afterAll(async () => {
  for (const id of made) await nativeAdmin.images.delete(id).catch(() => undefined);
  await Promise.all([nativeA, nativeB, nativeAdmin].map((c) => c?.close()));
});

describe("php-opencloud images on real Glance", () => {
  it("listImages: foreach, the next() walk across pages, filters", async () => {
    const ids = [await makeImage(`${prefix}-a`), await makeImage(`${prefix}-b`), await makeImage(`${prefix}-c`)];
    const all: string[] = [];
    for await (const image of service.listImages({ owner: PROJECT_A })) all.push(image.getId());
    expect(all).toEqual(expect.arrayContaining(ids));
    const paged = service.listImages({ owner: PROJECT_A, limit: 1 });
    const walked: string[] = [];
    let image: Image | false;
    while ((image = await paged.next()) !== false) walked.push(image.getId());
    expect(walked).toEqual(all);
    const named = await service.listImages({ name: `${prefix}-b` }).toArray();
    expect(named.map((i) => i["id"])).toEqual([ids[1]]);
  });

  it("getImage reads array-style; update adds, replaces and removes; refresh; delete", async () => {
    const id = await makeImage(`${prefix}-update`);
    const image = await service.getImage(id);
    expect(image["id"]).toBe(id);
    expect(image["tags"]).toEqual([]);
    await image.update({ name: "foo", newProperty: "bar" });
    expect([image["name"], image["newProperty"]]).toEqual(["foo", "bar"]);
    await image.update({ newProperty: "baz", min_ram: 128 });
    expect((await service.getImage(id))["newProperty"]).toBe("baz");
    await image.update({ newProperty: null, protected: false });
    expect(image.offsetExists("newProperty")).toBe(false);
    await expect(image.update({ min_ram: "lots" })).rejects.toBeInstanceOf(RuntimeException);
    const other = await service.getImage(id);
    await other.update({ seen: "yes" });
    await image.refresh();
    expect(image["seen"]).toBe("yes");
    await image.delete();
    await expect(service.getImage(id)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("updating an image you do not own is ForbiddenOperationException", async () => {
    const id = await makeImage(`${prefix}-public`, nativeAdmin, "public");
    const image = await service.getImage(id);
    await expect(image.update({ name: "foo", newProperty: "bar" })).rejects.toBeInstanceOf(ForbiddenOperationException);
    await expect(image.delete()).rejects.toBeInstanceOf(ForbiddenOperationException);
  });

  it("tags", async () => {
    const image = await service.getImage(await makeImage(`${prefix}-tags`));
    await image.addTag("jamie_dev");
    expect((await service.getImage(image.getId()))["tags"]).toEqual(["jamie_dev"]);
    await image.deleteTag("jamie_dev");
    expect((await service.getImage(image.getId()))["tags"]).toEqual([]);
  });

  it("sharing: createMember (a private image is made shared), the consumer accepts, the producer deletes", async () => {
    const image = await service.getImage(await makeImage(`${prefix}-share`, nativeA, "private"));
    const member = await image.createMember(PROJECT_B);
    expect(member["status"]).toBe("pending");
    expect((await service.getImage(image.getId()))["visibility"]).toBe("shared");
    const mine = await (await consumer.getImage(image.getId())).getMember(PROJECT_B);
    await mine.updateStatus(MemberStatus.ACCEPTED);
    expect((await image.getMember(PROJECT_B))["status"]).toBe("accepted");
    await expect((await image.getMember(PROJECT_B)).updateStatus(MemberStatus.REJECTED)).rejects.toBeInstanceOf(ForbiddenOperationException);
    expect((await image.listMembers().toArray()).map((m) => m.getId())).toEqual([PROJECT_B]);
    await (await image.getMember(PROJECT_B)).delete();
    expect(await image.listMembers().count()).toBe(0);
  });

  it("the four schemas", async () => {
    const schema = await service.getImageSchema();
    expect(schema.getName()).toBe("image");
    expect(schema.getProperty("min_ram")?.getTypes()).toContain("integer");
    expect((await service.getImagesSchema()).getName()).toBe("images");
    expect((await service.getMemberSchema()).getName()).toBe("member");
    expect((await service.getMembersSchema()).getName()).toBe("members");
  });
});
