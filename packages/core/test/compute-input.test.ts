import { describe, expect, it } from "vitest";
import {
  CloudImagesError,
  ComputeClient,
  ComputeImageWaitFailedError,
  ComputeWaiters,
  LegacyComputeClient,
  LegacyImageNotFoundError,
  LegacyImageNotUniqueError,
  ResponseValidationError,
  ValidationError,
} from "../src/index.js";
import { fakeTransport, type FakeAnswer } from "./fake-transport.js";

const IMAGE = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const SERVER = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

function computeImage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: IMAGE,
    name: "snap",
    status: "SAVING",
    progress: 0,
    created: "2026-11-22T18:00:00Z",
    updated: "2026-11-22T18:00:00Z",
    minDisk: 0,
    minRam: 0,
    metadata: {},
    links: [{ rel: "self", href: `http://nova.test/v2/123/images/${IMAGE}` }],
    ...overrides,
  };
}

function compute(handler: (url: string) => FakeAnswer = () => ({ status: 200, body: { image: computeImage() } })) {
  const transport = fakeTransport((req) => handler(req.url));
  return { transport, client: new ComputeClient({ endpoint: "http://nova.test/v2/123", transport, token: "t" }) };
}

// Values that would address another resource once the URL parser resolves dot segments, or an
// empty / extra segment: compute `deleteMetadataItem(id, "..")` used to send
// `DELETE …/images/{id}/metadata/..`, i.e. `DELETE …/images/{id}`, deleting the image.
const BAD_SEGMENTS = ["", ".", "..", "%2E", "%2e%2E", ".%2E", "a/b", "/", "../x"];

describe("compute images: values in the URL path are one safe segment", () => {
  it.each(BAD_SEGMENTS)("deleteMetadataItem(id, %j) is a ValidationError and sends nothing", async (key) => {
    const { client, transport } = compute();
    const error = await client.images.deleteMetadataItem(IMAGE, key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toEqual(["key"]);
    expect(transport.requests).toHaveLength(0);
  });

  it.each(BAD_SEGMENTS)("every call refuses the image, server or key %j before sending", async (bad) => {
    const { client, transport } = compute();
    const calls: (() => Promise<unknown>)[] = [
      () => client.images.get(bad),
      () => client.images.delete(bad),
      () => client.images.getMetadata(bad),
      () => client.images.updateMetadata(bad, { a: "1" }),
      () => client.images.setMetadata(bad, { a: "1" }),
      () => client.images.getMetadataItem(bad, "k"),
      () => client.images.getMetadataItem(IMAGE, bad),
      () => client.images.setMetadataItem(bad, "k", "v"),
      () => client.images.setMetadataItem(IMAGE, bad, "v"),
      () => client.images.deleteMetadataItem(bad, "k"),
      () => client.images.createImage(bad, { name: "snap" }),
      () => new ComputeWaiters(client.images).image(bad),
      () => new ComputeWaiters(client.images).imageDeleted(bad),
    ];
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });

  it("still sends ordinary keys, percent-encoded", async () => {
    const { client, transport } = compute(() => ({ status: 204 }));
    await client.images.deleteMetadataItem(IMAGE, "a b.c..d");
    expect(transport.requests[0]!.url).toBe(`http://nova.test/v2/123/images/${IMAGE}/metadata/a%20b.c..d`);
  });
});

describe("compute createImage", () => {
  it("reads the new image named by Location", async () => {
    const { client, transport } = compute((url) => (url.endsWith("/action") ? { status: 202, headers: { location: `http://nova.test/v2/123/images/${IMAGE}` } } : { status: 200, body: { image: computeImage() } }));
    const image = await client.images.createImage(SERVER, { name: "snap" });
    expect(image.id).toBe(IMAGE);
    expect(transport.requests.map((r) => r.url)).toEqual([`http://nova.test/v2/123/servers/${SERVER}/action`, `http://nova.test/v2/123/images/${IMAGE}`]);
  });

  // Regression: an answer without Location threw a plain Error.
  it.each([undefined, "", "http://nova.test/v2/123/images/", "http://nova.test/v2/123/images/.."])("a 202 with Location %j is a ResponseValidationError carrying the request id", async (location) => {
    const { client, transport } = compute(() => ({ status: 202, headers: { "x-compute-request-id": "req-42", ...(location === undefined ? {} : { location }) } }));
    const error = await client.images.createImage(SERVER, { name: "snap" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(CloudImagesError);
    const e = error as ResponseValidationError;
    expect(e.code).toBe("RESPONSE_VALIDATION");
    expect(e.requestId).toBe("req-42");
    expect(e.status).toBe(202);
    expect(e.method).toBe("POST");
    expect(e.problems[0]).toMatch(/Location/);
    expect(transport.requests).toHaveLength(1);
  });
});

describe("compute waitFor.image", () => {
  it("polls until ACTIVE with the waiter options, failing fast on ERROR", async () => {
    let n = 0;
    const { client } = compute(() => ({ status: 200, body: { image: computeImage(n++ < 2 ? { progress: n * 40 } : { status: "ACTIVE", progress: 100 }) } }));
    const waitFor = new ComputeWaiters(client.images);
    const seen: string[] = [];
    const active = await waitFor.image(IMAGE, { minDelayMs: 1, maxDelayMs: 2, onProgress: (p) => seen.push(`${p.attempt}:${p.state}:${p.value.progress}`) });
    expect(active.status).toBe("ACTIVE");
    expect(seen).toEqual(["1:SAVING:40", "2:SAVING:80", "3:ACTIVE:100"]);

    const failing = compute(() => ({ status: 200, body: { image: computeImage({ status: "ERROR" }) } }));
    const error = await new ComputeWaiters(failing.client.images).image(IMAGE, { minDelayMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComputeImageWaitFailedError);
    expect((error as ComputeImageWaitFailedError).image.status).toBe("ERROR");
  });

  it("checks the options before the first poll", async () => {
    const { client, transport } = compute();
    const waitFor = new ComputeWaiters(client.images);
    for (const options of [{ timeoutMs: 0 }, { timeoutMs: 2 ** 31 }, { minDelayMs: 10, maxDelayMs: 5 }, { status: "SAVING" }]) {
      await expect(waitFor.image(IMAGE, options as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(transport.requests).toHaveLength(0);
  });

  it("imageDeleted resolves on 404 or DELETED", async () => {
    let n = 0;
    const { client } = compute(() => (n++ === 0 ? { status: 200, body: { image: computeImage({ status: "ACTIVE" }) } } : { status: 404, body: { itemNotFound: { message: "gone", code: 404 } } }));
    await expect(new ComputeWaiters(client.images).imageDeleted(IMAGE, { minDelayMs: 1 })).resolves.toBeUndefined();
  });
});

describe("legacy (v1.0) image manager", () => {
  function legacy() {
    const transport = fakeTransport((req) =>
      req.url.includes("/images/detail")
        ? { status: 200, body: { images: [{ id: 1, name: "a" }, { id: 2, name: "b" }, { id: 3, name: "b" }] } }
        : { status: 200, body: { image: { id: 1, name: "a" } } },
    );
    return { transport, client: new LegacyComputeClient({ endpoint: "http://servers.test/v1.0/123", transport, token: "t" }) };
  }

  // Regression: get(null) read `null.id` and threw a TypeError.
  it.each([null, undefined, "1", -1, 1.5, Number.NaN, {}, { id: null }])("get(%j) and delete(%j) are ValidationErrors before sending", async (bad) => {
    const { client, transport } = legacy();
    await expect(client.images.get(bad as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(client.images.delete(bad as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(client.images.create("x", bad as never)).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });

  it("get takes an id or an image", async () => {
    const { client, transport } = legacy();
    const image = await client.images.get(1);
    await client.images.get(image);
    expect(transport.requests.map((r) => r.url)).toEqual(["http://servers.test/v1.0/123/images/1", "http://servers.test/v1.0/123/images/1"]);
  });

  // Regression: both were plain Errors without a code.
  it("find errors are CloudImagesErrors with their own codes and python-cloudservers-style names", async () => {
    const { client } = legacy();
    const none = await client.images.find({ name: "zzz" }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(LegacyImageNotFoundError);
    expect(none).toBeInstanceOf(CloudImagesError);
    expect(none).toMatchObject({ name: "LegacyImageNotFoundError", code: "LEGACY_IMAGE_NOT_FOUND", attributes: { name: "zzz" } });
    const many = await client.images.find({ name: "b" }).catch((e: unknown) => e);
    expect(many).toBeInstanceOf(LegacyImageNotUniqueError);
    expect(many).toBeInstanceOf(CloudImagesError);
    expect(many).toMatchObject({ name: "LegacyImageNotUniqueError", code: "LEGACY_IMAGE_NOT_UNIQUE", count: 2 });
  });

  it("findall refuses non-object attributes before sending", async () => {
    const { client, transport } = legacy();
    await expect(client.images.findall(null as never)).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});
