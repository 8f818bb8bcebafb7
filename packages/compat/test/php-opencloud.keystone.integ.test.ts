// php-opencloud's `OpenStack` client against a real Keystone and a Glance behind it (the
// integ-keystone project): password auth scoped by tenantId (a Keystone v2.0 URL is used as its
// v3 sibling), the image service from the token's catalog, images, update, sharing.
import type {} from "@cloud-images/test-servers/vitest-keystone-setup";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { MemberStatus, OpenStack, ResourceNotFoundException, type ImageService } from "../src/php-opencloud/index.js";

let alice: OpenStack;
let bob: OpenStack;
let service: ImageService;
let bobService: ImageService;

beforeAll(() => {
  const accounts = inject("keystoneAccounts");
  const v2 = inject("keystoneAuthUrl").replace(/\/v3\/?$/, "/v2.0");
  alice = new OpenStack(v2, { username: accounts.a.username, password: accounts.a.password, tenantId: accounts.a.projectId });
  bob = new OpenStack(inject("keystoneAuthUrl"), { username: accounts.b.username, password: accounts.b.password, tenantId: accounts.b.projectId });
  service = alice.imageService(null, inject("keystoneRegion"));
  bobService = bob.imageService(null, inject("keystoneRegion"), "publicURL");
});
afterAll(async () => {
  await alice?.close();
  await bob?.close();
});

it("OpenStack: images from the catalog's image service, update, share with bob, delete", async () => {
  const accounts = inject("keystoneAccounts");
  const { image: made } = await service.client.uploadImage({
    attributes: { name: "php-keystone", disk_format: "raw", container_format: "bare" },
    data: new TextEncoder().encode("php over keystone"),
  });
  const listed: string[] = [];
  for await (const image of service.listImages({ owner: accounts.a.projectId })) listed.push(image.getId());
  expect(listed).toContain(made.id);

  const image = await service.getImage(made.id);
  expect(image["owner"]).toBe(accounts.a.projectId);
  await image.update({ name: "php-keystone-renamed", purpose: "porting" });
  expect((await service.getImage(made.id))["purpose"]).toBe("porting");

  await image.createMember(accounts.b.projectId);
  const membership = await (await bobService.getImage(made.id)).getMember(accounts.b.projectId);
  await membership.updateStatus(MemberStatus.ACCEPTED);
  expect((await image.getMember(accounts.b.projectId))["status"]).toBe("accepted");
  await image.deleteMember(accounts.b.projectId);

  await image.delete();
  await expect(service.getImage(made.id)).rejects.toBeInstanceOf(ResourceNotFoundException);
});
