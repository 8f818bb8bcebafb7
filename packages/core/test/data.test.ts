import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ChecksumMismatchError,
  HashSet,
  ImageClient,
  IncompleteDataError,
  NoImageDataError,
  ResponseValidationError,
  UploadSourceError,
  ValidationError,
  wasmHashFactory,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from "../src/index.js";
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

const client = (transport: Transport) => new ImageClient({ endpoint: "http://glance.test:9292", transport });

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
    expect(t.bodies[0]).toEqual(DATA);
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

  it("bad input sends nothing", async () => {
    const t = binaryTransport(() => ({ status: 204 }));
    await expect(client(t).data.upload("nope", DATA)).rejects.toBeInstanceOf(ValidationError);
    await expect(client(t).data.upload(ID, DATA, { size: -1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(client(t).data.upload(ID, "text" as never)).rejects.toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(0);
  });
});

describe("download", () => {
  const file = (req: TransportRequest): boolean => req.url.endsWith("/file");

  it("verifies against os_hash", async () => {
    const t = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA.subarray(0, 5000), DATA.subarray(5000)] } : { status: 200, json: activeImage() }));
    const got = await client(t).data.bytes(ID);
    expect(got).toMatchObject({ verified: "os_hash", algorithm: "sha512", bytes: DATA.byteLength, resumed: 0 });
    expect(got.data).toEqual(DATA);
  });

  it("falls back to Content-MD5 (hex) when the image has no hashes, and says none when nothing is given", async () => {
    const bare = activeImage({ checksum: null, os_hash_algo: null, os_hash_value: null });
    const withMd5 = binaryTransport((req) => (file(req) ? { status: 200, headers: { "content-md5": hex("md5", DATA) }, chunks: [DATA] } : { status: 200, json: bare }));
    expect((await client(withMd5).data.bytes(ID)).verified).toBe("md5");
    const none = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA] } : { status: 200, json: bare }));
    expect((await client(none).data.bytes(ID)).verified).toBe("none");
  });

  it("a flipped byte errors the stream with ChecksumMismatchError", async () => {
    const bad = DATA.slice();
    bad[500]! ^= 1;
    const t = binaryTransport((req) => (file(req) ? { status: 200, chunks: [bad] } : { status: 200, json: activeImage() }));
    await expect(client(t).data.bytes(ID)).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it("204 is NoImageDataError", async () => {
    const t = binaryTransport((req) => (file(req) ? { status: 204 } : { status: 200, json: imageBody() }));
    await expect(client(t).data.bytes(ID)).rejects.toBeInstanceOf(NoImageDataError);
  });

  it("resumes a cut with Range from the last byte, checks Content-Range, and verifies the whole", async () => {
    const t = binaryTransport((req, n) => {
      if (!file(req)) return { status: 200, json: activeImage() };
      if (!req.headers.range) return { status: 200, chunks: [DATA.subarray(0, 40_000), new Error("ECONNRESET")] };
      const from = Number(/bytes=(\d+)-/.exec(req.headers.range)![1]);
      return { status: 206, headers: { "content-range": `bytes ${from}-${DATA.byteLength - 1}/${DATA.byteLength}` }, chunks: [DATA.subarray(from)], n } as Answer;
    });
    const progress: number[] = [];
    const got = await client(t).data.bytes(ID, { onProgress: (p) => progress.push(p.bytes) });
    expect(got.resumed).toBe(1);
    expect(got.verified).toBe("os_hash");
    expect(got.data).toEqual(DATA);
    expect(t.requests.filter(file).map((r) => r.headers.range)).toEqual([undefined, "bytes=40000-"]);
    expect(progress.at(-1)).toBe(DATA.byteLength);
  });

  it("a wrong Content-Range is a ResponseValidationError", async () => {
    const t = binaryTransport((req) => {
      if (!file(req)) return { status: 200, json: activeImage() };
      if (!req.headers.range) return { status: 200, chunks: [DATA.subarray(0, 100), new Error("cut")] };
      return { status: 206, headers: { "content-range": `bytes 0-${DATA.byteLength - 1}/${DATA.byteLength}` }, chunks: [DATA] };
    });
    await expect(client(t).data.bytes(ID)).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("continues from an offset, hashing the given prefix first", async () => {
    const t = binaryTransport((req) =>
      file(req)
        ? { status: 206, headers: { "content-range": `bytes 30000-${DATA.byteLength - 1}/${DATA.byteLength}` }, chunks: [DATA.subarray(30_000)] }
        : { status: 200, json: activeImage() },
    );
    const prefix = new Blob([DATA.subarray(0, 30_000)]).stream();
    const got = await client(t).data.bytes(ID, { offset: 30_000, prefix });
    expect(got.verified).toBe("os_hash");
    expect(got.bytes).toBe(DATA.byteLength);
    expect(got.data).toEqual(DATA.subarray(30_000));
    await expect(client(t).data.bytes(ID, { offset: 30_000 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("a cut with no retries left is typed, and a clean short body is IncompleteDataError", async () => {
    const cut = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA.subarray(0, 10), new Error("reset")] } : { status: 200, json: activeImage() }));
    await expect(client(cut).data.bytes(ID, { retries: 0 })).rejects.toMatchObject({ code: "CONNECTION" });
    const short = binaryTransport((req) => (file(req) ? { status: 200, chunks: [DATA.subarray(0, 10)] } : { status: 200, json: activeImage() }));
    await expect(client(short).data.bytes(ID, { retries: 0 })).rejects.toBeInstanceOf(IncompleteDataError);
  });
});
