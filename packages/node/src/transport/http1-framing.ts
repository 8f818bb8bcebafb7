/**
 * HTTP/1.1 response framing (RFC 9112) for a client reading a connection of its own: the head
 * (status line and header fields) and the body's end — `Content-Length`, `chunked`, or the
 * connection's close. Pure functions and small state machines over bytes; no I/O.
 */
import { setOwn } from "@cloud-images/core/internal";

/** Longest response head accepted, in bytes (Node's own limit is 16 KiB; proxies add some). */
export const MAX_HEAD_BYTES = 64 * 1024;

/** A response head: status and header fields (names in lower case, repeated ones joined with `, `). */
export interface ResponseHead {
  readonly status: number;
  readonly headers: Record<string, string>;
}

/**
 * A framing violation by the server (the response cannot be read safely): the cause the
 * transport wraps in a `ConnectionError`, never seen bare by callers.
 */
export function framingError(message: string): SyntaxError {
  return new SyntaxError(`HTTP/1.1 framing: ${message}`);
}

const CR = 0x0d;
const LF = 0x0a;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether `name` is a token (RFC 9110), what a header field name must be. */
export function isToken(name: string): boolean {
  return TOKEN.test(name);
}

/** Where the head ends (the index after its blank line) in `bytes`, or -1 while incomplete. `from`: where to start looking. */
export function headEnd(bytes: Uint8Array, from = 0): number {
  for (let i = Math.max(3, from); i < bytes.length; i++) {
    if (bytes[i] === LF && bytes[i - 1] === CR && bytes[i - 2] === LF && bytes[i - 3] === CR) return i + 1;
  }
  return -1;
}

/** Parses a head (status line, fields, blank line) as Latin-1. @throws SyntaxError (see framingError) */
export function parseHead(bytes: Uint8Array): ResponseHead {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const lines = text.split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/.exec(lines[0] ?? "");
  if (!status) throw framingError(`not an HTTP/1.1 status line: ${JSON.stringify((lines[0] ?? "").slice(0, 80))}`);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    if (!TOKEN.test(name)) throw framingError(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    setOwn(headers, key, Object.hasOwn(headers, key) ? `${headers[key]}, ${value}` : value);
  }
  return { status: Number(status[1]), headers };
}

/** Reads a body's bytes out of what the connection delivers, and knows where the body ends. */
export interface BodyFramer {
  /**
   * Takes the next bytes from the connection and calls `emit` with the body bytes among them
   * (subarrays of `bytes`, never copies). Bytes after the body's end are ignored.
   * @throws SyntaxError (see framingError)
   */
  feed(bytes: Uint8Array, emit: (body: Uint8Array) => void): void;
  /** Whether the body has ended (its last byte was fed). */
  readonly done: boolean;
  /** Whether the connection's close ends the body (no length, no chunked coding). */
  readonly endsAtClose: boolean;
  /**
   * Whether the body is the connection's bytes as they come (no chunked coding): `emit` gets
   * each fed `bytes` from its start, so bytes read where the body should go are already there.
   */
  readonly identity: boolean;
}

/**
 * The framer of a response to a request without a body (`GET`): `chunked` when it is the last
 * transfer coding, the close of the connection for any other coding, else `Content-Length`, else
 * the close; no body for 1xx, 204 and 304. @throws SyntaxError (see framingError) on an invalid `Content-Length`.
 */
export function bodyFramer(head: ResponseHead): BodyFramer {
  if (head.status < 200 || head.status === 204 || head.status === 304) return lengthFramer(0);
  const coding = head.headers["transfer-encoding"];
  if (coding !== undefined) {
    const last = coding.split(",").at(-1)?.trim().toLowerCase();
    return last === "chunked" ? chunkedFramer() : closeFramer();
  }
  const length = head.headers["content-length"];
  if (length === undefined) return closeFramer();
  const values = new Set(length.split(",").map((v) => v.trim()));
  const [only] = values;
  if (values.size !== 1 || !/^\d{1,16}$/.test(only!) || !Number.isSafeInteger(Number(only))) throw framingError(`invalid Content-Length ${JSON.stringify(length)}`);
  return lengthFramer(Number(only));
}

function lengthFramer(length: number): BodyFramer {
  let remaining = length;
  return {
    feed(bytes, emit) {
      if (remaining === 0) return;
      const n = Math.min(remaining, bytes.byteLength);
      remaining -= n;
      if (n > 0) emit(n === bytes.byteLength ? bytes : bytes.subarray(0, n));
    },
    get done() {
      return remaining === 0;
    },
    endsAtClose: false,
    identity: true,
  };
}

function closeFramer(): BodyFramer {
  return {
    feed(bytes, emit) {
      if (bytes.byteLength > 0) emit(bytes);
    },
    done: false,
    endsAtClose: true,
    identity: true,
  };
}

const enum Chunked {
  Size,
  Extension,
  SizeLf,
  Data,
  DataCr,
  DataLf,
  TrailerLineStart,
  TrailerLine,
  EndLf,
  Done,
}

/** Longest chunk size accepted, in hex digits (2^52 bytes fit a double exactly). */
const MAX_SIZE_DIGITS = 13;

/** The `chunked` transfer coding: chunk sizes, extensions (skipped) and trailers (skipped). */
function chunkedFramer(): BodyFramer {
  let state = Chunked.Size;
  let size = 0;
  let digits = 0;
  let remaining = 0;
  const fail = (what: string): never => {
    throw framingError(`malformed chunked body: ${what}`);
  };
  return {
    feed(bytes, emit) {
      let i = 0;
      while (i < bytes.byteLength && state !== Chunked.Done) {
        const c = bytes[i]!;
        switch (state) {
          case Chunked.Size: {
            const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
            if (digit >= 0) {
              if (++digits > MAX_SIZE_DIGITS) fail("chunk size too large");
              size = size * 16 + digit;
            } else if (digits > 0 && (c === 0x3b || c === 0x20 || c === 0x09)) state = Chunked.Extension;
            else if (digits > 0 && c === CR) state = Chunked.SizeLf;
            else fail("bad chunk size");
            i++;
            break;
          }
          case Chunked.Extension:
            if (c === CR) state = Chunked.SizeLf;
            else if (c === LF) fail("bare LF after a chunk size");
            i++;
            break;
          case Chunked.SizeLf:
            if (c !== LF) fail("CR without LF after a chunk size");
            i++;
            if (size === 0) state = Chunked.TrailerLineStart;
            else {
              state = Chunked.Data;
              remaining = size;
            }
            size = 0;
            digits = 0;
            break;
          case Chunked.Data: {
            const n = Math.min(remaining, bytes.byteLength - i);
            emit(bytes.subarray(i, i + n));
            i += n;
            remaining -= n;
            if (remaining === 0) state = Chunked.DataCr;
            break;
          }
          case Chunked.DataCr:
            if (c !== CR) fail("chunk longer than its size");
            state = Chunked.DataLf;
            i++;
            break;
          case Chunked.DataLf:
            if (c !== LF) fail("CR without LF after chunk data");
            state = Chunked.Size;
            i++;
            break;
          case Chunked.TrailerLineStart:
            state = c === CR ? Chunked.EndLf : Chunked.TrailerLine;
            i++;
            break;
          case Chunked.TrailerLine:
            if (c === LF) state = Chunked.TrailerLineStart;
            i++;
            break;
          case Chunked.EndLf:
            if (c !== LF) fail("CR without LF at the end");
            state = Chunked.Done;
            i++;
            break;
        }
      }
    },
    get done() {
      return state === Chunked.Done;
    },
    endsAtClose: false,
    identity: false,
  };
}
