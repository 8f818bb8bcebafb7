import type { CallOptions, CallResult, HttpClient, OperationRequest } from "../http/http-client.js";
import { imageOp } from "../images/images-api.js";
import type { Image } from "../schemas/image-v2.js";
import { ConnectionError, RequestAbortedError, RequestTimeoutError } from "../errors/transport-errors.js";
import { CloudImagesError } from "../errors/base.js";
import { ValidationError } from "../errors/validation-error.js";
import { isHashAlgorithm, type HashAlgorithm, type HashFactory } from "../hashing/hash-factory.js";
import { HashSet } from "../hashing/hash-set.js";
import { DownloadAlreadyReadError, IncompleteDataError, NoImageDataError } from "./errors.js";
import type { ProgressCallback } from "./upload-source.js";
import { compare, type Verification } from "./verify.js";
import { abandon, checkStart, iterate, openBody } from "./range.js";

/** Options of a download. */
export interface DownloadOptions extends CallOptions {
  /** Verify while streaming (default `true`): reads the image record first for its hashes. */
  readonly verify?: boolean | undefined;
  /** The image record, if already at hand (saves one `GET`). */
  readonly image?: Image | undefined;
  /** Called as bytes arrive. */
  readonly onProgress?: ProgressCallback | undefined;
  /**
   * How many times a download cut mid-stream is resumed with `Range` from the last byte
   * received (default 2). The running hashes carry on, so nothing is read twice.
   */
  readonly retries?: number | undefined;
  /** Start at this byte (`Range: bytes=N-`, answered 206). */
  readonly offset?: number | undefined;
  /**
   * The first `offset` bytes already held (e.g. a partial file), hashed before the range is
   * fetched so the whole image is verified. Required with `offset` unless `verify: false`.
   */
  readonly prefix?: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | undefined;
}

/** Outcome of a verified download. */
export interface DownloadResult {
  /** The image downloaded. */
  readonly imageId: string;
  /** Total bytes of the image (prefix included). */
  readonly bytes: number;
  /** What the bytes were checked against: `os_hash` (Glance's `os_hash_value`), `md5` (`checksum` / `Content-MD5`), or `none` (the server gave no hash, or `verify: false`). */
  readonly verified: Verification;
  /** Algorithm of the digest checked, when any. */
  readonly algorithm: HashAlgorithm | undefined;
  /** The digest computed and matched, when any. */
  readonly digest: string | undefined;
  /** How many times the stream was resumed after a cut. */
  readonly resumed: number;
}

/** A whole image read into memory by {@link ImageDownload.bytes}, with how it was verified. */
export interface DownloadedBytes extends DownloadResult {
  /** The image data (from `offset`). */
  readonly data: Uint8Array;
}

/**
 * A download in progress: read it ONCE, through `stream`, `chunks()` or `bytes()`; `result`
 * settles when the data has been read to its end (it errors on a mismatch too).
 */
export interface ImageDownload {
  /** The image data (from `offset`) as a web stream. Errors with a typed error on a cut that cannot be resumed, or a checksum mismatch, instead of closing. */
  readonly stream: ReadableStream<Uint8Array>;
  /**
   * The same data as an async iterable: no web-stream layer, so the fastest way to consume a
   * large image (`for await (const chunk of download.chunks())`). Throws the same typed errors
   * as `stream`, the checksum mismatch included, before the loop ends; leaving the loop early
   * drops the connection. Chunks are the transport's own (not copied): keep them or copy them.
   */
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * Reads the next bytes into `buffer` (bring your own buffer) and resolves how many: the whole
   * `buffer` unless the image ends first, then fewer, then 0. Verified, counted and resumed like
   * `chunks()`; the call that reaches the end checks the digest (a mismatch throws there, and
   * what it read must not be used). Reusing a few buffers, a large image moves without one
   * allocation per chunk: with the Node transport's default, straight from the socket. Calls
   * are served in order. Not mixed with `chunks()`, `stream` or `bytes()`.
   * @throws the same typed errors as `chunks()`.
   */
  readInto(buffer: Uint8Array): Promise<number>;
  /**
   * Reads the whole image into memory (for small images) and resolves once it is verified.
   * @throws the same typed errors as `chunks()`.
   */
  bytes(): Promise<DownloadedBytes>;
  /**
   * Stops the download without reading (the rest of) it: frees the connection, and `result`
   * rejects with `RequestAbortedError`. Call it when a download opened is not going to be read;
   * cancelling `stream` or leaving a `chunks()` loop early does the same.
   */
  cancel(reason?: unknown): Promise<void>;
  /** Total size of the image, when known. */
  readonly size: number | undefined;
  /** Verification outcome once the data has been read to its end. */
  readonly result: Promise<DownloadResult>;
}

/** No total deadline for data calls unless `timeoutMs` is given (a 10 GiB transfer takes minutes). */
export const DATA_TIMEOUT = Number.POSITIVE_INFINITY;

/** What {@link openDownload} works with. */
export interface OpenArgs {
  readonly http: HttpClient;
  readonly imageId: string;
  readonly verify: boolean;
  readonly image: Image | undefined;
  readonly hashFactory: HashFactory;
  readonly options: DownloadOptions;
}

/**
 * Sends `GET …/file` (from `offset`), then reads the answer as one async generator that hashes,
 * counts, reports progress, resumes cuts with `Range` and verifies at the end.
 */
export async function openDownload(args: OpenArgs): Promise<ImageDownload> {
  const { http, imageId, options, image } = args;
  const offset = options.offset ?? 0;
  let retriesLeft = options.retries ?? 2;
  const fileRequest = (range: string | undefined): OperationRequest => ({
    ...imageOp({
      operation: "data.download",
      method: "get",
      path: "/v2/images/{image_id}/file",
      params: { image_id: imageId },
      headers: range === undefined ? undefined : { range },
      expect: [200, 204, 206],
    }),
    largeBody: true,
  });
  const description = { method: "GET", url: http.url(fileRequest(undefined).path) };
  const signal = options.signal;

  // What to check against: os_hash first, then md5 (checksum, or Content-MD5 once known).
  let algorithm: HashAlgorithm | undefined;
  let expected: string | undefined;
  if (args.verify && image) {
    if (isHashAlgorithm(image.os_hash_algo) && image.os_hash_value) {
      algorithm = image.os_hash_algo;
      expected = image.os_hash_value;
    } else if (image.checksum) {
      algorithm = "md5";
      expected = image.checksum;
    }
  }
  let size: number | undefined = image?.size ?? undefined;

  const request = async (from: number): Promise<CallResult> =>
    http.call(fileRequest(from > 0 ? `bytes=${from}-` : undefined), { ...options, timeoutMs: options.timeoutMs ?? DATA_TIMEOUT });

  // First response (unless the prefix already holds everything).
  let current: CallResult | undefined = size !== undefined && offset >= size && offset > 0 ? undefined : await request(offset);
  if (current?.response.status === 204) {
    current.release();
    await current.response.discard().catch(() => undefined);
    throw new NoImageDataError(imageId, current.requestId);
  }
  let skip = 0;
  try {
    if (current) ({ size, skip } = checkStart(current, offset, size, imageId));
  } catch (error) {
    await abandon(current);
    throw error;
  }
  if (args.verify && algorithm === undefined && current) {
    const md5 = current.response.headers["content-md5"];
    if (md5 && /^[0-9a-f]{32}$/i.test(md5)) {
      algorithm = "md5";
      expected = md5;
    }
  }

  const hashes = algorithm === undefined ? undefined : await HashSet.create(args.hashFactory, [algorithm], size);
  let position = offset;
  if (hashes && offset > 0 && options.prefix) {
    try {
      for await (const chunk of iterate(options.prefix)) {
        if (hashes.bytes + chunk.byteLength > offset) {
          await hashes.update(chunk.subarray(0, offset - hashes.bytes));
          break;
        }
        await hashes.update(chunk);
      }
    } catch (error) {
      hashes.dispose();
      await abandon(current);
      throw error;
    }
    if (hashes.bytes !== offset) {
      hashes.dispose();
      await abandon(current);
      throw new IncompleteDataError({ imageId, expectedBytes: offset, actualBytes: hashes.bytes, direction: "download" });
    }
  }

  let resumed = 0;
  let body = current ? openBody(current) : undefined;
  let settle!: { resolve: (r: DownloadResult) => void; reject: (e: unknown) => void };
  const result = new Promise<DownloadResult>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined);
  const progress = options.onProgress;
  progress?.({ bytes: position, total: size });

  const classify = (error: unknown): unknown => {
    if (error instanceof CloudImagesError) return error;
    if (signal?.aborted) return new RequestAbortedError(description, { cause: signal.reason });
    // Transports report their own timeouts as RequestTimeoutError (a CloudImagesError, above); a bare one is the deadline's.
    if ((error as { name?: unknown } | null)?.name === "TimeoutError") return new RequestTimeoutError(description, options.timeoutMs, { cause: error });
    return new ConnectionError(description, { cause: error });
  };
  /** Reopens at `position` after a cut; throws `cause` when no retry is left. */
  const resume = async (cause: unknown): Promise<void> => {
    current?.release();
    await body?.close();
    body = undefined;
    if (retriesLeft <= 0 || signal?.aborted) throw cause;
    retriesLeft -= 1;
    resumed += 1;
    current = await request(position);
    if (current.response.status === 204) {
      await abandon(current);
      throw new NoImageDataError(imageId, current.requestId);
    }
    try {
      ({ skip } = checkStart(current, position, size, imageId));
    } catch (error) {
      await abandon(current);
      throw error;
    }
    body = openBody(current);
  };

  // The whole pipeline is one step function over the transport's body: no web stream in
  // between (each layer costs a promise and a queue per ~64 KiB chunk), no copy, no buffering
  // beyond the piece in hand. `chunks()` and `stream` read it chunk by chunk, `readInto` into
  // the caller's buffers (through the transport's own `readInto` when it has one).
  let state: "open" | "done" | "failed" = "open";
  let failure: unknown;
  let cancelReason: unknown;
  /**
   * The next piece of data: a chunk of the transport's, or (with `into`) bytes read into `into`
   * (a subarray of it). Resumes cuts, skips what a server ignoring `Range` sends again, hashes,
   * counts and reports progress. `undefined` at the end, once verified.
   */
  async function nextPiece(into: Uint8Array | undefined): Promise<Uint8Array | undefined> {
    while (body) {
      let chunk: Uint8Array | undefined;
      try {
        if (into) {
          const n = await body.readInto(into);
          chunk = n === 0 ? undefined : into.subarray(0, n);
        } else {
          const read = await body.next();
          chunk = read.done ? undefined : read.value;
        }
      } catch (error) {
        if (state !== "open") throw failure;
        const classified = classify(error);
        if (classified instanceof RequestAbortedError || classified instanceof RequestTimeoutError) throw classified;
        await resume(classified);
        continue;
      }
      // Cancelled while the read waited (a cancelled web stream ends its read instead of failing it).
      if (state !== "open") throw failure;
      if (chunk === undefined) {
        if (size !== undefined && position < size) {
          await resume(new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: position, direction: "download" }));
          continue;
        }
        body = undefined;
        break;
      }
      if (skip > 0) {
        const n = Math.min(skip, chunk.byteLength);
        skip -= n;
        if (into && n < chunk.byteLength) {
          // Moved to the start of `into` before it is hashed: a hash may read the bytes in
          // place later (a worker thread's, on shared memory), so they stay where it saw them.
          into.copyWithin(0, n, chunk.byteLength);
          chunk = into.subarray(0, chunk.byteLength - n);
        } else {
          chunk = chunk.subarray(n);
        }
      }
      if (chunk.byteLength === 0) continue;
      if (size !== undefined && position + chunk.byteLength > size) {
        throw new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: position + chunk.byteLength, direction: "download" });
      }
      // A hash on another thread returns a promise only when it is full (backpressure).
      const wait = hashes?.update(chunk);
      if (wait) await wait;
      position += chunk.byteLength;
      progress?.({ bytes: position, total: size });
      return chunk;
    }
    current?.release();
    let digest: string | undefined;
    if (hashes && algorithm !== undefined && expected !== undefined) {
      digest = (await hashes.finish())[algorithm] ?? "";
      compare(imageId, algorithm, expected, digest, "download");
    }
    state = "done";
    settle.resolve({
      imageId,
      bytes: position,
      verified: digest === undefined ? "none" : algorithm === "md5" ? "md5" : "os_hash",
      algorithm: digest === undefined ? undefined : algorithm,
      digest,
      resumed,
    });
    return undefined;
  }
  /** {@link nextPiece}, ending the download on its first failure (later calls throw the same error). */
  async function step(into: Uint8Array | undefined): Promise<Uint8Array | undefined> {
    if (state === "done") return undefined;
    if (state === "failed") throw failure;
    try {
      return await nextPiece(into);
    } catch (error) {
      // Cancelled meanwhile (`dropUnread` closed the body under the read): its error stands.
      if ((state as string) === "failed") throw failure;
      const final = classify(error);
      state = "failed";
      failure = final;
      hashes?.dispose();
      current?.release();
      await body?.close();
      settle.reject(final);
      throw final;
    }
  }
  async function* run(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for (;;) {
        const piece = await step(undefined);
        if (piece === undefined) return;
        yield piece;
      }
    } finally {
      // The reader stopped early (stream cancelled, loop left): drop the connection.
      if (state === "open") await dropUnread();
    }
  }
  /** Ends a download that will not be read to its end: frees the connection, settles `result`. */
  async function dropUnread(): Promise<void> {
    if (state !== "open") return;
    state = "failed";
    failure = new RequestAbortedError(description, { cause: cancelReason });
    hashes?.dispose();
    current?.release();
    await body?.close();
    settle.reject(failure);
  }
  /**
   * Fills `buffer` (fewer bytes only at the end). Each piece lands right after the previous one
   * ({@link nextPiece} moves one left short by a skip), and no byte is written twice.
   */
  async function fill(buffer: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < buffer.byteLength) {
      const piece = await step(buffer.subarray(filled));
      if (piece === undefined) break;
      filled += piece.byteLength;
    }
    return filled;
  }

  // A generator's return() before its first next() never runs its body (nor its finally): a
  // download cancelled before any byte was read would keep its connection. This wrapper drops it.
  const generator = run();
  const iterator: AsyncIterator<Uint8Array> = {
    next: () => generator.next(),
    return: async (value?: unknown) => {
      const done = await generator.return(value as undefined);
      await dropUnread();
      return done;
    },
  };
  let taken: "chunks" | "buffers" | undefined;
  const chunks = (): AsyncIterable<Uint8Array> => {
    if (taken) throw new DownloadAlreadyReadError(imageId);
    taken = "chunks";
    return { [Symbol.asyncIterator]: () => iterator };
  };
  let reading: Promise<unknown> = Promise.resolve();
  const readInto = (buffer: Uint8Array): Promise<number> => {
    if (!(buffer instanceof Uint8Array)) {
      return Promise.reject(new ValidationError("data.download", [{ path: ["buffer"], message: `must be a Uint8Array, got ${buffer === null ? "null" : typeof buffer}` }]));
    }
    if (taken === "chunks") return Promise.reject(new DownloadAlreadyReadError(imageId));
    taken = "buffers";
    // Calls are served in order, one at a time.
    const read = reading.then(() => fill(buffer));
    reading = read.catch(() => undefined);
    return read;
  };
  let stream: ReadableStream<Uint8Array> | undefined;
  const download: ImageDownload = {
    get stream() {
      if (stream) return stream;
      const source = chunks()[Symbol.asyncIterator]();
      stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            try {
              const next = await source.next();
              if (next.done) controller.close();
              else controller.enqueue(next.value);
            } catch (error) {
              controller.error(error);
            }
          },
          async cancel(reason) {
            cancelReason = reason;
            await source.return?.();
          },
        },
        { highWaterMark: 0 },
      );
      return stream;
    },
    chunks,
    readInto,
    bytes: async () => collect(chunks(), result),
    cancel: async (reason?: unknown) => {
      cancelReason = reason;
      if (stream) await stream.cancel(reason).catch(() => undefined);
      else if (taken === "buffers") await dropUnread();
      else await iterator.return?.();
    },
    size,
    result,
  };
  if (typeof current?.response.readInto === "function") transportFilled.add(download);
  return download;
}

/** Downloads whose transport reads the bytes into the buffers given to `readInto` itself (`TransportResponse.readInto`). */
const transportFilled = new WeakSet<ImageDownload>();

/**
 * Whether the transport reads `download`'s bytes into the buffers given to its `readInto`
 * itself, so that none is copied in by the core. `downloadToFile` in Node picks its buffers by
 * it: shared memory, hashed in place on a worker, pays only when nothing copies into it (V8
 * copies into shared memory at unequal alignments byte by byte).
 */
export function readsIntoCallerBuffers(download: ImageDownload): boolean {
  return transportFilled.has(download);
}

async function collect(chunks: AsyncIterable<Uint8Array>, result: Promise<DownloadResult>): Promise<DownloadedBytes> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const value of chunks) {
    parts.push(value);
    length += value.byteLength;
  }
  const data = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.byteLength;
  }
  return { ...(await result), data };
}
