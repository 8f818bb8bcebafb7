// Type tests: the shim's signatures accept the argument shapes openstacksdk's image proxy
// accepted, with keyword arguments as one trailing object. Checked by the typecheck.
import { describe, expectTypeOf, it } from "vitest";

/**
 * A case whose body is type-checked only: it works on declared (not real) values, so the test
 * run just records it; the typecheck (`tsc -p tsconfig.test.json`) is what fails on a mismatch.
 */
function typeCase(name: string, body: () => void): void {
  it(name, () => expectTypeOf(body).toBeFunction());
}
import type { Connection, DownloadResponse, Image, Member} from "../src/openstacksdk/index.js";
import { connect, type ImageProxy } from "../src/openstacksdk/index.js";

declare const proxy: ImageProxy;
declare const image: Image;
declare const member: Member;

describe("openstacksdk shim signatures", () => {
  typeCase("connect()", () => {
    expectTypeOf(connect).toBeCallableWith();
    expectTypeOf(connect).toBeCallableWith({ cloud: "mycloud" });
    expectTypeOf(connect).toBeCallableWith({ cloud: "mycloud", region_name: "RegionOne" });
    expectTypeOf(connect).toBeCallableWith({
      auth: { auth_url: "https://keystone/v3", username: "u", password: "p", project_name: "demo", user_domain_name: "Default", project_domain_name: "Default" },
      region_name: "RegionOne",
    });
    expectTypeOf(connect()).toEqualTypeOf<Connection>();
    expectTypeOf(connect().image).toEqualTypeOf<ImageProxy>();
  });

  typeCase("images(**query), create_image, upload_image", () => {
    expectTypeOf(proxy.images()).toMatchTypeOf<AsyncIterable<Image>>();
    expectTypeOf(proxy.images).toBeCallableWith({ name: "cirros", visibility: "public", status: "active", limit: 10, sort_key: "name", tag: "t" });
    expectTypeOf(proxy.images).toBeCallableWith({ os_distro: "ubuntu" });
    expectTypeOf(proxy.images).toBeCallableWith("image-id");
    expectTypeOf(proxy.create_image).toBeCallableWith({ name: "n", data: "This is fake image data.", disk_format: "raw", container_format: "bare", visibility: "public" });
    expectTypeOf(proxy.create_image).toBeCallableWith({ name: "n", id: "b6b0b3a8-6b8e-4f6e-8a1e-0c8d4d7d6e1f", disk_format: "qcow2", container_format: "bare", min_disk: 1, is_protected: false, tags: ["a"], meta: { k: "v" } });
    expectTypeOf(proxy.create_image).toBeCallableWith("name", { filename: "./cirros.img", wait: true, timeout: 600 });
    expectTypeOf(proxy.create_image({ name: "n" })).resolves.toEqualTypeOf<Image>();
    expectTypeOf(proxy.upload_image).toBeCallableWith({ name: "n", data: new Uint8Array(1), disk_format: "raw", container_format: "bare" });
  });

  typeCase("get/find/update/delete, tags, activation", () => {
    expectTypeOf(proxy.get_image).toBeCallableWith("id");
    expectTypeOf(proxy.get_image).toBeCallableWith(image);
    expectTypeOf(proxy.find_image("name")).resolves.toEqualTypeOf<Image | null>();
    expectTypeOf(proxy.find_image).toBeCallableWith("name", { ignore_missing: false });
    expectTypeOf(proxy.update_image).toBeCallableWith(image, { name: "n", min_ram: 512, is_protected: true, custom: "x" });
    expectTypeOf(proxy.delete_image).toBeCallableWith(image);
    expectTypeOf(proxy.delete_image).toBeCallableWith("id", { ignore_missing: false });
    expectTypeOf(proxy.deactivate_image).toBeCallableWith(image);
    expectTypeOf(proxy.reactivate_image).toBeCallableWith("id");
    expectTypeOf(proxy.add_tag).toBeCallableWith(image, "tag");
    expectTypeOf(proxy.remove_tag).toBeCallableWith("id", "tag");
  });

  typeCase("download_image(image, stream=…, output=…)", () => {
    expectTypeOf(proxy.download_image).toBeCallableWith(image);
    expectTypeOf(proxy.download_image).toBeCallableWith(image, { stream: true });
    expectTypeOf(proxy.download_image).toBeCallableWith("id", { output: "myimage.qcow2" });
    expectTypeOf(proxy.download_image(image)).resolves.toEqualTypeOf<DownloadResponse>();
    const response = {} as DownloadResponse;
    expectTypeOf(response.iter_content(1024)).toMatchTypeOf<AsyncIterable<Uint8Array>>();
    expectTypeOf(response.headers["Content-MD5"]).toEqualTypeOf<string | undefined>();
  });

  typeCase("members and wait_for_status", () => {
    expectTypeOf(proxy.add_member).toBeCallableWith(image, { member_id: "project" });
    // @ts-expect-error member_id is a keyword argument
    expectTypeOf(proxy.add_member).toBeCallableWith(image, "project");
    expectTypeOf(proxy.remove_member).toBeCallableWith(member);
    expectTypeOf(proxy.remove_member).toBeCallableWith("project", image, { ignore_missing: false });
    expectTypeOf(proxy.find_member("project", image)).resolves.toEqualTypeOf<Member | null>();
    expectTypeOf(proxy.get_member).toBeCallableWith(member, image);
    expectTypeOf(proxy.members(image)).toMatchTypeOf<AsyncIterable<Member>>();
    expectTypeOf(proxy.update_member).toBeCallableWith(member, image, { status: "accepted" });
    // @ts-expect-error not a member status
    expectTypeOf(proxy.update_member).toBeCallableWith(member, image, { status: "maybe" });
    expectTypeOf(proxy.wait_for_status).toBeCallableWith(image, "active", { failures: ["error"], interval: 2, wait: 120 });
    expectTypeOf(proxy.wait_for_status).toBeCallableWith(image, { status: "active", wait: null });
    expectTypeOf(proxy.wait_for_status(image)).resolves.toEqualTypeOf<Image>();
  });

  typeCase("image attributes read as openstacksdk's", () => {
    expectTypeOf(image.status).toEqualTypeOf<string>();
    expectTypeOf(image.visibility).toEqualTypeOf<string>();
    expectTypeOf(image.min_disk).toEqualTypeOf<number>();
    expectTypeOf(image.owner).toEqualTypeOf<string | null>();
    expectTypeOf(image.checksum).toEqualTypeOf<string | null>();
    expectTypeOf(image.is_protected).toEqualTypeOf<boolean>();
    expectTypeOf(image.protected).toEqualTypeOf<boolean>();
    expectTypeOf(image.properties).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(member.status).toEqualTypeOf<string>();
  });
});
