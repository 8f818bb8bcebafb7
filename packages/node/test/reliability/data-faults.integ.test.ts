// Fault matrix, part 2: faults while image data moves (downloads, uploads, downloadToFile),
// through a fault-injecting proxy in front of the integ project's REAL Glance. Nothing lost:
// no file left as if whole (the directory is listed afterwards), no image left `active` with
// data other than what was sent (Glance's own checksum is compared).
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FaultProxy } from "@cloud-images/test-servers";
import {
  ChecksumMismatchError,
  CloudImagesError,
  ConnectionError,
  IncompleteDataError,
  RequestAbortedError,
  RequestTimeoutError,
  type Image,
  type NodeImageClient,
} from "../../src/index.js";
import { TRANSPORTS } from "../glance-fixtures.js";
import { deleteTagged, glanceProxy, imageById, patternBytes, proxiedClient, testTag, thrown } from "./support.js";

const SIZE = 4 * 1024 * 1024;
const bytes = patternBytes(SIZE);
const md5 = createHash("md5").update(bytes).digest("hex");

let proxy: FaultProxy;
let dir: string;
const clients: NodeImageClient[] = [];
const tag = testTag("data");

beforeAll(async () => {
  proxy = await glanceProxy();
  dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-reliability-"));
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await deleteTagged(tag);
  await proxy.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A Node Readable-free stream of `data` in 256 KiB chunks (not replayable: never retried). */
function streamOf(data: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= data.byteLength) return c.close();
      c.enqueue(data.slice(at, at + 256 * 1024));
      at += 256 * 1024;
    },
  });
}

describe.each(TRANSPORTS)("data faults through a proxy in front of real Glance (%s)", (transport) => {
  let glance: NodeImageClient;
  let image: Image;
  const filePath = (): string => `/v2/images/${image.id}/file`;
  const files = async (): Promise<string[]> => (await fs.readdir(dir)).sort();
  const newImage = (name: string): Promise<Image> => glance.images.create({ name, disk_format: "raw", container_format: "bare", tags: [tag] });

  beforeAll(async () => {
    glance = proxiedClient(proxy, transport);
    clients.push(glance);
    image = await newImage(`rel-data-${transport}`);
    await glance.data.upload(image.id, bytes);
    image = await glance.images.get(image.id);
    expect(image.checksum).toBe(md5);
  });
  afterEach(async () => {
    // No file ever left behind: neither a temporary one nor one that looks whole.
    for (const name of await files()) await fs.rm(join(dir, name), { force: true });
  });

  it("download reset mid-body once: resumed with Range from the last byte, verified", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, fault: { kind: "reset-download", afterBytes: SIZE / 2 } });
    const { data, verified, resumed } = await (await glance.data.download(image.id)).bytes();
    expect(verified).toBe("os_hash");
    expect(resumed).toBe(1);
    expect(createHash("md5").update(data).digest("hex")).toBe(md5);
    expect(proxy.requests.filter((r) => r.method === "GET" && r.url === filePath())).toHaveLength(2);
  });

  it("download truncated under a correct Content-Length once: resumed, verified", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, fault: { kind: "truncate", afterBytes: 1000 } });
    const { data, resumed } = await (await glance.data.download(image.id)).bytes();
    expect(resumed).toBe(1);
    expect(data.byteLength).toBe(SIZE);
  });

  it("downloadToFile reset on every attempt: ConnectionError once the resumes are spent, and no file at all", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, times: Infinity, fault: { kind: "reset-download", afterBytes: 100_000 } });
    const target = join(dir, "cut.raw");
    const error = await thrown(glance.data.downloadToFile(image.id, target));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(await files()).toEqual([]);
  });

  it("downloadToFile truncated on every attempt: a typed error (no silent short file), no file", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, times: Infinity, fault: { kind: "truncate", afterBytes: 1000 } });
    const error = await thrown(glance.data.downloadToFile(image.id, join(dir, "short.raw")));
    expect(error).toBeInstanceOf(CloudImagesError);
    expect(error instanceof ConnectionError || error instanceof IncompleteDataError).toBe(true);
    expect(await files()).toEqual([]);
  });

  it("downloadToFile with resume: true keeps the .partial of a cut, and the next call completes and verifies it", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, times: Infinity, fault: { kind: "reset-download", afterBytes: SIZE / 4 } });
    const target = join(dir, "resumable.raw");
    await thrown(glance.data.downloadToFile(image.id, target, { resume: true, retries: 0 }));
    expect(await files()).toEqual(["resumable.raw.partial"]);
    proxy.reset();
    const result = await glance.data.downloadToFile(image.id, target, { resume: true });
    expect(result.verified).toBe("os_hash");
    expect(await files()).toEqual(["resumable.raw"]);
    expect(createHash("md5").update(await fs.readFile(target)).digest("hex")).toBe(md5);
  });

  it("a flipped byte: ChecksumMismatchError, and downloadToFile leaves no file", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, times: 2, fault: { kind: "flip-byte", at: 12345 } });
    expect(await thrown(async () => (await glance.data.download(image.id)).bytes())).toBeInstanceOf(ChecksumMismatchError);
    expect(await thrown(glance.data.downloadToFile(image.id, join(dir, "flipped.raw")))).toBeInstanceOf(ChecksumMismatchError);
    expect(await files()).toEqual([]);
  });

  it("a stalled body: RequestTimeoutError at the call's deadline, no file", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, times: Infinity, fault: { kind: "stall-body", afterBytes: 500_000 } });
    const error = await thrown(glance.data.downloadToFile(image.id, join(dir, "stalled.raw"), { timeoutMs: 1_500 }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(await files()).toEqual([]);
  });

  it("user abort mid-download: RequestAbortedError, not retried, no file", async () => {
    proxy.inject({ match: { method: "GET", path: filePath() }, fault: { kind: "stall-body", afterBytes: 500_000 } });
    const controller = new AbortController();
    const error = await thrown(
      glance.data.downloadToFile(image.id, join(dir, "aborted.raw"), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytes > 0) controller.abort(new Error("user stopped"));
        },
      }),
    );
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(proxy.requests.filter((r) => r.method === "GET" && r.url === filePath())).toHaveLength(1);
    expect(await files()).toEqual([]);
  });

  it("upload of bytes reset mid-body: retried (bytes are replayable; Glance's 409 while it settles the cut upload is waited out) and the image is active with exactly the bytes sent", async () => {
    const target = await newImage("rel-upload-reset-bytes");
    proxy.inject({ match: { method: "PUT", path: `/v2/images/${target.id}/file` }, fault: { kind: "reset-upload", afterBytes: SIZE / 2 } });
    // The default retry settings, as users have them (the settling wait grows from their base delay).
    const defaults = proxiedClient(proxy, transport, { retry: {} });
    clients.push(defaults);
    const sent = await defaults.data.upload(target.id, bytes);
    expect(sent.verified).toBe("os_hash");
    const after = await imageById(target.id);
    expect(after?.status).toBe("active");
    expect(after?.checksum).toBe(md5);
  });

  it("upload of a stream reset mid-body: ConnectionError, not retried, the image is not active", async () => {
    const target = await newImage("rel-upload-reset-stream");
    proxy.inject({ match: { method: "PUT", path: `/v2/images/${target.id}/file` }, fault: { kind: "reset-upload", afterBytes: SIZE / 2 } });
    const error = await thrown(glance.data.upload(target.id, streamOf(bytes), { size: SIZE }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(proxy.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect((await imageById(target.id))?.status).not.toBe("active");
  });

  it("upload from a file path reset mid-body: ConnectionError (not a short source), not retried, the image is not active", async () => {
    const source = join(dir, "source.raw");
    await fs.writeFile(source, bytes);
    const target = await newImage("rel-upload-reset-file");
    proxy.inject({ match: { method: "PUT", path: `/v2/images/${target.id}/file` }, fault: { kind: "reset-upload", afterBytes: 1_000_000 } });
    const error = await thrown(glance.data.upload(target.id, source));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(proxy.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect((await imageById(target.id))?.status).not.toBe("active");
  });

  it("upload with a byte flipped on the way: the SDK's digests disagree with Glance's — ChecksumMismatchError", async () => {
    const target = await newImage("rel-upload-flip");
    proxy.inject({ match: { method: "PUT", path: `/v2/images/${target.id}/file` }, fault: { kind: "flip-byte", at: 4242, direction: "upload" } });
    expect(await thrown(glance.data.upload(target.id, bytes))).toBeInstanceOf(ChecksumMismatchError);
  });

  it("user abort mid-upload: RequestAbortedError, not retried, the image is not active", async () => {
    const target = await newImage("rel-upload-abort");
    const controller = new AbortController();
    const error = await thrown(
      glance.data.upload(target.id, streamOf(bytes), {
        size: SIZE,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.bytes >= SIZE / 4) controller.abort(new Error("user stopped"));
        },
      }),
    );
    expect(error).toBeInstanceOf(RequestAbortedError);
    // The abort may come before the proxy has read the request's headers; never a second PUT.
    expect(proxy.requests.filter((r) => r.method === "PUT").length).toBeLessThanOrEqual(1);
    expect((await imageById(target.id))?.status).not.toBe("active");
  });
});
