import { describe, expect, it } from "vitest";
import { ComputeClient, LegacyComputeClient, ValidationError } from "../src/index.js";
import { fakeTransport, type FakeAnswer } from "./fake-transport.js";

const IMAGE = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const IMAGE2 = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const SERVER = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
const ROOT = "http://nova.test/v2/123";

function computeImage(id = IMAGE): Record<string, unknown> {
  return { id, name: "snap", status: "ACTIVE", progress: 100, created: "2026-11-22T18:00:00Z", updated: "2026-11-22T18:00:00Z", minDisk: 0, minRam: 0, metadata: {}, links: [{ rel: "self", href: `${ROOT}/images/${id}` }] };
}

/** A compute endpoint that numbers its request ids and pages `/images(/detail)` by marker. */
function compute() {
  let n = 0;
  const transport = fakeTransport((req): FakeAnswer => {
    const headers = { "x-compute-request-id": `req-${++n}` };
    const url = new URL(req.url);
    const path = url.pathname.slice("/v2/123".length);
    if (req.method === "DELETE") return { status: 204, headers };
    if (path === `/servers/${SERVER}/action`) return { status: 202, headers: { ...headers, location: `${ROOT}/images/${IMAGE}` } };
    if (path === "/images" || path === "/images/detail") {
      const first = url.searchParams.get("marker") === null;
      const image = computeImage(first ? IMAGE : IMAGE2);
      const images = [path === "/images" ? { id: image.id, name: image.name, links: image.links } : image];
      return { status: 203, headers, body: first ? { images, images_links: [{ rel: "next", href: `${ROOT}${path}?limit=1&marker=${IMAGE}` }] } : { images } };
    }
    if (path === "/servers") return { status: 200, headers, body: { servers: [{ id: SERVER, name: "web", links: [] }] } };
    if (path.endsWith("/metadata/k")) return { status: 200, headers, body: { meta: { k: "v" } } };
    if (path.endsWith("/metadata")) return { status: 200, headers, body: { metadata: { k: "v" } } };
    return { status: 200, headers, body: { image: computeImage() } };
  });
  return { transport, client: new ComputeClient({ endpoint: ROOT, transport, token: "t" }) };
}

describe("compute images: every call is an ApiPromise", () => {
  it("gives the answer's request id through .withResponse()", async () => {
    const { client } = compute();
    const ids: (string | undefined)[] = [];
    const record = async (p: { withResponse(): Promise<{ response: { requestId: string | undefined } }> }): Promise<void> => {
      ids.push((await p.withResponse()).response.requestId);
    };
    await record(client.images.get(IMAGE));
    await record(client.images.delete(IMAGE));
    await record(client.images.getMetadata(IMAGE));
    await record(client.images.updateMetadata(IMAGE, { k: "v" }));
    await record(client.images.setMetadata(IMAGE, { k: "v" }));
    await record(client.images.getMetadataItem(IMAGE, "k"));
    await record(client.images.setMetadataItem(IMAGE, "k", "v"));
    await record(client.images.deleteMetadataItem(IMAGE, "k"));
    await record(client.images.listServers());
    await record(client.images.list());
    await record(client.images.listDetail());
    expect(ids).toEqual(Array.from({ length: 11 }, (_, i) => `req-${i + 1}`));
    // createImage is two requests: the action, then the read of the new image (reported).
    const created = await client.images.createImage(SERVER, { name: "snap" }).withResponse();
    expect(created.data.id).toBe(IMAGE);
    expect(created.response).toMatchObject({ status: 200, requestId: "req-13" });
  });

  it("list() and listDetail() return a page that fetches the next one with the same query", async () => {
    const { client, transport } = compute();
    for (const call of [() => client.images.list({ status: "ACTIVE", limit: 1 }), () => client.images.listDetail({ status: "ACTIVE", limit: 1 })]) {
      const page = await call();
      expect(page.items.map((i) => i.id)).toEqual([IMAGE]);
      expect(page.hasNextPage()).toBe(true);
      const next = await page.getNextPage();
      expect(next?.items.map((i) => i.id)).toEqual([IMAGE2]);
      expect(next?.hasNextPage()).toBe(false);
      expect(await next?.getNextPage()).toBeUndefined();
    }
    const seconds = [transport.requests[1]!, transport.requests[3]!].map((r) => new URL(r.url));
    expect(seconds.map((u) => u.pathname)).toEqual(["/v2/123/images", "/v2/123/images/detail"]);
    for (const u of seconds) expect([u.searchParams.get("status"), u.searchParams.get("marker"), u.searchParams.get("limit")]).toEqual(["ACTIVE", IMAGE, "1"]);
  });

  it("a '..' id, key or server is a ValidationError with nothing sent, through the ApiPromise too", async () => {
    const { client, transport } = compute();
    await expect(client.images.get("..").withResponse()).rejects.toBeInstanceOf(ValidationError);
    await expect(client.images.deleteMetadataItem(IMAGE, "..").withResponse()).rejects.toBeInstanceOf(ValidationError);
    await expect(client.images.createImage("..", { name: "snap" })).rejects.toBeInstanceOf(ValidationError);
    await expect(client.images.list({ marker: 7 as never })).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});

describe("legacy (v1.0) image manager: single requests are ApiPromises", () => {
  it("get, list, create, delete and listServers give the answer's request id", async () => {
    let n = 0;
    const image = { id: 7, name: "snap", status: "ACTIVE", created: "2026-11-22T18:00:00Z", updated: "2026-11-22T18:00:00Z" };
    const transport = fakeTransport((req): FakeAnswer => {
      const headers = { "x-compute-request-id": `req-${++n}` };
      const path = new URL(req.url).pathname;
      if (req.method === "DELETE") return { status: 204, headers };
      if (req.method === "POST") return { status: 202, headers, body: { image: { id: 8, name: "new", status: "QUEUED" } } };
      if (path.endsWith("/servers")) return { status: 203, headers, body: { servers: [{ id: 1, name: "web" }] } };
      if (path.endsWith("/images") || path.endsWith("/images/detail")) return { status: 203, headers, body: { images: [image] } };
      return { status: 200, headers, body: { image } };
    });
    const client = new LegacyComputeClient({ endpoint: "http://servers.test/v1.0/123", transport, token: "t" });
    const got = await client.images.get(7).withResponse();
    expect(got.response).toMatchObject({ status: 200, requestId: "req-1" });
    expect((await client.images.list({ detailed: false }).withResponse()).response).toMatchObject({ status: 203, requestId: "req-2" });
    expect((await client.images.create("new", 1).withResponse()).response).toMatchObject({ status: 202, requestId: "req-3" });
    expect((await got.data.refresh().withResponse()).response.requestId).toBe("req-4");
    expect((await got.data.delete().withResponse()).response).toMatchObject({ status: 204, requestId: "req-5" });
    expect((await client.images.listServers().withResponse()).response.requestId).toBe("req-6");
    expect(transport.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /v1.0/123/images/7",
      "GET /v1.0/123/images",
      "POST /v1.0/123/images",
      "GET /v1.0/123/images/7",
      "DELETE /v1.0/123/images/7",
      "GET /v1.0/123/servers",
    ]);
    await expect(client.images.get(".." as never)).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(6);
  });
});
