// The pyrax ImageManager examples that a plain Glance can serve, through the shim's ImageClient on
// the real Glance of the integ project (trusted-auth headers for two projects): create with data
// (the direct Glance upload path), list/list_all/find, update's add/replace rule, tags, members with
// update_image_member by the member project, the schemas, delete.
import { PROJECT_A, PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { NotFoundError, createClient, type NodeImageClient } from "@cloud-images/node";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ImageClient, exceptions } from "../src/pyrax/index.js";

const clients: NodeImageClient[] = [];
function imagesAs(project: string): ImageClient {
  const sdk = createClient({ endpoint: inject("glanceUrl"), headers: trustedAuthHeaders({ project }), projectId: project });
  clients.push(sdk);
  return new ImageClient(sdk);
}
const owner = imagesAs(PROJECT_A);
const member = imagesAs(PROJECT_B);
const made: string[] = [];

afterAll(async () => {
  await Promise.all(made.map((id) => owner.delete(id).catch(() => undefined)));
  await Promise.all(clients.map((c) => c.close()));
});

describe("pyrax.images on real Glance", () => {
  const name = `pyrax-integ-${Date.now()}`;

  it("create(name, data=…) uploads directly and returns the active image; find/findall/list_all see it", async () => {
    const data = new TextEncoder().encode("pyrax on glance ".repeat(512));
    const image = await owner.create(name, { data, img_format: "raw", img_container_format: "bare", metadata: { os_distro: "debian" } });
    made.push(image.id);
    expect(image).toMatchObject({ name, status: "active", disk_format: "raw", os_distro: "debian", size: data.byteLength });
    expect((await owner.find({ name })).id).toBe(image.id);
    expect(await owner.findall({ name, os_distro: "debian" })).toHaveLength(1);
    expect((await owner.list_all({ owner: PROJECT_A })).map((i) => i.id)).toContain(image.id);
    expect((await owner.list({ name, limit: 5 })).map((i) => i.id)).toEqual([image.id]);
  });

  it("update adds a new property and replaces an existing one; change_image_name; tags", async () => {
    const image = await owner.find({ name });
    expect((await owner.update(image, { ticket: "T-1" }))["ticket"]).toBe("T-1");
    expect((await owner.update(image.id, { ticket: "T-2", min_disk: 3 }))).toMatchObject({ ticket: "T-2", min_disk: 3 });
    await owner.add_image_tag(image, "golden");
    expect((await image.get()).tags).toEqual(["golden"]);
    await image.delete_tag("golden");
    expect((await owner.change_image_name(image, `${name}-renamed`)).name).toBe(`${name}-renamed`);
    await image.change_name(name);
  });

  it("members: add_image_member, the member accepts (update_image_member), list/get/delete; bad status refused", async () => {
    const image = await owner.find({ name });
    await owner.update(image, { visibility: "shared" });
    expect((await owner.add_image_member(image, PROJECT_B)).status).toBe("pending");
    expect((await member.update_image_member(image.id, "accepted")).status).toBe("accepted");
    await expect(member.update_image_member(image.id, "maybe")).rejects.toBeInstanceOf(exceptions.InvalidImageMemberStatus);
    expect((await owner.get_image_member(image, PROJECT_B)).status).toBe("accepted");
    expect((await owner.list_image_members(image.id)).map((m) => m.id)).toEqual([PROJECT_B]);
    await owner.delete_image_member(image, PROJECT_B);
    expect(await owner.list_image_members(image)).toEqual([]);
    await expect(member.update_image_member(image.id, "accepted")).rejects.toBeInstanceOf(exceptions.InvalidImageMember);
  });

  it("the schemas", async () => {
    expect((await owner.get_image_schema())["name"]).toBe("image");
    expect((await owner.get_images_schema())["name"]).toBe("images");
    expect((await owner.get_image_member_schema())["name"]).toBe("member");
    expect((await owner.get_image_members_schema())["name"]).toBe("members");
    expect((await owner.get_image_task_schema())["name"]).toBe("task");
    expect((await owner.get_image_tasks_schema())["name"]).toBe("tasks");
  });

  it("delete; then get is NotFound (pyrax's and the SDK's)", async () => {
    const image = await owner.find({ name });
    await image.delete();
    const error = await owner.get(image.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(exceptions.NotFound);
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
