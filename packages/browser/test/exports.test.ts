import { describe, expect, it } from "vitest";
import * as core from "@cloud-images/core";
import * as browser from "@cloud-images/browser";

describe("@cloud-images/browser exports", () => {
  it("re-exports every value of @cloud-images/core's root, unchanged", () => {
    const missing = Object.keys(core).filter((name) => !(name in browser));
    // A new export of the core goes into the list in packages/browser/src/index.ts (as in the Node package).
    expect(missing).toEqual([]);
    for (const name of Object.keys(core)) expect((browser as Record<string, unknown>)[name], name).toBe((core as Record<string, unknown>)[name]);
  });

  it("adds the browser's own pieces", () => {
    for (const name of ["createClient", "BrowserImageClient", "BrowserImageDataApi", "createBrowserTransport", "isBrowserUploadSource", "PARTIAL_SUFFIX"]) {
      expect(browser, name).toHaveProperty(name);
    }
  });
});
