// Type tests: the pyrax shim's signatures take the argument shapes pyrax took
// (Python keyword arguments as one trailing object, positional arguments positional, ids and
// objects interchangeably) and refuse what those libraries refused. Checked by `tsc` (the
// package's typecheck); the `it` bodies only build the calls, they never send anything.
import { describe, expectTypeOf, it } from "vitest";
import * as pyrax from "../src/pyrax/index.js";

declare const imgs: pyrax.ImageClient;
declare const image: pyrax.Image;
declare const task: pyrax.ImageTask;
declare const cs: pyrax.CloudServersClient;
declare const server: pyrax.CloudServer;

/** Builds the calls without running them. */
function typesOnly(_build: () => unknown): void {}

describe("pyrax signatures", () => {
  it("module setup: positional and keyword credentials", () => {
    typesOnly(() => {
      pyrax.set_setting("identity_type", "rackspace");
      expectTypeOf(pyrax.set_credentials("user", "key")).toEqualTypeOf<Promise<void>>();
      void pyrax.set_credentials({ username: "user", api_key: "key", region: "DFW" });
      void pyrax.set_credentials("user", "key", { region: "LON", authenticate: false });
      void pyrax.set_credential_file("~/.rackspace_cloud_credentials", { region: "ORD" });
      expectTypeOf(pyrax.connect_to_images("DFW")).resolves.toEqualTypeOf<pyrax.ImageClient>();
      expectTypeOf(pyrax.connect_to_cloudservers()).resolves.toEqualTypeOf<pyrax.CloudServersClient>();
      expectTypeOf(pyrax.regions).toEqualTypeOf<readonly string[]>();
      // @ts-expect-error set_credentials takes strings or a keyword object, not a number.
      void pyrax.set_credentials(42);
    });
  });

  it("pyrax.images: kwargs as one trailing object, ids and Image objects interchangeably", () => {
    typesOnly(() => {
      expectTypeOf(imgs.list()).resolves.toEqualTypeOf<pyrax.Image[]>();
      void imgs.list({ limit: 10, marker: "id", name: "n", visibility: "private", member_status: "accepted", owner: "o", tag: "t", status: "active", size_min: 1, size_max: 2, sort_key: "name", sort_dir: "asc" });
      expectTypeOf(imgs.list({ return_raw: true })).resolves.toHaveProperty("images");
      void imgs.list_all({ status: "active" });
      void imgs.get("id");
      void imgs.get(image);
      void imgs.find({ name: "x" });
      void imgs.findall({ visibility: "public" });
      void imgs.create("name", { data: new Uint8Array(1), img_format: "vhd", img_container_format: "bare", metadata: { k: "v" } });
      void imgs.create("name", { data: "./disk.vhd" });
      void imgs.create("name", { container: "exports", obj: "disk.vhd" });
      void imgs.create("name", { obj: { name: "disk.vhd", container: { name: "exports" } } });
      void imgs.update(image, { name: "n", min_ram: 512 });
      void imgs.update("id", { os_distro: "ubuntu" });
      void imgs.change_image_name("id", "new");
      void imgs.delete(image);
      void imgs.add_image_tag(image, "t");
      void imgs.delete_image_tag("id", "t");
      void imgs.list_image_members(image);
      void imgs.get_image_member("id", "tenant");
      void imgs.add_image_member(image, "tenant");
      void imgs.delete_image_member(image, "tenant");
      void imgs.update_image_member("id", "accepted");
      void imgs.export_task(image, "container");
      void imgs.import_task("obj.vhd", "container", { img_format: "vhd", img_name: "n" });
      void imgs.import_task({ name: "obj.vhd" }, { name: "container" });
      void imgs.list_tasks();
      void imgs.get_task(task);
      void imgs.get_task("task-id");
      void imgs.get_images_schema();
      void imgs.get_image_task_schema();
      // @ts-expect-error create's second argument is the keyword object, not positional data.
      void imgs.create("name", new Uint8Array(1));
      // @ts-expect-error update takes a dict of attributes.
      void imgs.update(image, "name");
      // @ts-expect-error list's keyword arguments are named as pyrax named them.
      void imgs.list({ sortKey: "name" });
    });
  });

  it("Image objects: attributes by name, instance methods", () => {
    typesOnly(() => {
      expectTypeOf(image.id).toEqualTypeOf<string>();
      expectTypeOf(image.name).toEqualTypeOf<string | null>();
      expectTypeOf(image["os_distro"]).toEqualTypeOf<unknown>();
      void image.update({ name: "n" });
      void image.change_name("n");
      void image.list_members();
      void image.get_member("tenant");
      void image.add_member("tenant");
      void image.delete_member("tenant");
      void image.add_tag("t");
      void image.delete_tag("t");
      void image.delete();
      expectTypeOf(image.get()).resolves.toEqualTypeOf<pyrax.Image>();
    });
  });

  it("utils: wait_until's real signature (desired a string, list or tuple; kwargs or positional)", () => {
    typesOnly(() => {
      expectTypeOf(pyrax.utils.wait_until(task, "status", "success")).resolves.toEqualTypeOf<pyrax.ImageTask>();
      void pyrax.utils.wait_until(task, "status", ["success", "failure"], { interval: 30, attempts: 10, verbose: true, verbose_atts: ["message"] });
      void pyrax.utils.wait_until(task, "status", ["success", "failure"] as const, { callback: (t) => t?.status });
      void pyrax.utils.wait_until(task, "status", "success", null, 5, 0, true, "progress");
      void pyrax.utils.wait_for_build(image, { interval: 10 });
      expectTypeOf(pyrax.utils.get_id(image)).toEqualTypeOf<string | number>();
      // @ts-expect-error the attribute name is a string.
      void pyrax.utils.wait_until(task, 1, "success");
    });
  });

  it("pyrax.cloudservers and its exceptions", () => {
    typesOnly(() => {
      void cs.images.list();
      void cs.images.get("id");
      void cs.images.find({ name: "Ubuntu" });
      void cs.images.findall({ status: "ACTIVE" });
      void cs.images.delete("id");
      expectTypeOf(cs.servers.create_image(server, "snap")).resolves.toEqualTypeOf<string>();
      expectTypeOf(cs.servers.create_image("server-id", "snap", { k: "v" })).resolves.toEqualTypeOf<string>();
      expectTypeOf(server.create_image("snap")).resolves.toEqualTypeOf<string>();
      void cs.list_images();
      void cs.list_base_images();
      void cs.list_snapshots();
      void cs.find_images_by_name("ubuntu");
      expectTypeOf(cs.exceptions.NotFound).toEqualTypeOf(pyrax.exceptions.NotFound);
      expectTypeOf(cs.exceptions.NoUniqueMatch).toEqualTypeOf(pyrax.exceptions.NoUniqueMatch);
    });
  });
});

