import type { CallResult } from "../http/http-client.js";
import { ResponseValidationError } from "../errors/response-validation-error.js";

/** Parses `Content-Range: bytes a-b/total`. */
export function parseContentRange(value: string | undefined): { start: number; end: number; total: number | undefined } | undefined {
  const m = value === undefined ? null : /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === "*" ? undefined : Number(m[3]) };
}

/** A response body read chunk by chunk, or into the caller's buffers. */
export interface BodyReader {
  next(): Promise<IteratorResult<Uint8Array>>;
  /**
   * Reads the next bytes into `buffer` and resolves how many (at least one; 0 once the body has
   * ended): the transport's `readInto` when it has one (no chunk allocated), else its chunks
   * copied in. One reader per body: not mixed with `next`.
   */
  readInto(buffer: Uint8Array): Promise<number>;
  /** Stops reading and lets the transport drop the connection. */
  close(): Promise<void>;
}

/**
 * Opens a response body for reading (no web-stream layer when the transport offers `chunks()`).
 * With a transport's own `readInto` the chunk reader is opened only if `next` is called, and
 * closing an unread body cancels its stream (drops the connection, never reads the rest).
 */
export function openBody(call: CallResult): BodyReader {
  const response = call.response;
  let it: AsyncIterator<Uint8Array> | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const open = (): void => {
    if (it || reader) return;
    if (typeof response.chunks === "function") it = response.chunks()[Symbol.asyncIterator]();
    else reader = response.stream().getReader();
  };
  const own = typeof response.readInto === "function" ? response.readInto.bind(response) : undefined;
  if (!own) open();
  const next = (): Promise<IteratorResult<Uint8Array>> => {
    open();
    return it ? it.next() : (reader!.read() as Promise<IteratorResult<Uint8Array>>);
  };
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (it) await it.return?.()?.catch(() => undefined);
    else if (reader) await reader.cancel().catch(() => undefined);
    else await response.stream().cancel().catch(() => undefined);
  };
  return { next, readInto: own ?? copyingReader(next), close };
}

/** `readInto` over a chunk reader: the next chunk copied into the caller's buffer, what does not fit kept for the next call. */
function copyingReader(next: () => Promise<IteratorResult<Uint8Array>>): (buffer: Uint8Array) => Promise<number> {
  let rest: Uint8Array | undefined;
  return async (buffer) => {
    if (buffer.byteLength === 0) return 0;
    while (!rest || rest.byteLength === 0) {
      const read = await next();
      if (read.done) return 0;
      rest = read.value;
    }
    const n = Math.min(rest.byteLength, buffer.byteLength);
    buffer.set(n === rest.byteLength ? rest : rest.subarray(0, n));
    rest = n === rest.byteLength ? undefined : rest.subarray(n);
    return n;
  };
}

/**
 * Checks the status and `Content-Range` of a download response that should start at byte `from`.
 * Returns the image size (when known) and how many bytes to skip (a server that ignored `Range`
 * and answered 200 sends the whole image again).
 * @throws ResponseValidationError when the range or length contradicts what is known.
 */
export function checkStart(call: CallResult, from: number, knownSize: number | undefined, imageId: string): { size: number | undefined; skip: number } {
  const { status, headers } = call.response;
  const length = headers["content-length"] === undefined ? undefined : Number(headers["content-length"]);
  const problem = (message: string): ResponseValidationError =>
    new ResponseValidationError({ method: "GET", url: call.url, status, requestId: call.requestId, problems: [message] });
  if (status === 206) {
    const range = parseContentRange(headers["content-range"]);
    if (!range) throw problem(`206 without a readable Content-Range (got ${JSON.stringify(headers["content-range"])}) for image ${imageId}`);
    if (range.start !== from) throw problem(`Content-Range starts at ${range.start}, asked ${from}`);
    const total = range.total ?? knownSize;
    if (knownSize !== undefined && range.total !== undefined && range.total !== knownSize) {
      throw problem(`Content-Range total ${range.total} differs from the image size ${knownSize}`);
    }
    return { size: total, skip: 0 };
  }
  // 200: the whole image (a server ignoring Range): skip what is already held.
  const size = knownSize ?? (length !== undefined && Number.isSafeInteger(length) ? length : undefined);
  if (knownSize !== undefined && length !== undefined && Number.isSafeInteger(length) && length !== knownSize) {
    throw problem(`Content-Length ${length} differs from the image size ${knownSize}`);
  }
  return { size, skip: from };
}

/** Releases a response that will not be read, dropping its body. */
export async function abandon(call: CallResult | undefined): Promise<void> {
  call?.release();
  await call?.response.discard().catch(() => undefined);
}

/** Reads a web stream or an async iterable as an async iterable. */
export async function* iterate(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  if (source instanceof ReadableStream) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    yield* source;
  }
}
