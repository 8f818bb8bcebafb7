import { describe, expect, it } from "vitest";
import { ImageClient, ValidationError } from "../src/index.js";
import { fakeTransport } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";

function client() {
  let n = 0;
  const transport = fakeTransport((req) => {
    const headers = { "x-openstack-request-id": `req-${++n}` };
    const path = new URL(req.url).pathname;
    if (req.method === "POST") return { status: 202, headers };
    if (req.method === "DELETE") return { status: 204, headers };
    if (path === "/") return { status: 300, headers, body: { versions: [{ id: "v2.9", status: "CURRENT", links: [] }, { id: "v2.6", status: "SUPPORTED", links: [] }] } };
    if (path === "/v2/info/import") return { status: 200, headers, body: { "import-methods": { description: "Import methods available.", type: "array", value: ["glance-direct", "web-download"] } } };
    if (path === "/v2/info/stores") return { status: 200, headers, body: { stores: [{ id: "fast", default: true }] } };
    if (path === "/v2/info/usage") return { status: 200, headers, body: { usage: { image_count_total: { limit: 10, usage: 1 } } } };
    return { status: 404, headers };
  });
  return { transport, glance: new ImageClient({ endpoint: "http://g:9292", transport }) };
}

const sent = (t: ReturnType<typeof client>["transport"]): string[] => t.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);

describe("imports", () => {
  it("every call gives the answer's request id through .withResponse()", async () => {
    const { glance, transport } = client();
    expect(await glance.imports.info().withResponse()).toMatchObject({ response: { status: 200, requestId: "req-1" } });
    expect(await glance.imports.methods().withResponse()).toMatchObject({ data: ["glance-direct", "web-download"], response: { requestId: "req-2" } });
    expect((await glance.imports.stores().withResponse()).response.requestId).toBe("req-3");
    expect((await glance.imports.usage().withResponse()).response.requestId).toBe("req-4");
    expect((await glance.imports.glanceDirect(ID).withResponse()).response).toMatchObject({ status: 202, requestId: "req-5" });
    expect((await glance.imports.webDownload(ID, { uri: "https://example.com/x.qcow2" }).withResponse()).response.requestId).toBe("req-6");
    expect((await glance.imports.copyImage(ID, { stores: ["fast"] }).withResponse()).response.requestId).toBe("req-7");
    expect((await glance.imports.deleteFromStore(ID, "fast").withResponse()).response).toMatchObject({ status: 204, requestId: "req-8" });
    expect(sent(transport).slice(4)).toEqual([`POST /v2/images/${ID}/import`, `POST /v2/images/${ID}/import`, `POST /v2/images/${ID}/import`, `DELETE /v2/stores/fast/${ID}`]);
  });

  it("a store id or image id that is not one path segment ('..' included) is a ValidationError with nothing sent", async () => {
    const { glance, transport } = client();
    for (const bad of ["..", ".", "%2E%2E", "", "a/b"]) {
      await expect(glance.imports.deleteFromStore(ID, bad)).rejects.toBeInstanceOf(ValidationError);
      await expect(glance.imports.deleteFromStore(bad, "fast")).rejects.toBeInstanceOf(ValidationError);
      await expect(glance.imports.glanceDirect(bad)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(transport.requests).toHaveLength(0);
  });
});

describe("versions", () => {
  it("list, supported and supports give the answer (300) through .withResponse()", async () => {
    const { glance } = client();
    expect((await glance.versions.list().withResponse()).response).toMatchObject({ status: 300, requestId: "req-1" });
    const supported = await glance.versions.supported().withResponse();
    expect(supported.data.map((v) => v.minor)).toEqual([9, 6]);
    expect(supported.response.requestId).toBe("req-2");
    expect(await glance.versions.supports(8).withResponse()).toMatchObject({ data: true, response: { requestId: "req-3" } });
  });
});
