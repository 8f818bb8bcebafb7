// Type tests: the shim's signatures accept the argument shapes php-opencloud accepted (and
// refuse what it refused). Checked by the typecheck (tsconfig.test.json); the calls are never
// made (the functions below are only type-checked).
import { describe, expectTypeOf, it } from "vitest";

/**
 * A case whose body is type-checked only: it works on declared (not real) values, so the test
 * run just records it; the typecheck (`tsc -p tsconfig.test.json`) is what fails on a mismatch.
 */
function typeCase(name: string, body: () => void): void {
  it(name, () => expectTypeOf(body).toBeFunction());
}
import type {
  ComputeImage,
  Image,
  Member,
  ResourceIterator,
  Schema} from "../src/php-opencloud/index.js";
import {
  MemberStatus,
  OpenStack,
  Rackspace,
  type ComputeService,
  type ImageService,
} from "../src/php-opencloud/index.js";

declare const service: ImageService;
declare const compute: ComputeService;
declare const image: Image;
declare const member: Member;
declare const schema: Schema;

describe("php-opencloud shim signatures", () => {
  typeCase("clients and services take php-opencloud's arguments", () => {
    expectTypeOf(Rackspace.US_IDENTITY_ENDPOINT).toEqualTypeOf<string>();
    const shapes = (): void => {
      new Rackspace(Rackspace.US_IDENTITY_ENDPOINT, { username: "u", apiKey: "k" });
      new Rackspace(Rackspace.UK_IDENTITY_ENDPOINT, { username: "u", password: "p" });
      new Rackspace(Rackspace.US_IDENTITY_ENDPOINT, { username: "u", apiKey: "k", tenantId: "123" });
      new OpenStack("https://keystone.example.com/v2.0", { username: "u", password: "p", tenantId: "t" });
      new OpenStack("https://keystone.example.com/v3", { username: "u", password: "p", tenantName: "demo" });
      // @ts-expect-error php-opencloud needed a username
      new Rackspace(Rackspace.US_IDENTITY_ENDPOINT, { apiKey: "k" });
      const client = new Rackspace(Rackspace.US_IDENTITY_ENDPOINT, { username: "u", apiKey: "k" });
      client.imageService(null, "IAD");
      client.imageService("cloudImages", "IAD");
      client.imageService(null, "IAD", "publicURL");
      client.imageService();
      client.computeService(null, "DFW");
      client.computeService("cloudServersOpenStack", "DFW", "internalURL");
    };
    expectTypeOf(shapes).toBeFunction();
  });

  typeCase("image service calls", () => {
    expectTypeOf(service.listImages).toBeCallableWith();
    expectTypeOf(service.listImages).toBeCallableWith({ visibility: "private", limit: 10, os_distro: "ubuntu" });
    expectTypeOf(service.listImages()).toEqualTypeOf<ResourceIterator<Image>>();
    expectTypeOf(service.getImage).parameters.toEqualTypeOf<[imageId: string]>();
    expectTypeOf(service.getImage("id")).resolves.toEqualTypeOf<Image>();
    expectTypeOf(service.image({ id: "x" })).toEqualTypeOf<Image>();
    expectTypeOf(service.getImageSchema()).resolves.toEqualTypeOf<Schema>();
    expectTypeOf(service.getImagesSchema()).resolves.toEqualTypeOf<Schema>();
    expectTypeOf(service.getMemberSchema()).resolves.toEqualTypeOf<Schema>();
    expectTypeOf(service.getMembersSchema()).resolves.toEqualTypeOf<Schema>();
  });

  typeCase("iterators: foreach and the old next() walk", () => {
    const images = service.listImages();
    expectTypeOf(images).toMatchTypeOf<AsyncIterable<Image>>();
    expectTypeOf(images.next()).resolves.toEqualTypeOf<Image | false>();
    expectTypeOf(images.first()).resolves.toEqualTypeOf<Image | false>();
    expectTypeOf(images.count()).resolves.toEqualTypeOf<number>();
  });

  typeCase("image and member methods, array-style reads", () => {
    expectTypeOf(image["id"]).toEqualTypeOf<unknown>();
    expectTypeOf(image.offsetGet("tags")).toEqualTypeOf<unknown>();
    expectTypeOf(image.update).toBeCallableWith({ name: "foo", newProperty: "bar" });
    expectTypeOf(image.update).toBeCallableWith({ name: "foo" }, schema);
    expectTypeOf(image.update).toBeCallableWith({ newProperty: null, other: false });
    expectTypeOf(image.refresh()).resolves.toEqualTypeOf<Image>();
    expectTypeOf(image.delete()).resolves.toEqualTypeOf<void>();
    expectTypeOf(image.listMembers()).toEqualTypeOf<ResourceIterator<Member>>();
    expectTypeOf(image.getMember("tenant")).resolves.toEqualTypeOf<Member>();
    expectTypeOf(image.createMember("tenant")).resolves.toEqualTypeOf<Member>();
    expectTypeOf(image.deleteMember).toBeCallableWith("tenant");
    expectTypeOf(image.addTag).toBeCallableWith("jamie_dev");
    expectTypeOf(image.deleteTag).toBeCallableWith("jamie_dev");
    expectTypeOf(member.updateStatus).toBeCallableWith(MemberStatus.ACCEPTED);
    expectTypeOf(member.updateStatus).toBeCallableWith("rejected");
    // @ts-expect-error only MemberStatus values
    expectTypeOf(member.updateStatus).toBeCallableWith("maybe");
    expectTypeOf(member.delete()).resolves.toEqualTypeOf<void>();
  });

  typeCase("compute images: imageList(detailed, filters), image(id), createImage, waitFor", () => {
    expectTypeOf(compute.imageList).toBeCallableWith();
    expectTypeOf(compute.imageList).toBeCallableWith(true);
    expectTypeOf(compute.imageList).toBeCallableWith(false, { server: "id" });
    expectTypeOf(compute.imageList).toBeCallableWith(true, { name: "n", status: "ACTIVE", "changes-since": "2014-01-01T00:00:00Z", marker: "id", limit: 10, type: "SNAPSHOT" });
    // @ts-expect-error not an image filter
    expectTypeOf(compute.imageList).toBeCallableWith(false, { colour: "red" });
    // @ts-expect-error type is BASE or SNAPSHOT
    expectTypeOf(compute.imageList).toBeCallableWith(false, { type: "OTHER" });
    expectTypeOf(compute.imageList()).toEqualTypeOf<ResourceIterator<ComputeImage>>();
    expectTypeOf(compute.image("id")).resolves.toEqualTypeOf<ComputeImage>();
    const server = compute.server("server-id");
    expectTypeOf(server.createImage).toBeCallableWith("name");
    expectTypeOf(server.createImage).toBeCallableWith("name", { key: "value" });
    expectTypeOf(server.createImage("n")).resolves.toEqualTypeOf<ComputeImage | false>();
    const snap = {} as ComputeImage;
    expectTypeOf(snap.waitFor).toBeCallableWith();
    expectTypeOf(snap.waitFor).toBeCallableWith("ACTIVE");
    expectTypeOf(snap.waitFor).toBeCallableWith("ACTIVE", 600, (i: ComputeImage) => console.log(i.status, i.progress), 5);
    expectTypeOf(snap.waitFor).toBeCallableWith(null, null, null, 10);
    expectTypeOf(snap.status).toEqualTypeOf<"ACTIVE" | "SAVING" | "ERROR" | "DELETED" | "UNKNOWN" | undefined>();
    expectTypeOf(snap.name).toEqualTypeOf<string>();
  });
});
