// Fault matrix, short uploads: an upload body that reaches REAL Glance shorter than what the SDK
// sent, through the fault proxy's `short-upload` fault in front of the integ project's Glance —
// the body ends early under the declared Content-Length (FIN), as a well-formed chunked body that
// is simply shorter, or as a chunked body cut before its last chunk — and a source that ends
// before its declared size. What Glance does with each is recorded in RELIABILITY.md; what the
// SDK must do: never report success for a half-made image, and `uploadImage` leaves none behind.
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FaultProxy, ShortUploadFraming } from "@cloud-images/test-servers";
import { BadRequestError, IncompleteDataError, ServerError, UploadImageError, type Image, type NodeImageClient } from "../../src/index.js";
import { TRANSPORTS } from "../glance-fixtures.js";
import { deleteTagged, glanceProxy, imageById, imagesTagged, patternBytes, proxiedClient, testTag, thrown } from "./support.js";

const SIZE = 2 * 1024 * 1024;
const bytes = patternBytes(SIZE, 5);
const md5 = createHash("md5").update(bytes).digest("hex");

let proxy: FaultProxy;
const clients: NodeImageClient[] = [];
const tag = testTag("short");

beforeAll(async () => {
  proxy = await glanceProxy();
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await deleteTagged(tag);
  await proxy.stop();
});

/** A web stream of `data` in two pieces (not replayable). */
function streamOf(data: Uint8Array): ReadableStream<Uint8Array> {
  const half = Math.floor(data.byteLength / 2);
  return new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(data.slice(0, half));
      c.enqueue(data.slice(half));
      c.close();
    },
  });
}

/** How Glance 25.1 answers each framing of a body cut to half of it (measured; see RELIABILITY.md). */
const GLANCE_ANSWERS: readonly { framing: ShortUploadFraming; error: new (...args: never[]) => Error; status: number | undefined }[] = [
  // The body ends (FIN) short of the declared Content-Length: 500, the image back to queued.
  { framing: "content-length", error: ServerError, status: 500 },
  // A chunked body cut before its last chunk: 400 ("invalid literal for int() with base 16"), queued.
  { framing: "chunked-unterminated", error: BadRequestError, status: 400 },
];

describe.each(TRANSPORTS)("short uploads to real Glance (%s)", (transport) => {
  let glance: NodeImageClient;
  const newImage = (name: string): Promise<Image> => glance.images.create({ name, disk_format: "raw", container_format: "bare", tags: [tag] });
  const putsTo = (id: string): number => proxy.requests.filter((r) => r.method === "PUT" && r.url === `/v2/images/${id}/file`).length;
  const shorten = (id: string, framing: ShortUploadFraming): void => {
    proxy.inject({ match: { method: "PUT", path: `/v2/images/${id}/file` }, times: Infinity, fault: { kind: "short-upload", afterBytes: SIZE / 2, framing } });
  };

  beforeAll(() => {
    glance = proxiedClient(proxy, transport);
    clients.push(glance);
  });

  describe.each(GLANCE_ANSWERS)("Glance sees the body end early ($framing)", ({ framing, error: errorClass, status }) => {
    it.each(["bytes", "stream"] as const)("from %s: Glance refuses it, the SDK throws its typed error once (not retried), the image stays queued", async (source) => {
      const target = await newImage(`short-${framing}-${source}`);
      shorten(target.id, framing);
      const error = await thrown(glance.data.upload(target.id, source === "bytes" ? bytes : streamOf(bytes), { size: SIZE }));
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ status });
      expect(putsTo(target.id)).toBe(1);
      const after = await imageById(target.id);
      expect(after?.status).toBe("queued");
      expect(after?.size ?? null).toBeNull();
    });
  });

  describe("a well-formed chunked body that is shorter (Glance cannot tell)", () => {
    it.each(["bytes", "stream"] as const)("from %s: Glance makes the image active with half the bytes; data.upload throws IncompleteDataError from its size check, never a success", async (source) => {
      const target = await newImage(`short-chunked-${source}`);
      shorten(target.id, "chunked");
      const error = await thrown(glance.data.upload(target.id, source === "bytes" ? bytes : streamOf(bytes), { size: SIZE }));
      expect(error).toBeInstanceOf(IncompleteDataError);
      expect(error).toMatchObject({ imageId: target.id, expectedBytes: SIZE, actualBytes: SIZE / 2, direction: "upload" });
      // What Glance 25.1 does (it ignores x-openstack-image-size): the short image is active. The
      // typed error is how the caller learns it is not whole; `uploadImage` deletes it (below).
      const after = await imageById(target.id);
      expect(after?.status).toBe("active");
      expect(after?.size).toBe(SIZE / 2);
      expect(after?.checksum).not.toBe(md5);
    });
  });

  it("the source ends before its declared size (no fault): IncompleteDataError, the request is cut, the image is not active", async () => {
    const target = await newImage("short-source");
    const half = bytes.slice(0, SIZE / 2);
    const error = await thrown(glance.data.upload(target.id, new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(half), c.close()) }), { size: SIZE }));
    expect(error).toBeInstanceOf(IncompleteDataError);
    expect(error).toMatchObject({ expectedBytes: SIZE, actualBytes: SIZE / 2 });
    // Glance may still be settling the cut request: it never turns active.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await imageById(target.id))?.status).not.toBe("active");
  });
});

describe("uploadImage with a short upload: nothing half-made left behind", () => {
  let glance: NodeImageClient;
  beforeAll(() => {
    glance = proxiedClient(proxy);
    clients.push(glance);
  });

  it.each(["content-length", "chunked", "chunked-unterminated"] as const)("%s: UploadImageError with the typed cause, the image deleted (no image with the row's tag)", async (framing) => {
    const rowTag = testTag(`short-ui-${framing}`);
    proxy.inject({ match: { method: "PUT", path: /^\/v2\/images\/[^/]+\/file$/ }, times: Infinity, fault: { kind: "short-upload", afterBytes: SIZE / 2, framing } });
    const error = await thrown(
      glance.uploadImage({ attributes: { name: rowTag, disk_format: "raw", container_format: "bare", tags: [rowTag, tag] }, data: bytes, wait: { minDelayMs: 50, maxDelayMs: 200, timeoutMs: 30_000 } }),
    );
    expect(error).toBeInstanceOf(UploadImageError);
    const failed = error as UploadImageError;
    expect(failed.cleanup).toBe("deleted");
    expect(failed.cause).toBeInstanceOf(framing === "chunked" ? IncompleteDataError : framing === "content-length" ? ServerError : BadRequestError);
    expect(await imagesTagged(rowTag)).toEqual([]);
  });
});
