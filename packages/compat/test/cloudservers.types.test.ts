// Type tests: the python-cloudservers shim's signatures take the argument shapes it took (keyword
// arguments as one trailing object, integer ids, images and servers as ids or objects). Checked by
// `tsc` (the package's typecheck); the `it` bodies only build the calls, they never send anything.
import { describe, expectTypeOf, it } from "vitest";
import { CloudServers, type Image as LegacyImage } from "../src/cloudservers/index.js";

declare const legacy: CloudServers;

/** Builds the calls without running them. */
function typesOnly(_build: () => unknown): void {}

describe("python-cloudservers signatures", () => {
  it("CloudServers(user, key, auth_url=…) and the ImageManager", () => {
    typesOnly(() => {
      void new CloudServers("user", "key");
      void new CloudServers("user", "key", { authUrl: "https://lon.auth.api.rackspacecloud.com/v1.0" });
      void new CloudServers("user", "key", { auth_url: "https://auth.api.rackspacecloud.com/v1.0" });
      expectTypeOf(legacy.images.get(112)).resolves.toEqualTypeOf<LegacyImage>();
      void legacy.images.list();
      void legacy.images.find({ name: "CentOS 5.5" });
      void legacy.images.findall({ status: "ACTIVE" });
      void legacy.images.create("backup", 501);
      void legacy.images.create("backup", { id: 501 });
      void legacy.images.delete(112);
      expectTypeOf(legacy.images.list()).resolves.items.toHaveProperty("serverId");
      // @ts-expect-error v1.0 image ids are integers.
      void legacy.images.get("112");
    });
  });
});
