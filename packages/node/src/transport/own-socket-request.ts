import type { Socket } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { ConnectionError, RequestTimeoutError, type RequestDescription, type TransportRequest, type TransportResponse } from "@cloud-images/core";
import { bodyFramer, framingError, headEnd, isToken, MAX_HEAD_BYTES, parseHead, type BodyFramer } from "./http1-framing.js";
import { nodeFailure } from "./node-failure.js";
import { withUserinfo } from "./userinfo.js";
import { webStream } from "./web-stream.js";
import type { NodeHttpConnectOptions } from "./node-http-transport.js";

/** Each of the socket's own read buffers (two per request, reused): for reads while no `readInto` waits with room. */
const READ_BUFFER_BYTES = 64 * 1024;
/** Size of the chunks `chunks()` / `stream()` / `text()` yield (each a fresh copy). */
const CHUNK_BYTES = 64 * 1024;

/** Settings of {@link requestOnOwnSocket}. */
export interface OwnSocketSettings {
  readonly timeouts: { readonly headers: number; readonly body: number };
  readonly connect?: NodeHttpConnectOptions | undefined;
  /** The transport's open own sockets: this one is in it while open (its `close()` destroys them). */
  readonly open?: Set<Socket> | undefined;
  /** Called once when the request's connection is closed (or was never opened: the request failed before it). */
  readonly onClose?: (() => void) | undefined;
}

/** A read waiting for bytes (it resolves with the first ones that arrive). */
interface PendingRead {
  readonly buffer: Uint8Array;
  filled: number;
  readonly resolve: (n: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sends one request without a body (a `GET` of image data) on a connection of its own, closed
 * after the answer, and reads the answer straight from the socket (`net.connect`'s `onread`):
 * while a `readInto` waits with room, the socket's next read lands in the caller's buffer itself
 * (the kernel copies the bytes where they are wanted, no copy in JavaScript); otherwise in one of
 * two 64 KiB buffers of this request's, reused, and copied from there. Node's `http` allocates a fresh
 * buffer per socket read and another per body chunk, which a large download pays for in page
 * faults, garbage collection and peak memory; this path allocates nothing per chunk.
 *
 * A read handed to the socket cannot be taken back: when a `readInto` resolves before its
 * buffer is full (the bytes of one turn of the event loop), the socket may still read into the
 * rest of that buffer, and those bytes are moved to the next read (the core's next `readInto`
 * asks for exactly that rest). `chunks()`, `stream()`, `text()` and
 * `bytes()` work too (fresh 64 KiB copies), for error answers and callers that keep chunks.
 *
 * Same failure contract as the pooled transport: `ConnectionError` (refused, reset, TLS, a
 * malformed answer, a body cut short of its length), `RequestTimeoutError` (headers, or a body
 * idle while read), the signal's reason when aborted.
 */
export function requestOnOwnSocket(url: URL, req: TransportRequest, description: RequestDescription, settings: OwnSocketSettings): Promise<TransportResponse> {
  const signal = req.signal;
  const fail = (error: unknown): unknown => nodeFailure(error, description, signal);
  let head: string;
  try {
    head = requestHead(url, req, description);
  } catch (error) {
    settings.onClose?.();
    return Promise.reject(fail(error) as Error);
  }
  return new Promise<TransportResponse>((resolveResponse, rejectResponse) => {
    // Two, so that bytes set aside in one (a read that landed while no `readInto` waited, which
    // happens once per buffer the reader fills: the socket reads on while the reader turns to
    // its next buffer) stay where they landed while the socket's next read goes to the other.
    const readBuffers = [Buffer.allocUnsafeSlow(READ_BUFFER_BYTES), Buffer.allocUnsafeSlow(READ_BUFFER_BYTES)] as const;
    let headBytes: Buffer | undefined = Buffer.alloc(0);
    let framer: BodyFramer | undefined;
    let responded = false;
    let error: unknown;
    let ended = false;
    /** Body bytes no read has taken yet: a view of a read buffer (never the one the socket reads into next), or a copy. */
    let spill: Buffer | undefined;
    let pending: PendingRead | undefined;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let gathering: ReturnType<typeof setImmediate> | undefined;

    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    // Where the socket's next read lands (asked after each read): the waiting read's room, once
    // the head is in and the body is not chunked (its bytes then land where they belong); else
    // the read buffer that holds no bytes set aside.
    const nextReadBuffer = (): Uint8Array => {
      const waiter = pending;
      if (waiter && spill === undefined && framer?.identity && waiter.filled < waiter.buffer.byteLength) return waiter.buffer.subarray(waiter.filled);
      return spill?.buffer === readBuffers[0].buffer ? readBuffers[1] : readBuffers[0];
    };
    const onread = { buffer: nextReadBuffer, callback: (n: number, buffer: Uint8Array): boolean => onRead(buffer.subarray(0, n)) };
    let socket: Socket;
    try {
      socket = url.protocol === "https:" ? connectTls(host, url, settings.connect, onread) : connectTcp(host, url, settings.connect, onread);
    } catch (cause) {
      settings.onClose?.();
      rejectResponse(fail(cause) as Error);
      return;
    }
    socket.setNoDelay(true);
    settings.open?.add(socket);
    socket.once("close", () => {
      settings.open?.delete(socket);
      settings.onClose?.();
    });
    const headersTimer = setTimeout(() => stop(new RequestTimeoutError(description, settings.timeouts.headers)), settings.timeouts.headers);

    const onAbort = (): void => stop(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.on("error", (cause) => stop(cause));
    socket.on("end", () => onClose());
    socket.on("close", () => onClose());
    socket.write(head, "latin1");

    /** Ends the transfer with a failure: the connection is dropped, every waiter rejected. */
    function stop(cause: unknown): void {
      if (error !== undefined || (ended && responded)) return;
      error = fail(cause);
      cleanup();
      if (!responded) {
        responded = true;
        rejectResponse(error as Error);
      }
      const waiter = pending;
      pending = undefined;
      waiter?.reject(error);
    }
    function cleanup(): void {
      clearTimeout(headersTimer);
      clearTimeout(idleTimer);
      if (gathering) clearImmediate(gathering);
      gathering = undefined;
      signal?.removeEventListener("abort", onAbort);
      socket.destroy();
    }
    /** The body is whole: the connection is no longer needed. */
    function finish(): void {
      ended = true;
      cleanup();
      settlePending();
    }
    function onClose(): void {
      if (error !== undefined || ended) return;
      if (framer?.endsAtClose) finish();
      else stop(new ConnectionError(description, { cause: new RangeError(framer ? "the connection closed before the whole body arrived" : "the connection closed before a response") }));
    }

    /** One socket read (in the read buffer or a waiting read's room; the former valid only during this call). Returns whether to keep reading. */
    function onRead(bytes: Uint8Array): boolean {
      if (error !== undefined || ended) return false;
      try {
        if (!framer) {
          const rest = takeHead(bytes);
          const started = framer as BodyFramer | undefined; // set by takeHead once the head is whole
          if (!started) return true;
          if (rest.byteLength > 0) started.feed(rest, deliver);
        } else {
          armIdle();
          framer.feed(bytes, deliver);
        }
      } catch (cause) {
        stop(cause); // a framing violation: a ConnectionError with it as the cause
        return false;
      }
      if (framer!.done) {
        finish();
        return false;
      }
      settlePending();
      // Keep reading unless bytes had to be set aside: the reader usually asks again before
      // the next read lands (no stop and restart of the socket per read); if not, what lands is
      // kept and the socket pauses, so at most one read's worth waits here.
      return spill === undefined;
    }

    /** Gathers the head; once whole, answers the request. Returns the bytes after it (copied: the read buffer is reused). */
    function takeHead(bytes: Uint8Array): Uint8Array {
      const before = headBytes!.byteLength;
      headBytes = Buffer.concat([headBytes!, bytes]);
      for (;;) {
        const end = headEnd(headBytes, Math.max(0, before - 3));
        if (end < 0) {
          if (headBytes.byteLength > MAX_HEAD_BYTES) throw framingError(`response head longer than ${MAX_HEAD_BYTES} bytes`);
          return new Uint8Array(0);
        }
        if (end > MAX_HEAD_BYTES) throw framingError(`response head longer than ${MAX_HEAD_BYTES} bytes`);
        const parsed = parseHead(headBytes.subarray(0, end));
        const rest = headBytes.subarray(end);
        if (parsed.status >= 100 && parsed.status < 200) {
          if (parsed.status === 101) throw framingError("unexpected 101 Switching Protocols");
          // An interim answer (100 Continue, 103 Early Hints): the real one follows.
          headBytes = Buffer.from(rest);
          continue;
        }
        framer = bodyFramer(parsed);
        headBytes = undefined;
        clearTimeout(headersTimer);
        responded = true;
        resolveResponse(response(parsed.status, parsed.headers));
        return rest;
      }
    }

    /**
     * Body bytes: into the waiting read as far as they fit (already there when the socket read
     * into it), the rest kept. Bytes in a read buffer are kept where they are (the socket pauses
     * and its next read goes to the other buffer); bytes elsewhere (the head's copy, a read that
     * landed in a buffer its reader has taken back) are copied, being valid only now.
     */
    function deliver(body: Uint8Array): void {
      let at = 0;
      const waiter = pending;
      if (waiter && spill === undefined) {
        at = Math.min(body.byteLength, waiter.buffer.byteLength - waiter.filled);
        const inPlace = body.buffer === waiter.buffer.buffer && body.byteOffset === waiter.buffer.byteOffset + waiter.filled;
        if (!inPlace) waiter.buffer.set(at === body.byteLength ? body : body.subarray(0, at), waiter.filled);
        waiter.filled += at;
      }
      if (at === body.byteLength) return;
      const rest = body.subarray(at);
      if (spill) spill = Buffer.concat([spill, rest]);
      else spill = rest.buffer === readBuffers[0].buffer || rest.buffer === readBuffers[1].buffer ? Buffer.from(rest.buffer, rest.byteOffset, rest.byteLength) : Buffer.from(rest);
    }

    /**
     * Resolves the waiting read once it has bytes: at once when its buffer is full or the body
     * has ended, else after the reads that have already landed in this turn of the event loop
     * (a `setImmediate`), so one read gathers what the socket had instead of one piece each.
     */
    function settlePending(): void {
      const waiter = pending;
      if (!waiter || (waiter.filled === 0 && !ended)) return;
      if (waiter.filled < waiter.buffer.byteLength && !ended) {
        gathering ??= setImmediate(() => {
          gathering = undefined;
          if (pending === waiter) resolvePending();
        });
        return;
      }
      resolvePending();
    }
    function resolvePending(): void {
      const waiter = pending!;
      pending = undefined;
      if (gathering) clearImmediate(gathering);
      gathering = undefined;
      clearTimeout(idleTimer);
      waiter.resolve(waiter.filled);
    }

    /** While a read waits, the server's silence for `body` ms ends the transfer (a busy reader pauses the socket: not silence). */
    function armIdle(): void {
      clearTimeout(idleTimer);
      if (pending) idleTimer = setTimeout(() => stop(new RequestTimeoutError(description, settings.timeouts.body)), settings.timeouts.body);
    }

    /** Reads into `buffer`: the bytes there are, at least one (waiting for them), 0 once the body has ended. */
    function read(buffer: Uint8Array): Promise<number> {
      if (error !== undefined) return Promise.reject(error);
      if (pending) return Promise.reject(new ConnectionError(description, { cause: new Error("a read is already waiting on this body") }));
      let filled = 0;
      if (spill) {
        filled = Math.min(spill.byteLength, buffer.byteLength);
        buffer.set(filled === spill.byteLength ? spill : spill.subarray(0, filled));
        spill = filled === spill.byteLength ? undefined : spill.subarray(filled);
      }
      if (filled > 0 || ended || buffer.byteLength === 0) return Promise.resolve(filled);
      return new Promise<number>((resolve, reject) => {
        pending = { buffer, filled, resolve, reject };
        armIdle();
        socket.resume();
      });
    }

    function response(status: number, headers: Record<string, string>): TransportResponse {
      const chunks = (): AsyncIterable<Uint8Array> => ({
        [Symbol.asyncIterator]: () => ({
          async next(): Promise<IteratorResult<Uint8Array>> {
            const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
            const n = await read(buffer);
            return n === 0 ? { done: true, value: undefined } : { done: false, value: buffer.subarray(0, n) };
          },
          async return(): Promise<IteratorResult<Uint8Array>> {
            drop();
            return { done: true, value: undefined };
          },
        }),
      });
      const collect = async (): Promise<Buffer> => {
        const parts: Uint8Array[] = [];
        for await (const chunk of chunks()) parts.push(chunk);
        return Buffer.concat(parts);
      };
      const result: TransportResponse = {
        status,
        headers,
        text: async () => (await collect()).toString("utf8"),
        bytes: async () => {
          const bytes = await collect();
          return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        },
        stream: () => webStream(chunks()),
        // Nothing to keep alive: the connection is closed after this answer.
        discard: async () => drop(),
        readInto: read,
      };
      // Non-enumerable: see TransportResponse.chunks.
      Object.defineProperty(result, "chunks", { value: chunks, enumerable: false });
      return result;
    }

    /** The reader stopped early: drop the connection (a read still waiting is told so). */
    function drop(): void {
      if (ended || error !== undefined) return;
      stop(new ConnectionError(description, { cause: new Error("the body was dropped before its end") }));
    }
  });
}

type OnRead = { buffer: () => Uint8Array; callback: (n: number, buffer: Uint8Array) => boolean };

function connectTcp(host: string, url: URL, connect: NodeHttpConnectOptions | undefined, onread: OnRead): Socket {
  const net = process.getBuiltinModule("node:net");
  return net.connect({ host, port: url.port === "" ? 80 : Number(url.port), lookup: connect?.lookup, family: connect?.family, onread });
}

function connectTls(host: string, url: URL, connect: NodeHttpConnectOptions | undefined, onread: OnRead): Socket {
  const tls = process.getBuiltinModule("node:tls");
  const net = process.getBuiltinModule("node:net");
  const { servername, ...rest } = connect ?? {};
  return tls.connect({
    ...rest,
    host,
    port: url.port === "" ? 443 : Number(url.port),
    // SNI carries a host name, never an address.
    servername: servername ?? (net.isIP(host) === 0 ? host : undefined),
    ALPNProtocols: ["http/1.1"],
    onread,
  } as unknown as ConnectionOptions);
}

/** The request line and header fields; a name that is not a token, or a value with a control character or beyond Latin-1, is refused (a `ConnectionError`, nothing sent). */
function requestHead(url: URL, req: TransportRequest, description: RequestDescription): string {
  const headers = withUserinfo(url, req.headers);
  let head = `${req.method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
  if (!("host" in headers)) head += `host: ${url.host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    // What Node's http accepts in a value: tab, visible ASCII and Latin-1 (sent as Latin-1 bytes).
    if (!isToken(name) || /[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      throw new ConnectionError(description, { cause: new TypeError(`header ${JSON.stringify(name)} holds a character that cannot be sent`) });
    }
    if (name === "connection") continue;
    head += `${name}: ${value}\r\n`;
  }
  return `${head}connection: close\r\n\r\n`;
}
