import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConnectionError, RequestTimeoutError, createNodeHttpTransport, type NodeHttpTransport, type NodeHttpTransportOptions, type TransportResponse } from "../src/index.js";

/*
 * The node:http transport's path for image data: a bodiless GET with `largeBody` goes on a
 * connection of its own, read from the socket with our own HTTP/1.1 framing. Every test goes
 * through the public transport; servers are raw `net`/`tls` ones wherever exact bytes matter.
 */

const PASSWORD = "pw-never-shown-9f3a";

/** A local server that reads one request head per connection and hands the socket over. */
interface Raw {
  readonly url: string;
  readonly port: number;
  /** Every connection accepted, in order. */
  readonly sockets: Socket[];
  /** The request heads received (up to the blank line), in order. */
  readonly heads: string[];
}

const transports: NodeHttpTransport[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(closers.splice(0).map((c) => c()));
});

const transport = (options: NodeHttpTransportOptions = {}): NodeHttpTransport => {
  const t = createNodeHttpTransport(options);
  transports.push(t);
  return t;
};

async function listen(server: Server, sockets: Socket[]): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

/** Reads the request head off `socket`, then calls `answer` (which writes whatever bytes it likes). */
function onHead(socket: Socket, raw: { heads: string[] }, answer: (socket: Socket, head: string) => void | Promise<void>): void {
  socket.on("error", () => undefined);
  let seen = "";
  const onData = (data: Buffer): void => {
    seen += data.toString("latin1");
    const end = seen.indexOf("\r\n\r\n");
    if (end < 0) return;
    socket.off("data", onData);
    const head = seen.slice(0, end + 4);
    raw.heads.push(head);
    void Promise.resolve(answer(socket, head)).catch(() => socket.destroy());
  };
  socket.on("data", onData);
}

async function rawServer(answer: (socket: Socket, head: string) => void | Promise<void>): Promise<Raw> {
  const sockets: Socket[] = [];
  const heads: string[] = [];
  const server = createNetServer((socket) => {
    sockets.push(socket);
    onHead(socket, { heads }, answer);
  });
  const port = await listen(server, sockets);
  return { url: `http://127.0.0.1:${port}`, port, sockets, heads };
}

const get = (t: NodeHttpTransport, url: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<TransportResponse> =>
  t.request({ method: "GET", url, headers, largeBody: true, signal });

/** Deterministic bytes that differ from one offset to the next (a misplaced piece shows). */
function pattern(length: number, seed = 0): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + (i >>> 9) + seed) & 0xff;
  return out;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `data` in pieces of the given sizes (cycled), pausing between some, respecting backpressure. */
async function writeInPieces(socket: Socket, data: Uint8Array, sizes: readonly number[] = [1, 7, 1000, 3, 65_537, 13, 4096, 100_003]): Promise<void> {
  let at = 0;
  for (let i = 0; at < data.byteLength; i++) {
    if (socket.destroyed) return;
    const n = Math.min(sizes[i % sizes.length]!, data.byteLength - at);
    const ok = socket.write(data.subarray(at, at + n));
    at += n;
    if (!ok) await once(socket, "drain");
    else if (i % 3 === 0) await pause(2);
  }
}

/** Reads the whole body through `readInto` with a buffer of `size` bytes; each call must give ≥ 1 byte until 0. */
async function readAll(res: TransportResponse, size: number): Promise<Buffer> {
  const buffer = new Uint8Array(size);
  const parts: Buffer[] = [];
  for (;;) {
    const n = await res.readInto!(buffer);
    expect(n).toBeLessThanOrEqual(size);
    if (n === 0) break;
    parts.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(parts);
}

const chunkedWire = (body: Buffer, chunkSize: number, trailer = ""): Buffer => {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.byteLength; at += chunkSize) {
    const piece = body.subarray(at, at + chunkSize);
    parts.push(Buffer.from(`${piece.byteLength.toString(16)};ext=1\r\n`), piece, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`0\r\n${trailer}\r\n`));
  return Buffer.concat(parts);
};

/** A port nothing listens on. */
async function refusedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("readInto gives exactly the body's bytes", () => {
  const BODY = pattern(700_001);

  it("Content-Length, written in odd pieces with pauses, read into buffers of several sizes", async () => {
    const raw = await rawServer(async (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: ${BODY.byteLength}\r\n\r\n`);
      await writeInPieces(socket, BODY);
    });
    const t = transport();
    for (const size of [7, 4093, 65_536, 1_048_576]) {
      const res = await get(t, `${raw.url}/file`);
      expect(res.status).toBe(200);
      expect(res.headers["content-length"]).toBe(String(BODY.byteLength));
      const got = await readAll(res, size);
      expect(got.equals(BODY), `buffer of ${size}`).toBe(true);
      expect(await res.readInto!(new Uint8Array(10))).toBe(0);
    }
  }, 60_000);

  it("filled as the core fills its buffers (each read continues where the last ended), rotating three: every byte in order", async () => {
    // While a read waits, the socket reads straight into its buffer; a read that resolves
    // before the buffer is full leaves the socket reading into the rest, which the next read
    // continues or, when it asks for other memory, gets copied.
    const raw = await rawServer(async (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${BODY.byteLength}\r\n\r\n`);
      await writeInPieces(socket, BODY);
    });
    const res = await get(transport(), `${raw.url}/file`);
    const buffers = [new Uint8Array(100_000), new Uint8Array(65_536), new Uint8Array(131_071)];
    const parts: Buffer[] = [];
    for (let turn = 0; ; turn++) {
      const buffer = buffers[turn % buffers.length]!;
      let filled = 0;
      while (filled < buffer.byteLength) {
        const n = await res.readInto!(buffer.subarray(filled));
        if (n === 0) break;
        filled += n;
      }
      if (filled === 0) break;
      parts.push(Buffer.from(buffer.subarray(0, filled)));
      // The caller's own use of a buffer it got back: later reads must not show through it.
      if (turn % 2 === 0) buffer.fill(0xee, 0, filled);
    }
    expect(Buffer.concat(parts).equals(BODY)).toBe(true);
  });

  it("a reader that pauses between its buffers (a file write, a hash) gets every byte, and the bytes that land meanwhile are not copied into fresh memory", async () => {
    // Between two buffers the socket reads on into a read buffer of its own and pauses; those
    // bytes wait there for the next readInto. Copying them out would allocate once per buffer
    // the reader fills (a 1 GiB download: 1 024 times), memory the process then holds.
    const TOTAL = 32 * 1024 * 1024;
    const body = pattern(TOTAL, 5);
    const raw = await rawServer(async (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${TOTAL}\r\n\r\n`);
      for (let at = 0; at < TOTAL && !socket.destroyed; at += 1024 * 1024) {
        if (!socket.write(body.subarray(at, at + 1024 * 1024))) await once(socket, "drain");
      }
    });
    const res = await get(transport(), `${raw.url}/file`);
    const buffers = [new Uint8Array(1024 * 1024), new Uint8Array(1024 * 1024)];
    const got = Buffer.alloc(TOTAL);
    let total = 0;
    const from = vi.spyOn(Buffer, "from");
    const concat = vi.spyOn(Buffer, "concat");
    try {
      for (let turn = 0; ; turn++) {
        const buffer = buffers[turn % 2]!;
        let filled = 0;
        while (filled < buffer.byteLength) {
          const n = await res.readInto!(buffer.subarray(filled));
          if (n === 0) break;
          filled += n;
        }
        got.set(buffer.subarray(0, filled), total);
        total += filled;
        if (filled < buffer.byteLength) break;
        await pause(1); // the socket's next read lands before the next readInto
      }
      // Buffer.from(arrayBuffer, offset, length) is a view; Buffer.from(bytes) is a copy.
      const views = from.mock.calls.filter((args) => args[0] instanceof ArrayBuffer).length;
      expect({ copies: from.mock.calls.length - views, concats: concat.mock.calls.length }).toEqual({ copies: 0, concats: 0 });
      // The pauses did leave bytes waiting between buffers, most times.
      expect(views).toBeGreaterThan(8);
    } finally {
      from.mockRestore();
      concat.mockRestore();
    }
    expect(total).toBe(TOTAL);
    expect(got.equals(body)).toBe(true);
  }, 60_000);

  it("the head and the first body bytes in one write, the rest split inside the head too", async () => {
    const small = pattern(5000, 3);
    const wire = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${small.byteLength}\r\n\r\n`), small]);
    const raw = await rawServer((socket) => writeInPieces(socket, wire, [5, 1, 17, 2, 900]));
    const t = transport();
    expect((await readAll(await get(t, `${raw.url}/file`), 64 * 1024)).equals(small)).toBe(true);
    expect((await readAll(await get(t, `${raw.url}/file`), 1)).equals(small)).toBe(true);
  });

  it("chunked (extensions, trailers), written in odd pieces", async () => {
    const wire = chunkedWire(BODY, 10_007, "x-trailer: yes\r\n");
    const raw = await rawServer(async (socket) => {
      socket.write("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
      await writeInPieces(socket, wire);
      // The framer ends the body at its terminator, not at the close: the socket stays open here.
    });
    const got = await readAll(await get(transport(), `${raw.url}/file`), 100_000);
    expect(got.equals(BODY)).toBe(true);
  });

  it("close-delimited (no length, no coding): the server's end ends the body", async () => {
    const raw = await rawServer(async (socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\n\r\n");
      await writeInPieces(socket, BODY);
      socket.end();
    });
    const got = await readAll(await get(transport(), `${raw.url}/file`), 32_768);
    expect(got.equals(BODY)).toBe(true);
  });

  it("resolves as soon as some bytes arrive (the buffer need not fill)", async () => {
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    const raw = await rawServer(async (socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 20\r\n\r\n0123456789");
      await rest;
      socket.write("abcdefghij");
    });
    const res = await get(transport(), `${raw.url}/file`);
    const buffer = new Uint8Array(1024);
    // The server sends the second half only after the first read has resolved: a read that
    // waited for a full buffer would never resolve.
    expect(await res.readInto!(buffer)).toBe(10);
    expect(Buffer.from(buffer.subarray(0, 10)).toString()).toBe("0123456789");
    sendRest();
    expect(await res.readInto!(buffer)).toBe(10);
    expect(Buffer.from(buffer.subarray(0, 10)).toString()).toBe("abcdefghij");
    expect(await res.readInto!(buffer)).toBe(0);
  });

  it("a second readInto while one waits is refused; the waiting one still gets its bytes", async () => {
    let sendBody!: () => void;
    const go = new Promise<void>((resolve) => (sendBody = resolve));
    const raw = await rawServer(async (socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\n");
      await go;
      socket.write("xyz");
    });
    const res = await get(transport(), `${raw.url}/file`);
    const first = res.readInto!(new Uint8Array(8));
    await expect(res.readInto!(new Uint8Array(8))).rejects.toBeInstanceOf(ConnectionError);
    sendBody();
    expect(await first).toBe(3);
  });

  it("a reader slower than the server gets every byte of 64 MiB (the socket pauses instead of buffering)", async () => {
    const TOTAL = 64 * 1024 * 1024;
    const piece = pattern(1024 * 1024, 11);
    const expected = createHash("sha256");
    for (let i = 0; i < TOTAL / piece.byteLength; i++) expected.update(piece);
    const raw = await rawServer(async (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${TOTAL}\r\n\r\n`);
      for (let sent = 0; sent < TOTAL && !socket.destroyed; sent += piece.byteLength) {
        if (!socket.write(piece)) await once(socket, "drain");
      }
    });
    const res = await get(transport(), `${raw.url}/file`);
    const buffer = new Uint8Array(256 * 1024);
    const got = createHash("sha256");
    let total = 0;
    let reads = 0;
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (;;) {
      const n = await res.readInto!(buffer);
      if (n === 0) break;
      got.update(buffer.subarray(0, n));
      total += n;
      if (++reads % 4 === 0) {
        await pause(5);
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
      }
    }
    expect(total).toBe(TOTAL);
    // What the reader has not asked for yet stays in the kernel, not in this process: a client
    // that kept reading would hold most of the 64 MiB by now.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
    expect(got.digest("hex")).toBe(expected.digest("hex"));
  }, 120_000);
});

describe("the other ways of reading a body", () => {
  const ERROR_BODY = JSON.stringify({ itemNotFound: { message: "Image not found", code: 404 } });
  const notFound = async (): Promise<string> => {
    const server = createHttpServer((_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(404, { "content-type": "application/json" });
      // Two writes: Node sends this chunked.
      res.write(ERROR_BODY.slice(0, 10));
      res.end(ERROR_BODY.slice(10));
    });
    const port = await listen(server as unknown as Server, []);
    closers.push(async () => {
      server.closeAllConnections();
      await Promise.resolve();
    });
    return `http://127.0.0.1:${port}/v2/images/x/file`;
  };

  it("text(), bytes(), chunks() and stream() on a small error answer", async () => {
    const url = await notFound();
    const t = transport();
    const text = await get(t, url);
    expect(text.status).toBe(404);
    expect(text.headers["content-type"]).toBe("application/json");
    expect(await text.text()).toBe(ERROR_BODY);
    expect(Buffer.from(await (await get(t, url)).bytes()).toString()).toBe(ERROR_BODY);
    const parts: Buffer[] = [];
    for await (const chunk of (await get(t, url)).chunks!()) parts.push(Buffer.from(chunk));
    expect(Buffer.concat(parts).toString()).toBe(ERROR_BODY);
    const reader = (await get(t, url)).stream().getReader();
    const streamed: Buffer[] = [];
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      streamed.push(Buffer.from(next.value));
    }
    expect(Buffer.concat(streamed).toString()).toBe(ERROR_BODY);
  });

  it("chunks are copies: one kept stays intact while later ones arrive", async () => {
    const body = pattern(300_000, 5);
    const raw = await rawServer(async (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.byteLength}\r\n\r\n`);
      await writeInPieces(socket, body);
    });
    const kept: Uint8Array[] = [];
    for await (const chunk of (await get(transport(), `${raw.url}/file`)).chunks!()) kept.push(chunk);
    expect(Buffer.concat(kept).equals(body)).toBe(true);
  });

  it("leaving a chunks() loop early drops the connection (the server sees the close)", async () => {
    let closed!: Promise<unknown>;
    const raw = await rawServer(async (socket) => {
      closed = new Promise((resolve) => socket.on("close", resolve));
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100000000\r\n\r\n");
      await writeInPieces(socket, pattern(1_000_000));
    });
    const res = await get(transport(), `${raw.url}/file`);
    for await (const chunk of res.chunks!()) {
      expect(chunk.byteLength).toBeGreaterThan(0);
      break;
    }
    await closed;
    await expect(res.readInto!(new Uint8Array(8))).rejects.toBeInstanceOf(ConnectionError);
  });

  it("discard() drops the connection without reading the rest (the server sees the close)", async () => {
    let written = 0;
    let closed!: Promise<unknown>;
    const TOTAL = 256 * 1024 * 1024;
    const piece = Buffer.alloc(1024 * 1024, 7);
    const raw = await rawServer(async (socket) => {
      closed = new Promise((resolve) => socket.on("close", resolve));
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${TOTAL}\r\n\r\n`);
      while (written < TOTAL && !socket.destroyed) {
        written += piece.byteLength;
        if (!socket.write(piece)) await new Promise((resolve) => socket.once("drain", resolve).once("close", resolve));
      }
    });
    const res = await get(transport(), `${raw.url}/file`);
    await res.discard();
    await closed;
    expect(raw.sockets[0]!.destroyed).toBe(true);
    expect(written).toBeLessThan(TOTAL);
  });
});

describe("interim answers", () => {
  it("100 Continue and 103 Early Hints before the real head are skipped", async () => {
    const raw = await rawServer(async (socket) => {
      socket.write("HTTP/1.1 100 Continue\r\n\r\n");
      await pause(5);
      socket.write("HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n");
      socket.write("content-length: 5\r\nx-real: yes\r\n\r\nhello");
    });
    const res = await get(transport(), `${raw.url}/file`);
    expect(res.status).toBe(200);
    expect(res.headers["x-real"]).toBe("yes");
    expect(res.headers.link).toBeUndefined();
    expect((await readAll(res, 16)).toString()).toBe("hello");
  });

  it("101 Switching Protocols is a ConnectionError", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n"));
    await expect(get(transport(), `${raw.url}/file`)).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe("failures are ConnectionError", () => {
  it("a body cut short of its Content-Length (the server closes)", async () => {
    const raw = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n");
      socket.end(Buffer.alloc(500, 1));
    });
    const res = await get(transport(), `${raw.url}/file`);
    await expect(readAll(res, 64)).rejects.toBeInstanceOf(ConnectionError);
  });

  it("a body cut short of its Content-Length (the server destroys the socket)", async () => {
    const raw = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n");
      socket.write(pattern(4000), () => socket.destroy());
    });
    const res = await get(transport(), `${raw.url}/file`);
    await expect(readAll(res, 1024)).rejects.toBeInstanceOf(ConnectionError);
  });

  it("a chunked body without its terminator, then the close", async () => {
    const raw = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n");
      setTimeout(() => socket.end(), 10);
    });
    const res = await get(transport(), `${raw.url}/file`);
    await expect(readAll(res, 64)).rejects.toBeInstanceOf(ConnectionError);
  });

  it("a malformed chunked body", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"));
    const res = await get(transport(), `${raw.url}/file`);
    const error = await readAll(res, 64).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBeInstanceOf(SyntaxError);
  });

  it("a reset mid-body, and a reset before any answer", async () => {
    const raw = await rawServer((socket, head) => {
      if (head.startsWith("GET /before")) return void socket.resetAndDestroy();
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n");
      socket.write(pattern(1000), () => setTimeout(() => socket.resetAndDestroy(), 10));
    });
    const t = transport();
    const res = await get(t, `${raw.url}/mid`);
    await expect(readAll(res, 1024)).rejects.toBeInstanceOf(ConnectionError);
    await expect(get(t, `${raw.url}/before`)).rejects.toBeInstanceOf(ConnectionError);
  });

  it("the connection closed before any answer", async () => {
    const raw = await rawServer((socket) => void socket.end());
    await expect(get(transport(), `${raw.url}/file`)).rejects.toBeInstanceOf(ConnectionError);
  });

  it("a refused port", async () => {
    const port = await refusedPort();
    await expect(get(transport(), `http://127.0.0.1:${port}/file`)).rejects.toBeInstanceOf(ConnectionError);
  });

  it.each([
    ["a status line that is not HTTP/1.x", "SSH-2.0-OpenSSH_9.6\r\n\r\n"],
    ["an HTTP/2 status line", "HTTP/2 200\r\n\r\n"],
    ["a broken header line", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n"],
    ["conflicting Content-Length values", "HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-length: 4\r\n\r\nabcd"],
  ])("%s", async (_what, answer) => {
    const raw = await rawServer((socket) => void socket.write(answer));
    const error = await get(transport(), `${raw.url}/file`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBeInstanceOf(SyntaxError);
  });

  it("a head that grows past 64 KiB without its end", async () => {
    const raw = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\n");
      for (let i = 0; i < 200; i++) socket.write(`x-filler-${i}: ${"a".repeat(1000)}\r\n`);
      socket.write("\r\n");
    });
    await expect(get(transport(), `${raw.url}/file`)).rejects.toBeInstanceOf(ConnectionError);
  });

  // A head of 64 KiB + 100 bytes in one write arrives as a full 64 KiB read (not yet over the
  // limit) and a read holding its end: the limit must hold once the end is found too.
  it("a head longer than 64 KiB whose end arrives in the read that crosses the limit", async () => {
    const raw = await rawServer((socket) => {
      const start = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nx-filler: ";
      const end = "\r\n\r\n";
      socket.write(start + "a".repeat(64 * 1024 + 100 - start.length - end.length) + end);
    });
    await expect(get(transport(), `${raw.url}/file`)).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe("connections bounds downloads per origin", () => {
  /** A server that holds each download's connection until told to answer the oldest one still open. */
  async function heldServer(): Promise<{ raw: Raw; answerNext: () => void }> {
    const held: Socket[] = [];
    const raw = await rawServer((socket) => void held.push(socket));
    const answerNext = (): void => {
      let socket = held.shift();
      while (socket?.destroyed) socket = held.shift();
      socket!.end("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello");
    };
    return { raw, answerNext };
  }
  const read = async (response: Promise<TransportResponse>): Promise<string> => (await response).text();
  /** Waits (up to 1 s) until the server has seen `n` request heads. */
  const heads = (raw: Raw, n: number): Promise<void> => vi.waitFor(() => expect(raw.heads).toHaveLength(n), { timeout: 1000, interval: 5 });

  it("with connections: 2, four downloads of one origin run two at a time, in the order called, and all complete", async () => {
    const { raw, answerNext } = await heldServer();
    const t = transport({ connections: 2 });
    const downloads = [1, 2, 3, 4].map((i) => read(get(t, `${raw.url}/file?n=${i}`)));
    await heads(raw, 2);
    await pause(50);
    expect(raw.heads).toHaveLength(2);
    answerNext();
    expect(await downloads[0]).toBe("hello");
    await heads(raw, 3);
    await pause(50);
    expect(raw.heads).toHaveLength(3);
    answerNext();
    await heads(raw, 4);
    answerNext();
    answerNext();
    expect(await Promise.all(downloads)).toEqual(["hello", "hello", "hello", "hello"]);
    expect(raw.heads.map((h) => /n=(\d)/.exec(h)![1])).toEqual(["1", "2", "3", "4"]);
  });

  it("the bound is per origin: a download of another origin does not wait", async () => {
    const a = await heldServer();
    const b = await heldServer();
    const t = transport({ connections: 1 });
    const first = read(get(t, `${a.raw.url}/file`));
    const queued = read(get(t, `${a.raw.url}/file`));
    const other = read(get(t, `${b.raw.url}/file`));
    await heads(b.raw, 1);
    expect(a.raw.heads).toHaveLength(1);
    b.answerNext();
    expect(await other).toBe("hello");
    a.answerNext();
    expect(await first).toBe("hello");
    await heads(a.raw, 2);
    a.answerNext();
    expect(await queued).toBe("hello");
  });

  it("a waiting download aborted leaves the queue with the signal's reason and takes no slot; a failed one gives its slot back", async () => {
    const { raw, answerNext } = await heldServer();
    const t = transport({ connections: 1 });
    const first = read(get(t, `${raw.url}/file?n=1`));
    await heads(raw, 1);
    const controller = new AbortController();
    const reason = new Error("no longer wanted");
    const aborted = get(t, `${raw.url}/file?n=2`, {}, controller.signal);
    const third = read(get(t, `${raw.url}/file?n=3`));
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    // The third still waits for the first's slot (the aborted one never had one).
    await pause(50);
    expect(raw.heads).toHaveLength(1);
    raw.sockets[0]!.destroy();
    await expect(first).rejects.toBeInstanceOf(ConnectionError);
    await heads(raw, 2);
    expect(raw.heads[1]).toContain("n=3");
    answerNext();
    expect(await third).toBe("hello");
  });

  it("a download aborted right after the call, its slot already granted, sends nothing and gives the slot to the next", async () => {
    const { raw, answerNext } = await heldServer();
    const t = transport({ connections: 1 });
    const controller = new AbortController();
    const reason = new Error("changed my mind");
    const aborted = get(t, `${raw.url}/file?n=1`, {}, controller.signal);
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    const next = read(get(t, `${raw.url}/file?n=2`));
    await heads(raw, 1);
    expect(raw.heads[0]).toContain("n=2");
    answerNext();
    expect(await next).toBe("hello");
  });

  it("close() fails the downloads still waiting for a connection with ConnectionError", async () => {
    const { raw } = await heldServer();
    const t = transport({ connections: 1 });
    const first = get(t, `${raw.url}/file`);
    await heads(raw, 1);
    const failures = [first, get(t, `${raw.url}/file`)].map((p) => p.then(() => undefined, (error: unknown) => error));
    await t.close();
    const [inFlight, waiting] = await Promise.all(failures);
    expect(inFlight).toBeInstanceOf(ConnectionError);
    expect(waiting).toBeInstanceOf(ConnectionError);
    expect(String((waiting as ConnectionError).cause)).toMatch(/closed while the download waited/);
    await pause(20);
    expect(raw.heads).toHaveLength(1);
  });
});

describe("abort and timeouts", () => {
  it("the transport's close() drops a download in flight: its waiting read fails with ConnectionError, the server sees the close", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\n\r\n" + "x".repeat(1000)));
    const t = transport();
    const response = await get(t, `${raw.url}/file`);
    const buffer = new Uint8Array(4096);
    expect(await response.readInto!(buffer)).toBe(1000);
    const waiting = response.readInto!(buffer);
    await t.close();
    await expect(waiting).rejects.toBeInstanceOf(ConnectionError);
    if (!raw.sockets[0]!.closed) await once(raw.sockets[0]!, "close");
  });
  it("an abort while waiting for the head rejects with the signal's reason and drops the connection", async () => {
    let connected!: () => void;
    const seen = new Promise<void>((resolve) => (connected = resolve));
    const raw = await rawServer(() => connected());
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const pending = get(transport(), `${raw.url}/file`, {}, controller.signal);
    await seen;
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    if (!raw.sockets[0]!.closed) await once(raw.sockets[0]!, "close");
  });

  it("an abort while a readInto waits rejects that read with the signal's reason", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nab"));
    const controller = new AbortController();
    const reason = { why: "not a real Error, passed through as is" };
    const res = await get(transport(), `${raw.url}/file`, {}, controller.signal);
    expect(await res.readInto!(new Uint8Array(10))).toBe(2);
    const waiting = res.readInto!(new Uint8Array(10));
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    // Later reads keep failing the same way.
    await expect(res.readInto!(new Uint8Array(10))).rejects.toBe(reason);
  });

  it("an abort between reads fails the next read with the reason and drops the connection", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nabcdef"));
    const controller = new AbortController();
    const reason = new Error("between reads");
    const res = await get(transport(), `${raw.url}/file`, {}, controller.signal);
    expect(await res.readInto!(new Uint8Array(64))).toBe(6);
    const closed = new Promise((resolve) => raw.sockets[0]!.on("close", resolve));
    controller.abort(reason);
    await closed;
    await expect(res.readInto!(new Uint8Array(64))).rejects.toBe(reason);
  });

  it("an abort after the whole body was read changes nothing", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc"));
    const controller = new AbortController();
    const res = await get(transport(), `${raw.url}/file`, {}, controller.signal);
    expect((await readAll(res, 64)).toString()).toBe("abc");
    controller.abort(new Error("late"));
    expect(await res.readInto!(new Uint8Array(64))).toBe(0);
  });

  it("an already aborted signal sends nothing", async () => {
    const raw = await rawServer(() => undefined);
    const controller = new AbortController();
    controller.abort(new Error("before"));
    await expect(get(transport(), `${raw.url}/file`, {}, controller.signal)).rejects.toThrow("before");
    expect(raw.heads).toEqual([]);
  });

  it("no head within headersTimeout is a RequestTimeoutError", async () => {
    const raw = await rawServer(() => undefined);
    await expect(get(transport({ headersTimeout: 200, bodyTimeout: 200 }), `${raw.url}/file`)).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it("an interim 100 does not count as the head: silence after it still times out", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 100 Continue\r\n\r\n"));
    await expect(get(transport({ headersTimeout: 200, bodyTimeout: 200 }), `${raw.url}/file`)).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it("a server silent for bodyTimeout while a readInto waits is a RequestTimeoutError", async () => {
    const raw = await rawServer((socket) => void socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789"));
    const res = await get(transport({ headersTimeout: 200, bodyTimeout: 200 }), `${raw.url}/file`);
    expect(await res.readInto!(new Uint8Array(64))).toBe(10);
    await expect(res.readInto!(new Uint8Array(64))).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it("a reader that waits longer than bodyTimeout between reads is not timed out", async () => {
    const body = pattern(3 * 1024 * 1024, 9);
    const raw = await rawServer(async (socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.byteLength}\r\n\r\n`);
      await writeInPieces(socket, body, [1024 * 1024]);
    });
    const res = await get(transport({ headersTimeout: 200, bodyTimeout: 200 }), `${raw.url}/file`);
    const buffer = new Uint8Array(128 * 1024);
    const parts: Buffer[] = [];
    for (let i = 0; ; i++) {
      if (i === 1 || i === 5) await pause(600); // three bodyTimeouts with no read waiting
      const n = await res.readInto!(buffer);
      if (n === 0) break;
      parts.push(Buffer.from(buffer.subarray(0, n)));
    }
    expect(Buffer.concat(parts).equals(body)).toBe(true);
  });
});

describe("what the server receives", () => {
  it("the request line, host, connection: close, the caller's headers, user-info as Basic auth", async () => {
    const raw = await rawServer((socket) => void socket.end("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"));
    const res = await get(transport(), `http://demo:${PASSWORD}@127.0.0.1:${raw.port}/v2/images/abc/file?x=1&y=%20`, { "x-auth-token": "tok", connection: "keep-alive", range: "bytes=10-" });
    expect(await res.readInto!(new Uint8Array(4))).toBe(0);
    const [line, ...fields] = raw.heads[0]!.split("\r\n").filter((l) => l !== "");
    expect(line).toBe("GET /v2/images/abc/file?x=1&y=%20 HTTP/1.1");
    const headers = fields.map((f) => f.toLowerCase());
    expect(headers).toContain(`host: 127.0.0.1:${raw.port}`);
    expect(headers).toContain("x-auth-token: tok");
    expect(headers).toContain("range: bytes=10-");
    expect(headers.filter((f) => f.startsWith("connection:"))).toEqual(["connection: close"]);
    expect(fields).toContain(`authorization: Basic ${Buffer.from(`demo:${PASSWORD}`).toString("base64")}`);
  });

  it("a caller's own authorization wins over the URL's user-info", async () => {
    const raw = await rawServer((socket) => void socket.end("HTTP/1.1 204 No Content\r\n\r\n"));
    await get(transport(), `http://demo:${PASSWORD}@127.0.0.1:${raw.port}/file`, { authorization: "Bearer t" });
    expect(raw.heads[0]).toContain("authorization: Bearer t\r\n");
    expect(raw.heads[0]).not.toContain("Basic");
  });

  it("the password in the URL is never in a failure's message or util.inspect", async () => {
    const raw = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nab");
      setTimeout(() => socket.resetAndDestroy(), 10);
    });
    const refused = await refusedPort();
    const t = transport();
    const res = await get(t, `http://demo:${PASSWORD}@127.0.0.1:${raw.port}/file`);
    const errors = [
      await readAll(res, 8).catch((e: unknown) => e),
      await get(t, `http://demo:${PASSWORD}@127.0.0.1:${refused}/file`).catch((e: unknown) => e),
      await get(t, `http://demo:${PASSWORD}@127.0.0.1:${raw.port}/file`, { "x-bad": "a\r\nb" }).catch((e: unknown) => e),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).not.toContain(PASSWORD);
      expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
    }
  });

  it.each([["a CR LF", "a\r\nx-injected: 1"], ["a bare LF", "a\nb"], ["a NUL", "a\0b"]])("a header value holding %s is a ConnectionError and nothing is sent", async (_what, value) => {
    const raw = await rawServer((socket) => void socket.end("HTTP/1.1 204 No Content\r\n\r\n"));
    const t = transport();
    await expect(get(t, `${raw.url}/bad`, { "x-thing": value })).rejects.toBeInstanceOf(ConnectionError);
    // The next request is the first the server sees.
    await get(t, `${raw.url}/good`);
    expect(raw.sockets).toHaveLength(1);
    expect(raw.heads.map((h) => h.split(" ")[1])).toEqual(["/good"]);
  });
  // As the pooled node:http path does (Node refuses it): never a malformed request line.
  it("a header name that is not a token is a ConnectionError and nothing is sent", async () => {
    const raw = await rawServer((socket) => void socket.end("HTTP/1.1 204 No Content\r\n\r\n"));
    await expect(get(transport(), `${raw.url}/bad`, { "x bad": "1" })).rejects.toBeInstanceOf(ConnectionError);
    expect(raw.heads).toEqual([]);
  });
  it("header values go out as Latin-1 bytes, as with Node's http; a character beyond Latin-1 is refused before sending", async () => {
    const raw = await rawServer((socket) => void socket.end("HTTP/1.1 204 No Content\r\n\r\n"));
    const response = await get(transport(), `${raw.url}/latin1`, { "x-name": "caf\u00e9" });
    await response.discard();
    // The server read the head as Latin-1: one byte 0xe9, not UTF-8's c3 a9.
    expect(raw.heads[0]).toContain("x-name: caf\u00e9\r\n");
    await expect(get(transport(), `${raw.url}/wide`, { "x-name": "\u20ac" })).rejects.toBeInstanceOf(ConnectionError);
    expect(raw.heads).toHaveLength(1);
  });
});

describe("HTTPS", () => {
  let dir: string;
  let key: Buffer;
  let cert: Buffer;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "own-socket-tls-"));
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=images.test", "-addext", "subjectAltName=DNS:images.test", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
      { stdio: "ignore" },
    );
    key = readFileSync(join(dir, "key.pem"));
    cert = readFileSync(join(dir, "cert.pem"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const BODY = pattern(400_000, 21);
  async function tlsServer(): Promise<{ port: number; servernames: (string | false | null)[] }> {
    const sockets: Socket[] = [];
    const servernames: (string | false | null)[] = [];
    const heads: string[] = [];
    const server = createTlsServer({ key, cert }, (socket: TLSSocket) => {
      sockets.push(socket);
      servernames.push(socket.servername);
      onHead(socket, { heads }, async (s) => {
        s.write(`HTTP/1.1 200 OK\r\ncontent-length: ${BODY.byteLength}\r\n\r\n`);
        await writeInPieces(s, BODY);
      });
    });
    server.on("tlsClientError", () => undefined);
    const port = await listen(server as unknown as Server, sockets);
    return { port, servernames };
  }

  it("with rejectUnauthorized: false, the body is read over TLS", async () => {
    const { port } = await tlsServer();
    const res = await get(transport({ connect: { rejectUnauthorized: false } }), `https://127.0.0.1:${port}/file`);
    expect((await readAll(res, 50_000)).equals(BODY)).toBe(true);
  });

  it("with the server's certificate as ca and its name as servername (sent as SNI)", async () => {
    const server = await tlsServer();
    const res = await get(transport({ connect: { ca: cert, servername: "images.test" } }), `https://127.0.0.1:${server.port}/file`);
    expect((await readAll(res, 65_536)).equals(BODY)).toBe(true);
    expect(server.servernames).toEqual(["images.test"]);
  });

  it("an untrusted certificate, or a name the certificate does not hold, is a ConnectionError", async () => {
    const { port } = await tlsServer();
    await expect(get(transport(), `https://127.0.0.1:${port}/file`)).rejects.toBeInstanceOf(ConnectionError);
    await expect(get(transport({ connect: { ca: cert } }), `https://127.0.0.1:${port}/file`)).rejects.toBeInstanceOf(ConnectionError);
    await expect(get(transport({ connect: { ca: cert, servername: "other.test" } }), `https://127.0.0.1:${port}/file`)).rejects.toBeInstanceOf(ConnectionError);
  });
});
