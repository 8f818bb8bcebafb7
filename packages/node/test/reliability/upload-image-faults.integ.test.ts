// Fault matrix, part 3: `uploadImage` (create → data → wait → verify) under faults, through a
// fault-injecting proxy in front of the integ project's REAL Glance. Nothing lost: after each
// row Glance is listed straight (no proxy, as the admin) by a tag unique to the row — no orphan,
// no duplicate, no half-made image left `active`, no existing image replaced or deleted.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FaultProxy } from "@cloud-images/test-servers";
import {
  ChecksumMismatchError,
  ConflictError,
  ConnectionError,
  RequestAbortedError,
  UploadImageError,
  type NodeImageClient,
} from "../../src/index.js";
import { deleteTagged, glanceProxy, imageById, imagesTagged, patternBytes, proxiedClient, testTag, thrown } from "./support.js";

const SIZE = 2 * 1024 * 1024;
const bytes = patternBytes(SIZE, 11);
const md5 = createHash("md5").update(bytes).digest("hex");

let proxy: FaultProxy;
let glance: NodeImageClient;
const tags: string[] = [];

beforeAll(async () => {
  proxy = await glanceProxy();
  glance = proxiedClient(proxy);
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await glance.close();
  for (const tag of tags) await deleteTagged(tag);
  await proxy.stop();
});

function tagged(label: string): string {
  const tag = testTag(label);
  tags.push(tag);
  return tag;
}
const attributes = (tag: string, id?: string) => ({ ...(id ? { id } : {}), name: tag, disk_format: "raw", container_format: "bare", tags: [tag] }) as const;
const wait = { minDelayMs: 50, maxDelayMs: 200, timeoutMs: 30_000 };
/** A web stream of the bytes: not replayable, so its PUT is never retried. */
const stream = (): ReadableStream<Uint8Array> =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes.slice());
      c.close();
    },
  });

describe("uploadImage under faults (real Glance behind the proxy)", () => {
  it("create answered 502 after Glance made the image: retried, 409 is this call's own image — one image, active, verified", async () => {
    const tag = tagged("ui-create-502");
    proxy.inject({ match: { method: "POST", path: "/v2/images" }, fault: { kind: "status", status: 502, forward: true } });
    const result = await glance.uploadImage({ attributes: attributes(tag), data: bytes, wait });
    expect(result.created).toBe(true);
    expect(result.verified).toBe("os_hash");
    const found = await imagesTagged(tag);
    expect(found.map((i) => [i.id, i.status, i.checksum])).toEqual([[result.image.id, "active", md5]]);
  });

  it("create reset after Glance made the image: same — one image, never two", async () => {
    const tag = tagged("ui-create-reset");
    proxy.inject({ match: { method: "POST", path: "/v2/images" }, fault: { kind: "reset", forward: true } });
    const result = await glance.uploadImage({ attributes: attributes(tag), data: bytes, wait });
    expect((await imagesTagged(tag)).map((i) => i.id)).toEqual([result.image.id]);
  });

  it("409 on create that Glance never saw (SDK-chosen id): UploadImageError (cause ConflictError), cleanup not-found, nothing left", async () => {
    const tag = tagged("ui-409");
    proxy.inject({ match: { method: "POST", path: "/v2/images" }, fault: { kind: "status", status: 409 } });
    const error = (await thrown(glance.uploadImage({ attributes: attributes(tag), data: bytes, wait }))) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cause).toBeInstanceOf(ConflictError);
    expect(error.cleanup).toBe("not-found");
    expect(await imagesTagged(tag)).toEqual([]);
  });

  it("the caller's id taken by an existing active image with other data: never replaced — same attributes: returned as is (method existing, nothing sent); others: ConflictError; its data untouched", async () => {
    const tag = tagged("ui-taken");
    const id = randomUUID();
    const first = await glance.uploadImage({ attributes: attributes(tag, id), data: patternBytes(SIZE, 99), wait });
    const before = await imageById(id);
    // Same attributes: a retried call — returned as is, nothing uploaded.
    const again = await glance.uploadImage({ attributes: attributes(tag, id), data: bytes, wait });
    expect(again.method).toBe("existing");
    expect(again.created).toBe(false);
    // Other attributes: not this call's image — ConflictError, the image untouched.
    const error = await thrown(glance.uploadImage({ attributes: { ...attributes(tag, id), name: `${tag}-other` }, data: bytes, wait }));
    expect(error).toBeInstanceOf(ConflictError);
    const after = await imageById(id);
    expect(after?.checksum).toBe(before?.checksum);
    expect(after?.checksum).toBe(first.image.checksum);
    expect(after?.status).toBe("active");
    expect(proxy.requests.filter((r) => r.method === "PUT" || r.method === "DELETE")).toHaveLength(1);
  });

  it("data PUT of bytes reset mid-body: retried, one image, active with exactly the bytes sent", async () => {
    const tag = tagged("ui-put-reset");
    proxy.inject({ match: { method: "PUT", path: /\/file$/ }, fault: { kind: "reset-upload", afterBytes: SIZE / 2 } });
    const defaults = proxiedClient(proxy, "undici", { retry: {} });
    const result = await defaults.uploadImage({ attributes: attributes(tag), data: bytes, wait });
    await defaults.close();
    expect(result.verified).toBe("os_hash");
    expect((await imagesTagged(tag)).map((i) => [i.status, i.checksum])).toEqual([["active", md5]]);
  });

  it("data PUT of a stream reset mid-body: UploadImageError (cause ConnectionError), the image deleted — no orphan", async () => {
    const tag = tagged("ui-stream-reset");
    proxy.inject({ match: { method: "PUT", path: /\/file$/ }, fault: { kind: "reset-upload", afterBytes: SIZE / 2 } });
    const error = (await thrown(glance.uploadImage({ attributes: attributes(tag), data: stream(), size: SIZE, wait }))) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(error.cleanup).toBe("deleted");
    expect(await imagesTagged(tag)).toEqual([]);
  });

  it("a byte flipped on the way up: UploadImageError (cause ChecksumMismatchError), the corrupt image deleted — never left active", async () => {
    const tag = tagged("ui-flip");
    proxy.inject({ match: { method: "PUT", path: /\/file$/ }, fault: { kind: "flip-byte", at: 777, direction: "upload" } });
    const error = (await thrown(glance.uploadImage({ attributes: attributes(tag), data: bytes, wait }))) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cause).toBeInstanceOf(ChecksumMismatchError);
    expect(error.cleanup).toBe("deleted");
    expect(await imagesTagged(tag)).toEqual([]);
  });

  it("user abort mid-upload: UploadImageError (cause RequestAbortedError), the image deleted", async () => {
    const tag = tagged("ui-abort");
    const controller = new AbortController();
    proxy.inject({ match: { method: "PUT", path: /\/file$/ }, fault: { kind: "stall-headers" } });
    const error = (await thrown(
      glance.uploadImage({
        attributes: attributes(tag),
        data: stream(),
        size: SIZE,
        wait,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytes > 0) setTimeout(() => controller.abort(new Error("user stopped")), 100);
        },
      }),
    )) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cause).toBeInstanceOf(RequestAbortedError);
    expect(error.cleanup).toBe("deleted");
    expect(await imagesTagged(tag)).toEqual([]);
  });

  it("503s while waiting for active: the polls are retried, the upload completes", async () => {
    const tag = tagged("ui-wait-503");
    proxy.inject({ match: { method: "GET", path: /^\/v2\/images\/[0-9a-f-]{36}$/ }, times: 2, fault: { kind: "status", status: 503 } });
    const result = await glance.uploadImage({ attributes: attributes(tag), data: bytes, wait });
    expect(result.image.status).toBe("active");
    expect(await imagesTagged(tag)).toHaveLength(1);
  });

  it("the server stays down after the create: UploadImageError, cleanup failed (reported, not hidden); the image is then left queued, never active", async () => {
    const tag = tagged("ui-down");
    const watcher = proxiedClient(proxy, "undici", {
      maxRetries: 1,
      // The create answered: the server goes away before the data.
      onResponse: (e) => {
        if (e.method === "POST" && e.status === 201) void proxy.down();
      },
    });
    const error = (await thrown(watcher.uploadImage({ attributes: attributes(tag), data: bytes, wait }))) as UploadImageError;
    await proxy.up();
    await watcher.close();
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(error.cleanup).toBe("failed");
    expect((await imageById(error.imageId))?.status).toBe("queued");
    expect((await imagesTagged(tag)).map((i) => i.id)).toEqual([error.imageId]);
  });
});
