import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ChecksumMismatchError,
  DownloadAlreadyReadError,
  ImageClient,
  RequestAbortedError,
  ValidationError,
  type DownloadOptions,
  type ImageDownload,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from "../src/index.js";
import { imageBody } from "./fake-transport.js";

/*
 * ImageDownload.readInto (bring your own buffer) through a fake transport, in the three shapes
 * a transport's body can have: its own readInto (the Node transport's own-socket path), chunks()
 * only, or a web stream only (BodyReader copies chunks in for the last two).
 */

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const DATA = new Uint8Array(100_000).map((_, i) => (i * 13 + (i >> 7)) & 0xff);
const hex = (algo: string, bytes: Uint8Array): string => createHash(algo).update(bytes).digest("hex");
const activeImage = (overrides: Record<string, unknown> = {}) =>
  imageBody({ status: "active", size: DATA.byteLength, checksum: hex("md5", DATA), os_hash_algo: "sha512", os_hash_value: hex("sha512", DATA), ...overrides });

/** A piece of a fake body: bytes, a failure that ends it, or a pause until the promise settles. */
type Part = Uint8Array | Error | { readonly wait: Promise<void> };

/** The body of one fake answer: delivers its parts in order, and knows whether the reader closed it. */
class FakeBody {
  closed = false;
  private readonly queue: Part[];
  private rest: Uint8Array | undefined;
  private onClose!: (error: Error) => void;
  private readonly closing = new Promise<never>((_, reject) => (this.onClose = reject));

  constructor(parts: readonly Part[]) {
    this.queue = [...parts];
    this.closing.catch(() => undefined);
  }

  /** The next chunk (the parts as they are), `undefined` at the end. A pending read rejects when the body is closed, as a socket's would. */
  async next(): Promise<Uint8Array | undefined> {
    for (;;) {
      if (this.closed) throw new Error("body closed");
      if (this.rest) {
        const chunk = this.rest;
        this.rest = undefined;
        return chunk;
      }
      const part = this.queue.shift();
      if (part === undefined) return undefined;
      if (part instanceof Error) throw part;
      if (part instanceof Uint8Array) return part;
      await Promise.race([part.wait, this.closing]);
    }
  }

  /** As a BYOB transport does: copies as much of the next chunk as fits. */
  async readInto(buffer: Uint8Array): Promise<number> {
    const chunk = await this.next();
    if (chunk === undefined) return 0;
    const n = Math.min(chunk.byteLength, buffer.byteLength);
    buffer.set(chunk.subarray(0, n));
    if (n < chunk.byteLength) this.rest = chunk.subarray(n);
    return n;
  }

  close(): void {
    this.closed = true;
    this.onClose(new Error("body closed"));
  }
}

type Shape = "readInto" | "chunks" | "stream";

interface Answer {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  parts?: Part[];
}

/** A transport answering from `handler`; file bodies take the given shape. */
function dataTransport(shape: Shape, handler: (req: TransportRequest) => Answer): Transport & { requests: TransportRequest[]; bodies: FakeBody[] } {
  const requests: TransportRequest[] = [];
  const bodies: FakeBody[] = [];
  return {
    requests,
    bodies,
    async request(req) {
      requests.push(req);
      const answer = handler(req);
      const text = answer.json === undefined ? "" : JSON.stringify(answer.json);
      const body = new FakeBody(answer.parts ?? [new TextEncoder().encode(text)]);
      if (answer.parts) bodies.push(body);
      const stream = (): ReadableStream<Uint8Array> =>
        new ReadableStream<Uint8Array>(
          {
            async pull(controller) {
              try {
                const chunk = await body.next();
                if (chunk === undefined) controller.close();
                else controller.enqueue(chunk);
              } catch (error) {
                controller.error(error);
              }
            },
            cancel: () => body.close(),
          },
          { highWaterMark: 0 },
        );
      const res: TransportResponse = {
        status: answer.status,
        headers: { "content-type": answer.json === undefined ? "application/octet-stream" : "application/json", ...answer.headers },
        text: async () => text,
        bytes: async () => new TextEncoder().encode(text),
        stream,
        discard: async () => body.close(),
      };
      if (shape === "readInto") return { ...res, readInto: (buffer: Uint8Array) => body.readInto(buffer) };
      if (shape === "chunks") {
        const chunks = (): AsyncIterable<Uint8Array> => ({
          [Symbol.asyncIterator]: () => ({
            next: async (): Promise<IteratorResult<Uint8Array>> => {
              const chunk = await body.next();
              return chunk === undefined ? { done: true, value: undefined } : { done: false, value: chunk };
            },
            return: async (): Promise<IteratorResult<Uint8Array>> => {
              body.close();
              return { done: true, value: undefined };
            },
          }),
        });
        Object.defineProperty(res, "chunks", { value: chunks, enumerable: false });
      }
      return res;
    },
  };
}

const isFile = (req: TransportRequest): boolean => req.url.endsWith("/file");
const client = (transport: Transport) => new ImageClient({ endpoint: "http://glance.test:9292", transport, retry: { baseDelayMs: 1, maxDelayMs: 5 } });

/** `DATA` in pieces of odd sizes. */
function pieces(data: Uint8Array, sizes: readonly number[] = [7, 12_345, 1, 30_000, 999]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < data.byteLength; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(data.subarray(at, at + n));
    at += n;
  }
  return out;
}

const whole = (parts: Part[], headers: Record<string, string> = {}) => (req: TransportRequest): Answer =>
  isFile(req) ? { status: 200, headers: { "content-length": String(DATA.byteLength), ...headers }, parts } : { status: 200, json: activeImage() };

/** Reads the whole download with `readInto` into one reused buffer of `size`; returns the bytes and every call's count. */
async function readAll(download: ImageDownload, size: number, viewOffset = 0): Promise<{ data: Uint8Array; counts: number[] }> {
  // With a viewOffset, the buffer is a view into the middle of a larger ArrayBuffer (guards around it).
  const backing = new Uint8Array(size + 2 * viewOffset).fill(0xee);
  const buffer = viewOffset === 0 ? backing : backing.subarray(viewOffset, viewOffset + size);
  const out = new Uint8Array(DATA.byteLength + size);
  const counts: number[] = [];
  let at = 0;
  for (;;) {
    const n = await download.readInto(buffer);
    counts.push(n);
    if (n === 0) break;
    out.set(buffer.subarray(0, n), at);
    at += n;
  }
  if (viewOffset > 0) expect([...backing.subarray(0, viewOffset), ...backing.subarray(viewOffset + size)].every((b) => b === 0xee), "bytes outside the view untouched").toBe(true);
  return { data: out.subarray(0, at), counts };
}

function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.byteLength, "byte length").toBe(expected.byteLength);
  if (Buffer.from(actual).equals(Buffer.from(expected))) return;
  const at = actual.findIndex((b, i) => b !== expected[i]);
  expect(actual[at], `byte at offset ${at}`).toBe(expected[at]);
}

describe.each<Shape>(["readInto", "chunks", "stream"])("readInto over a transport body with %s", (shape) => {
  it("fills whole buffers; the last call returns the remainder, then 0 (and 0 again)", async () => {
    const t = dataTransport(shape, whole(pieces(DATA)));
    const download = await client(t).data.download(ID);
    const { data, counts } = await readAll(download, 30_000);
    expect(counts).toEqual([30_000, 30_000, 30_000, 10_000, 0]);
    expectSameBytes(data, DATA);
    expect(await download.readInto(new Uint8Array(10))).toBe(0);
    await expect(download.result).resolves.toMatchObject({ verified: "os_hash", algorithm: "sha512", bytes: DATA.byteLength, resumed: 0, digest: hex("sha512", DATA) });
  });

  it("a buffer larger than the image gets it all in one call", async () => {
    const t = dataTransport(shape, whole(pieces(DATA)));
    const { counts, data } = await readAll(await client(t).data.download(ID), 1 << 20);
    expect(counts).toEqual([DATA.byteLength, 0]);
    expectSameBytes(data, DATA);
  });

  it("calls made without waiting for each other are served in order", async () => {
    const t = dataTransport(shape, whole(pieces(DATA)));
    const download = await client(t).data.download(ID);
    const buffers = [0, 1, 2, 3, 4].map(() => new Uint8Array(25_000));
    const counts = await Promise.all(buffers.map((b) => download.readInto(b)));
    expect(counts).toEqual([25_000, 25_000, 25_000, 25_000, 0]);
    const joined = new Uint8Array(DATA.byteLength);
    buffers.slice(0, 4).forEach((b, i) => joined.set(b, i * 25_000));
    expectSameBytes(joined, DATA);
  });

  it("a digest mismatch is a ChecksumMismatchError from the call that reaches the end (and from result)", async () => {
    const t = dataTransport(shape, (req) => (isFile(req) ? { status: 200, parts: pieces(DATA) } : { status: 200, json: activeImage({ os_hash_value: "ab".repeat(64) }) }));
    const download = await client(t).data.download(ID);
    const buffer = new Uint8Array(30_000);
    for (let i = 0; i < 3; i++) expect(await download.readInto(buffer)).toBe(30_000);
    await expect(download.readInto(buffer)).rejects.toBeInstanceOf(ChecksumMismatchError);
    await expect(download.result).rejects.toBeInstanceOf(ChecksumMismatchError);
    // The download has failed: later calls fail the same way.
    await expect(download.readInto(buffer)).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it("a cut mid-body is resumed with Range from the last byte, and the bytes are right", async () => {
    const t = dataTransport(shape, (req) => {
      if (!isFile(req)) return { status: 200, json: activeImage() };
      if (!req.headers.range) return { status: 200, parts: [...pieces(DATA.subarray(0, 40_000)), Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })] };
      const from = Number(/bytes=(\d+)-/.exec(req.headers.range)![1]);
      return { status: 206, headers: { "content-range": `bytes ${from}-${DATA.byteLength - 1}/${DATA.byteLength}` }, parts: pieces(DATA.subarray(from)) };
    });
    const download = await client(t).data.download(ID);
    const { data, counts } = await readAll(download, 16_384);
    expectSameBytes(data, DATA);
    expect(counts.slice(0, -2).every((n) => n === 16_384)).toBe(true);
    expect(t.requests.filter(isFile).map((r) => r.headers.range)).toEqual([undefined, "bytes=40000-"]);
    await expect(download.result).resolves.toMatchObject({ verified: "os_hash", resumed: 1, bytes: DATA.byteLength });
  });

  it("a server that ignores Range (200, the whole image again) has the prefix skipped, the skip ending mid-buffer and mid-chunk", async () => {
    const t = dataTransport(shape, (req) => {
      if (!isFile(req)) return { status: 200, json: activeImage() };
      if (!req.headers.range) return { status: 200, parts: [DATA.subarray(0, 25_000), DATA.subarray(25_000, 40_000), new Error("cut")] };
      // 30 000-byte pieces: the skip of 40 000 ends inside the second one.
      return { status: 200, headers: { "content-length": String(DATA.byteLength) }, parts: pieces(DATA, [30_000]) };
    });
    const download = await client(t).data.download(ID);
    // 40 000 = 2 × 16 384 + 7 232: the resumed bytes land in the middle of the third buffer,
    // a view that starts 123 bytes into its ArrayBuffer.
    const { data, counts } = await readAll(download, 16_384, 123);
    expectSameBytes(data, DATA);
    expect(counts.slice(0, -2).every((n) => n === 16_384)).toBe(true);
    expect(t.requests.filter(isFile).map((r) => r.headers.range)).toEqual([undefined, "bytes=40000-"]);
    await expect(download.result).resolves.toMatchObject({ verified: "os_hash", resumed: 1 });
  });

  it("readInto then chunks() (or bytes(), or stream) is a DownloadAlreadyReadError; chunks() then readInto too", async () => {
    const t = dataTransport(shape, whole(pieces(DATA)));
    const first = await client(t).data.download(ID);
    expect(await first.readInto(new Uint8Array(100))).toBe(100);
    expect(() => first.chunks()).toThrow(DownloadAlreadyReadError);
    await expect(first.bytes()).rejects.toBeInstanceOf(DownloadAlreadyReadError);
    expect(() => first.stream).toThrow(DownloadAlreadyReadError);
    // The reads in progress are not disturbed.
    const rest = await readAll(first, 50_000);
    expectSameBytes(rest.data, DATA.subarray(100));

    const second = await client(t).data.download(ID);
    second.chunks();
    await expect(second.readInto(new Uint8Array(100))).rejects.toBeInstanceOf(DownloadAlreadyReadError);
    await second.cancel();
  });

  // With a stream-only body (the fetch transport's shape) cancelling the reader ends the waiting
  // read with { done: true } instead of failing it: that must not pass for a short body and
  // resume with Range after the cancel.
  it("cancel() during a waiting readInto: the read and result reject with RequestAbortedError, the body is closed, nothing more is sent", async () => {
    const never = new Promise<void>(() => undefined);
    const t = dataTransport(shape, (req) => {
      if (!isFile(req)) return { status: 200, json: activeImage() };
      if (!req.headers.range) return { status: 200, parts: [DATA.subarray(0, 1000), { wait: never }] };
      const from = Number(/bytes=(\d+)-/.exec(req.headers.range)![1]);
      return { status: 206, headers: { "content-range": `bytes ${from}-${DATA.byteLength - 1}/${DATA.byteLength}` }, parts: [DATA.subarray(from)] };
    });
    const download = await client(t).data.download(ID);
    const buffer = new Uint8Array(10_000);
    const caught = download.readInto(buffer).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reason = new Error("user pressed stop");
    await download.cancel(reason);
    expect(await caught).toBeInstanceOf(RequestAbortedError);
    await expect(download.result).rejects.toBeInstanceOf(RequestAbortedError);
    await expect(download.result).rejects.toMatchObject({ cause: reason });
    await expect(download.readInto(buffer)).rejects.toBeInstanceOf(RequestAbortedError);
    expect(t.requests.filter(isFile)).toHaveLength(1);
    expect(t.bodies.map((b) => b.closed)).toEqual([true]);
  });

  it("onProgress is called as bytes arrive, before the buffer is full", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const t = dataTransport(shape, whole([DATA.subarray(0, 1000), { wait: gate }, DATA.subarray(1000)]));
    let sawFirst!: () => void;
    const first = new Promise<void>((resolve) => (sawFirst = resolve));
    const progress: number[] = [];
    const options: DownloadOptions = {
      onProgress: (p) => {
        progress.push(p.bytes);
        if (p.bytes >= 1000) sawFirst();
      },
    };
    const download = await client(t).data.download(ID, options);
    let settled = false;
    const read = download.readInto(new Uint8Array(DATA.byteLength)).then((n) => {
      settled = true;
      return n;
    });
    await first;
    expect(settled).toBe(false);
    expect(progress).toContain(1000);
    release();
    expect(await read).toBe(DATA.byteLength);
    expect(progress.at(-1)).toBe(DATA.byteLength);
    expect(progress.every((n, i) => i === 0 || n >= progress[i - 1]!)).toBe(true);
  });

  it.each([
    ["an ArrayBuffer", new ArrayBuffer(16)],
    ["a DataView", new DataView(new ArrayBuffer(16))],
    ["an array of numbers", [1, 2, 3]],
    ["null", null],
    ["a string", "buffer"],
  ])("%s is a ValidationError, with no request sent", async (_what, value) => {
    const t = dataTransport(shape, whole(pieces(DATA)));
    const download = await client(t).data.download(ID);
    const sent = t.requests.length;
    await expect(download.readInto(value as unknown as Uint8Array)).rejects.toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(sent);
    // The download is still whole and readable.
    expectSameBytes((await readAll(download, 40_000)).data, DATA);
  });
});
