import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ChecksumMismatchError, ImageClient, IncompleteDataError, NoImageDataError, ResponseValidationError, DownloadAlreadyReadError, UploadImageError, UploadSourceError, ValidationError, wasmHashFactory, type DownloadOptions, type Transport, type TransportRequest, type TransportResponse } from "../src/index.js";
import { HashSet } from "../src/internal.js";
import { imageBody } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const DATA = new Uint8Array(100_000).map((_, i) => (i * 7 + (i >> 8)) & 0xff);
const hex = (algo: string, bytes: Uint8Array): string => createHash(algo).update(bytes).digest("hex");

interface Answer {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Body chunks; an Error ends the stream with that error. */
  chunks?: (Uint8Array | Error)[];
}

function binaryTransport(handler: (req: TransportRequest, n: number) => Answer | Promise<Answer>): Transport & { requests: TransportRequest[]; bodies: Uint8Array[] } {
  const requests: TransportRequest[] = [];
  const bodies: Uint8Array[] = [];
  return {
    requests,
    bodies,
    async request(req) {
      requests.push(req);
      if (req.body instanceof ReadableStream) {
        const parts: Uint8Array[] = [];
        const reader = req.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parts.push(value);
        }
        bodies.push(concat(parts));
      } else if (req.body) bodies.push(req.body);
      const a = await handler(req, requests.length);
      const text = a.json === undefined ? "" : JSON.stringify(a.json);
      const chunks = a.chunks ?? [new TextEncoder().encode(text)];
      const res: TransportResponse = {
        status: a.status,
        headers: { "content-type": a.json === undefined ? "application/octet-stream" : "application/json", ...a.headers },
        text: async () => text,
        bytes: async () => new TextEncoder().encode(text),
        stream: () => {
          let i = 0;
          return new ReadableStream<Uint8Array>({
            pull(c) {
              const next = chunks[i++];
              if (next === undefined) c.close();
              else if (next instanceof Error) c.error(next);
              else c.enqueue(next);
            },
          });
        },
        discard: async () => undefined,
      };
      return res;
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

const activeImage = (overrides: Record<string, unknown> = {}) =>
  imageBody({ status: "active", size: DATA.byteLength, checksum: hex("md5", DATA), os_hash_algo: "sha512", os_hash_value: hex("sha512", DATA), ...overrides });

// The default retry policy with its delays shrunk: the retried cuts below wait milliseconds, not the default ½–1 s.
const client = (transport: Transport) => new ImageClient({ endpoint: "http://glance.test:9292", transport, retry: { baseDelayMs: 1, maxDelayMs: 5 } });

/**
 * `actual` holds exactly the bytes of `expected`. (`toEqual` on a 100 kB array compares it
 * element by element through the generic matcher: most of a second each time.)
 */
function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  const got = actual as Uint8Array;
  expect(got.byteLength, "byte length").toBe(expected.byteLength);
  if (Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))) return;
  const at = got.findIndex((b, i) => b !== expected[i]);
  expect(got[at], `byte at offset ${at}`).toBe(expected[at]);
}
const bytesOf = async (c: ImageClient, id: string, options?: DownloadOptions) => (await c.data.download(id, options)).bytes();

describe("hashing", () => {
  it("hash-wasm digests match node:crypto for every algorithm, fed in pieces", async () => {
    const set = await HashSet.create(wasmHashFactory, ["md5", "sha1", "sha256", "sha384", "sha512"]);
    set.update(DATA.subarray(0, 12_345));
    set.update(DATA.subarray(12_345));
    const d = set.digests();
    expect(set.bytes).toBe(DATA.byteLength);
    for (const algo of ["md5", "sha1", "sha256", "sha384", "sha512"] as const) expect(d[algo]).toBe(hex(algo, DATA));
  });
});

describe("upload", () => {
  it("streams, sends the size, hashes and verifies against the image", async () => {
    const t = binaryTransport((req) => (req.method === "PUT" ? { status: 204 } : { status: 200, json: activeImage() }));
    const progress: number[] = [];
    const stream = new Blob([DATA]).stream();
    const result = await client(t).data.upload(ID, stream, { size: DATA.byteLength, onProgress: (p) => progress.push(p.bytes) });
    expect(result.verified).toBe("os_hash");
    expect(t.requests[0]!.headers["x-openstack-image-size"]).toBe(String(DATA.byteLength));
    expect(t.requests[0]!.headers["content-type"]).toBe("application/octet-stream");
    expectSameBytes(t.bodies[0], DATA);
    expect(progress.at(-1)).toBe(DATA.byteLength);
  });

  it("a digest Glance recorded differently is a ChecksumMismatchError naming both values", async () => {
    const t = binaryTransport((req) => (req.method === "PUT" ? { status: 204 } : { status: 200, json: activeImage({ os_hash_value: "ab".repeat(64) }) }));
    const error = await client(t).data.upload(ID, DATA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as ChecksumMismatchError).message).toContain("ab".repeat(64));
    expect((error as ChecksumMismatchError).message).toContain(hex("sha512", DATA));
  });

  it("a source that fails is an UploadSourceError; fewer bytes than the size an IncompleteDataError", async () => {
    const t = binaryTransport(() => ({ status: 204 }));
    const failing = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(DATA.subarray(0, 10));
        c.error(new Error("boom"));
      },
    });
    await expect(client(t).data.upload(ID, failing)).rejects.toBeInstanceOf(UploadSourceError);
    await expect(client(t).data.upload(ID, new Blob([DATA]).stream(), { size: DATA.byteLength + 1 })).rejects.toBeInstanceOf(IncompleteDataError);
  });

  it(".withResponse() gives the answer to the PUT (the upload's request id), not the verifying re-read", async () => {
    const t = binaryTransport((req, n) => (req.method === "PUT" ? { status: 204, headers: { "x-openstack-request-id": `req-${n}` } } : { status: 200, headers: { "x-openstack-request-id": `req-${n}` }, json: activeImage() }));
    const { data, response } = await client(t).data.upload(ID, DATA).withResponse();
    expect(data.verified).toBe("os_hash");
    expect(response).toMatchObject({ status: 204, requestId: "req-1" });
    const staged = await client(t).data.upload(ID, DATA, { stage: true }).withResponse();
    expect(staged.response).toMatchObject({ status: 204, requestId: "req-3" });
    expect(t.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT /v2/images/${ID}/file`, `GET /v2/images/${ID}`, `PUT /v2/images/${ID}/stage`]);
  });

  it("an image id of '..' (or another dot segment) is a ValidationError with nothing sent, for upload and download", async () => {
    const t = binaryTransport(() => ({ status: 204 }));
    for (const bad of ["..", ".", "%2E%2E", ""]) {
      await expect(client(t).data.upload(bad, DATA)).rejects.toBeInstanceOf(ValidationError);
      await expect(client(t).data.upload(bad, DATA, { stage: true })).rejects.toBeInstanceOf(ValidationError);
      await expect(client(t).data.download(bad, { verify: false })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(t.requests).toHaveLength(0);
  });

  it("bad input sends nothing", async () => {
    const t = binaryTransport(() => ({ status: 204 }));
    await expect(client(t).data.upload("nope", DATA)).rejects.toBeInstanceOf(ValidationError);
    await expect(client(t).data.upload(ID, DATA, { size: -1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(client(t).data.upload(ID, "text" as never)).rejects.toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(0);
  });
});

describe("one upload call for every source", () => {
  const ok = () => binaryTransport((req) => (req.method === "PUT" ? { status: 204 } : { status: 200, json: activeImage() }));

  async function* pieces(): AsyncIterable<Uint8Array> {
    yield DATA.subarray(0, 30_000);
    yield DATA.subarray(30_000);
  }

  it.each([
    ["Uint8Array", () => DATA],
    ["ArrayBuffer", () => DATA.slice().buffer],
    ["Blob", () => new Blob([DATA])],
    ["ReadableStream", () => new Blob([DATA]).stream()],
    ["AsyncIterable with its size", () => pieces()],
  ] as const)("takes a %s", async (_, make) => {
    const t = ok();
    const result = await client(t).data.upload(ID, make(), { size: DATA.byteLength });
    expect(result.verified).toBe("os_hash");
    expectSameBytes(t.bodies[0], DATA);
  });

  it("an AsyncIterable needs its size (nothing sent), and more bytes than the size fail", async () => {
    const t = ok();
    const error = await client(t).data.upload(ID, pieces()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toContain("size");
    expect(t.requests).toHaveLength(0);
    await expect(client(t).data.upload(ID, pieces(), { size: 10 })).rejects.toBeInstanceOf(IncompleteDataError);
  });

  it("stage: true stages (PUT …/stage) and leaves verification to the import", async () => {
    const t = ok();
    const result = await client(t).data.upload(ID, DATA, { stage: true });
    expect(t.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT /v2/images/${ID}/stage`]);
    expect(result).toMatchObject({ verified: "none", bytes: DATA.byteLength, image: undefined });
    expect(result.digests.sha512).toBe(hex("sha512", DATA));
  });

  it.each([["a\r\nx-injected: 1"], ["nul\0"], ["café-€"], [""]])("a store of %j is a ValidationError naming store, nothing sent", async (store) => {
    const t = ok();
    const error = await client(t).data.upload(ID, DATA, { store }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toContain("store");
    expect(t.requests).toHaveLength(0);
  });
});

describe("download", () => {
  const file = (req: TransportRequest): boolean => req.url.endsWith("/file");

  it("verifies against os_hash", async () => {
    const t = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA.subarray(0, 5000), DATA.subarray(5000)] } : { status: 200, json: activeImage() }));
    const got = await bytesOf(client(t), ID);
    expect(got).toMatchObject({ verified: "os_hash", algorithm: "sha512", bytes: DATA.byteLength, resumed: 0 });
    expectSameBytes(got.data, DATA);
  });

  it("falls back to Content-MD5 (hex) when the image has no hashes, and says none when nothing is given", async () => {
    const bare = activeImage({ checksum: null, os_hash_algo: null, os_hash_value: null });
    const withMd5 = binaryTransport((req) => (file(req) ? { status: 200, headers: { "content-md5": hex("md5", DATA) }, chunks: [DATA] } : { status: 200, json: bare }));
    expect((await bytesOf(client(withMd5), ID)).verified).toBe("md5");
    const none = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA] } : { status: 200, json: bare }));
    expect((await bytesOf(client(none), ID)).verified).toBe("none");
  });

  it("a flipped byte errors the stream with ChecksumMismatchError", async () => {
    const bad = DATA.slice();
    bad[500]! ^= 1;
    const t = binaryTransport((req) => (file(req) ? { status: 200, chunks: [bad] } : { status: 200, json: activeImage() }));
    await expect(bytesOf(client(t), ID)).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it("is read once: a second read is a DownloadAlreadyReadError", async () => {
    const t = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA] } : { status: 200, json: activeImage() }));
    const download = await client(t).data.download(ID);
    expectSameBytes((await download.bytes()).data, DATA);
    await expect(download.bytes()).rejects.toBeInstanceOf(DownloadAlreadyReadError);
    expect(() => download.chunks()).toThrow(DownloadAlreadyReadError);
  });

  it("204 is NoImageDataError", async () => {
    const t = binaryTransport((req) => (file(req) ? { status: 204 } : { status: 200, json: imageBody() }));
    await expect(bytesOf(client(t), ID)).rejects.toBeInstanceOf(NoImageDataError);
  });

  it("resumes a cut with Range from the last byte, checks Content-Range, and verifies the whole", async () => {
    const t = binaryTransport((req, n) => {
      if (!file(req)) return { status: 200, json: activeImage() };
      if (!req.headers.range) return { status: 200, chunks: [DATA.subarray(0, 40_000), new Error("ECONNRESET")] };
      const from = Number(/bytes=(\d+)-/.exec(req.headers.range)![1]);
      return { status: 206, headers: { "content-range": `bytes ${from}-${DATA.byteLength - 1}/${DATA.byteLength}` }, chunks: [DATA.subarray(from)], n } as Answer;
    });
    const progress: number[] = [];
    const got = await bytesOf(client(t), ID, { onProgress: (p) => progress.push(p.bytes) });
    expect(got.resumed).toBe(1);
    expect(got.verified).toBe("os_hash");
    expectSameBytes(got.data, DATA);
    expect(t.requests.filter(file).map((r) => r.headers.range)).toEqual([undefined, "bytes=40000-"]);
    expect(progress.at(-1)).toBe(DATA.byteLength);
  });

  it("a wrong Content-Range is a ResponseValidationError", async () => {
    const t = binaryTransport((req) => {
      if (!file(req)) return { status: 200, json: activeImage() };
      if (!req.headers.range) return { status: 200, chunks: [DATA.subarray(0, 100), new Error("cut")] };
      return { status: 206, headers: { "content-range": `bytes 0-${DATA.byteLength - 1}/${DATA.byteLength}` }, chunks: [DATA] };
    });
    await expect(bytesOf(client(t), ID)).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("continues from an offset, hashing the given prefix first", async () => {
    const t = binaryTransport((req) =>
      file(req)
        ? { status: 206, headers: { "content-range": `bytes 30000-${DATA.byteLength - 1}/${DATA.byteLength}` }, chunks: [DATA.subarray(30_000)] }
        : { status: 200, json: activeImage() },
    );
    const prefix = new Blob([DATA.subarray(0, 30_000)]).stream();
    const got = await bytesOf(client(t), ID, { offset: 30_000, prefix });
    expect(got.verified).toBe("os_hash");
    expect(got.bytes).toBe(DATA.byteLength);
    expectSameBytes(got.data, DATA.subarray(30_000));
    await expect(bytesOf(client(t), ID, { offset: 30_000 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("a cut with no retries left is typed, and a clean short body is IncompleteDataError", async () => {
    const cut = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA.subarray(0, 10), new Error("reset")] } : { status: 200, json: activeImage() }));
    await expect(bytesOf(client(cut), ID, { retries: 0 })).rejects.toMatchObject({ code: "CONNECTION" });
    const short = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA.subarray(0, 10)] } : { status: 200, json: activeImage() }));
    await expect(bytesOf(client(short), ID, { retries: 0 })).rejects.toBeInstanceOf(IncompleteDataError);
  });
});

describe("uploadImage never leaves an orphan", () => {
  const attributes = { name: "cirros", disk_format: "raw", container_format: "bare" } as const;
  const path = (req: TransportRequest): string => `${req.method} ${new URL(req.url).pathname}`;
  const createdId = (t: { bodies: Uint8Array[] }): string => (JSON.parse(new TextDecoder().decode(t.bodies[0])) as { id: string }).id;
  const reset = (): never => {
    throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  };

  it("a create whose answer is cut deletes the image by the id the SDK chose, and the error carries it", async () => {
    const t = binaryTransport((req) => (req.method === "POST" ? reset() : req.method === "DELETE" ? { status: 204 } : { status: 404, json: {} }));
    const error = await client(t).uploadImage({ attributes, data: DATA }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadImageError);
    const failed = error as UploadImageError;
    const id = createdId(t);
    expect(failed.imageId).toBe(id);
    expect(failed.cleanup).toBe("deleted");
    expect(failed.cause).toMatchObject({ code: "CONNECTION" });
    expect(failed.message).toContain(id);
    expect(failed.message).toContain("deleted");
    expect(t.requests.map(path).at(-1)).toBe(`DELETE /v2/images/${id}`);
  });

  it("a 404 on the cleanup DELETE says no image was left", async () => {
    const t = binaryTransport((req) => (req.method === "POST" ? reset() : { status: 404, json: {} }));
    const error = (await client(t).uploadImage({ attributes, data: DATA }).catch((e: unknown) => e)) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cleanup).toBe("not-found");
    expect(error.message).toContain("no image was left");
  });

  it("a cleanup DELETE that fails too is said in the error, with its own failure", async () => {
    const t = binaryTransport((req) => (req.method === "POST" ? reset() : req.method === "DELETE" ? { status: 403, json: {} } : { status: 404, json: {} }));
    const error = (await client(t).uploadImage({ attributes, data: DATA }).catch((e: unknown) => e)) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cleanup).toBe("failed");
    expect(error.cleanupError).toMatchObject({ status: 403 });
    expect(error.message).toContain("deleting the image failed too");
    expect(error.message).toContain(error.imageId);
  });

  it("keepOnFailure sends no DELETE and says the image was kept", async () => {
    const t = binaryTransport((req) => (req.method === "POST" ? reset() : { status: 404, json: {} }));
    const error = (await client(t).uploadImage({ attributes, data: DATA, keepOnFailure: true }).catch((e: unknown) => e)) as UploadImageError;
    expect(error.cleanup).toBe("kept");
    expect(t.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("a digest mismatch after the upload deletes the image; the ChecksumMismatchError is the cause", async () => {
    let id = "";
    const t = binaryTransport((req) => {
      if (req.method === "POST") {
        id = createdId(t);
        return { status: 201, json: imageBody({ id }) };
      }
      if (req.method === "PUT" || req.method === "DELETE") return { status: 204 };
      return { status: 200, json: activeImage({ id, os_hash_value: "ab".repeat(64) }) };
    });
    const error = (await client(t).uploadImage({ attributes, data: DATA }).catch((e: unknown) => e)) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error.cause).toBeInstanceOf(ChecksumMismatchError);
    expect(error.cleanup).toBe("deleted");
    expect(t.requests.map(path).at(-1)).toBe(`DELETE /v2/images/${id}`);
  });

  it("a create the server refused (4xx) is thrown as is, with no DELETE", async () => {
    const t = binaryTransport(() => ({ status: 400, json: { message: "bad" } }));
    const error = await client(t).uploadImage({ attributes, data: DATA }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(error).not.toBeInstanceOf(UploadImageError);
    expect(t.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("a 409 on create (a retried create after a cut answer) carries on with the matching queued image", async () => {
    const id = "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    let uploaded = false;
    const t = binaryTransport((req) => {
      if (req.method === "POST") return { status: 409, json: { message: "exists" } };
      if (req.method === "PUT") {
        uploaded = true;
        return { status: 204 };
      }
      return { status: 200, json: uploaded ? activeImage({ id, name: "cirros", disk_format: "raw", container_format: "bare" }) : imageBody({ id, name: "cirros", disk_format: "raw", container_format: "bare" }) };
    });
    const result = await client(t).uploadImage({ attributes: { ...attributes, id }, data: DATA });
    expect(result).toMatchObject({ created: false, method: "upload", verified: "os_hash" });
    expect(t.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("an SDK-chosen id: a create cut after Glance made the image is retried by the HTTP layer, its 409 finds this call's image and the upload carries on (one image, no DELETE)", async () => {
    let posts = 0;
    let uploaded = false;
    let id = "";
    const t = binaryTransport((req) => {
      if (req.method === "POST") {
        posts += 1;
        id = (JSON.parse(new TextDecoder().decode(req.body as Uint8Array)) as { id: string }).id;
        return posts === 1 ? reset() : { status: 409, json: { message: "exists" } };
      }
      if (req.method === "PUT") {
        uploaded = true;
        return { status: 204 };
      }
      return { status: 200, json: uploaded ? activeImage({ id, name: "cirros", disk_format: "raw", container_format: "bare" }) : imageBody({ id, name: "cirros", disk_format: "raw", container_format: "bare" }) };
    });
    const glance = new ImageClient({ endpoint: "http://glance.test:9292", transport: t, retry: { baseDelayMs: 1 } });
    const result = await glance.uploadImage({ attributes, data: DATA });
    expect(posts).toBe(2);
    expect(result).toMatchObject({ created: true, method: "upload", verified: "os_hash" });
    expect(result.image.id).toBe(id);
    expect(t.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("a 409 for an image that does not match is thrown as is and the image is left alone", async () => {
    const id = "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    const t = binaryTransport((req) => (req.method === "POST" ? { status: 409, json: {} } : { status: 200, json: imageBody({ id, name: "someone else's" }) }));
    const error = await client(t).uploadImage({ attributes: { ...attributes, id }, data: DATA }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409 });
    expect(t.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("a caller-chosen id whose create got no answer: an image found active (an earlier upload) is left alone", async () => {
    const id = "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    const t = binaryTransport((req) => (req.method === "POST" ? reset() : { status: 200, json: activeImage({ id }) }));
    const error = (await client(t).uploadImage({ attributes: { ...attributes, id }, data: DATA }).catch((e: unknown) => e)) as UploadImageError;
    expect(error).toBeInstanceOf(UploadImageError);
    expect(error).toMatchObject({ imageId: id, cleanup: "left" });
    expect(t.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("a caller-chosen id whose create got no answer: a fresh queued image is deleted", async () => {
    const id = "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    const t = binaryTransport((req) => (req.method === "POST" ? reset() : req.method === "DELETE" ? { status: 204 } : { status: 200, json: imageBody({ id }) }));
    const error = (await client(t).uploadImage({ attributes: { ...attributes, id }, data: DATA }).catch((e: unknown) => e)) as UploadImageError;
    expect(error).toMatchObject({ imageId: id, cleanup: "deleted" });
    expect(t.requests.map(path).at(-1)).toBe(`DELETE /v2/images/${id}`);
  });

  it("bad input (a bad store, a string source in the core) sends nothing", async () => {
    const t = binaryTransport(() => ({ status: 500 }));
    await expect(client(t).uploadImage({ attributes, data: DATA, store: "a\nb" })).rejects.toBeInstanceOf(ValidationError);
    await expect(client(t).uploadImage({ attributes, data: "./file.img" as never })).rejects.toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(0);
  });
});
