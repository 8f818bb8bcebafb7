// The Rackspace Cloud Images quickstart in its PHP flavour, step by step with the shim, against
// the emulator in rackspace mode: authenticate with an API key, list and read images, update
// one, share it with a second account that accepts it, list/read/delete members, delete.
// (The quickstart's export/import task steps say "Not currently supported by this SDK" for PHP.)
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MemberStatus, Rackspace, ResourceNotFoundException, type ComputeImage, type Image } from "../src/php-opencloud/index.js";

let emu: Emulator;
let client: Rackspace;
let consumer: Rackspace;

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace", jobDurationMs: 200 });
});
afterAll(async () => {
  await client?.close();
  await consumer?.close();
  await emu?.stop();
});

it("walks the PHP quickstart", async () => {
  const [demo, partner] = emu.users as [Emulator["users"][number], Emulator["users"][number]];
  // Authentication: new Rackspace(Rackspace::US_IDENTITY_ENDPOINT, array('username' => …, 'apiKey' => …))
  expect(Rackspace.US_IDENTITY_ENDPOINT).toBe("https://identity.api.rackspacecloud.com/v2.0/");
  expect(Rackspace.UK_IDENTITY_ENDPOINT).toBe("https://lon.identity.api.rackspacecloud.com/v2.0/");
  client = new Rackspace(emu.identityUrl, { username: demo.username, apiKey: demo.apiKey });

  // $imageService = $client->imageService(null, '{region}');
  const imageService = client.imageService(null, "IAD");

  // A snapshot to work with: $server->createImage(...) and waitFor ACTIVE.
  const compute = client.computeService(null, "IAD");
  const servers = await compute.client.images.listServers();
  const snapshot = (await compute.server(servers[0]!.id).createImage("quickstart-image")) as ComputeImage;
  await snapshot.waitFor("ACTIVE", 60, null, 0.05);
  expect(snapshot.status).toBe("ACTIVE");

  // $images = $imageService->listImages(); foreach ($images as $image) { ... }
  const names: string[] = [];
  for await (const image of imageService.listImages()) names.push(String(image["name"]));
  expect(names).toContain("quickstart-image");

  // $image = $imageService->getImage('{imageId}');
  const image: Image = await imageService.getImage(snapshot.id);
  expect(image["status"]).toBe("active");

  // $image->update(array('name' => 'New name', 'custom_property' => 'value'));
  await image.update({ name: "My updated image", custom_property: "value" });
  expect((await imageService.getImage(snapshot.id))["custom_property"]).toBe("value");

  // Share: $member = $image->createMember('{tenantId}');
  const member = await image.createMember(partner.tenantId);
  expect(member["status"]).toBe(MemberStatus.PENDING);

  // The consumer accepts: $member->updateStatus(MemberStatus::ACCEPTED);
  consumer = new Rackspace(emu.identityUrl, { username: partner.username, apiKey: partner.apiKey });
  const consumerImages = consumer.imageService(null, "IAD");
  const sharedImage = await consumerImages.getImage(snapshot.id);
  const myMembership = await sharedImage.getMember(partner.tenantId);
  await myMembership.updateStatus(MemberStatus.ACCEPTED);
  const accepted: string[] = [];
  for await (const i of consumerImages.listImages()) accepted.push(i.getId());
  expect(accepted).toContain(snapshot.id);

  // $members = $image->listMembers(); $member = $image->getMember('{tenantId}');
  const members = image.listMembers();
  let m;
  const listed: string[] = [];
  while ((m = await members.next()) !== false) listed.push(`${m["member_id"]}:${m["status"]}`);
  expect(listed).toEqual([`${partner.tenantId}:accepted`]);
  expect((await image.getMember(partner.tenantId))["status"]).toBe("accepted");

  // $member->delete();
  await (await image.getMember(partner.tenantId)).delete();
  await expect(consumerImages.getImage(snapshot.id)).rejects.toBeInstanceOf(ResourceNotFoundException);

  // $image->delete();
  await image.delete();
  await expect(imageService.getImage(snapshot.id)).rejects.toBeInstanceOf(ResourceNotFoundException);
});
