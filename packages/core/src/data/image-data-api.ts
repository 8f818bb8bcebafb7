import type { CallOptions, CallResult, HttpClient } from "../http/http-client.js";
import { imagePath, type ImagesApi } from "../images/images-api.js";
import type { Image } from "../schemas/image-v2.js";
import { InputChecker } from "../validation/checker.js";
import { ConnectionError, RequestAbortedError, RequestTimeoutError } from "../errors/transport-errors.js";
import { CloudImagesError } from "../errors/base.js";
import { ResponseValidationError } from "../errors/response-validation-error.js";
import { DEFAULT_OS_HASH_ALGO, isHashAlgorithm, type HashAlgorithm, type HashFactory } from "../hashing/hash-factory.js";
import { HashSet } from "../hashing/hash-set.js";
import { IncompleteDataError, NoImageDataError } from "./errors.js";
import { hashedBody, isUploadData, knownSize, type ProgressCallback, type UploadData } from "./upload-source.js";
import { compare, verifyAgainstImage, type Digests, type Verification } from "./verify.js";

/** Options of an upload (`PUT …/file`) or stage (`PUT …/stage`). */
export interface UploadOptions extends CallOptions {
  /** Size in bytes, when the source is a stream; sent as `x-openstack-image-size` and enforced. */
  readonly size?: number | undefined;
  /** Store to write to in a multi-store deployment (`X-Image-Meta-Store`, API ≥ 2.8). */
  readonly store?: string | undefined;
  /** Called as bytes are handed to the transport. */
  readonly onProgress?: ProgressCallback | undefined;
  /** Hash while sending and compare with what Glance records (default `true`). */
  readonly verify?: boolean | undefined;
  /**
   * The server's `os_hash_algo` if known (default `sha512`, Glance's default). md5 is always
   * computed too, for `checksum`.
   */
  readonly osHashAlgo?: HashAlgorithm | undefined;
}

/** What an upload sent, and what it was checked against. */
export interface UploadResult {
  /** The image after the upload (re-read when verifying; otherwise undefined). */
  readonly image: Image | undefined;
  /** Bytes sent. */
  readonly bytes: number;
  /** Digests computed while sending (empty when `verify: false`). */
  readonly digests: Digests;
  /** What the bytes were checked against. */
  readonly verified: Verification;
}

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

/**
 * A download in progress: read `stream` or `chunks()` (one of them, once); `result` settles when
 * the data has been read to its end (it errors on a mismatch too).
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
  /** Total size of the image, when known. */
  readonly size: number | undefined;
  /** Verification outcome once the stream has been read to its end. */
  readonly result: Promise<DownloadResult>;
}

const DATA_TIMEOUT = Number.POSITIVE_INFINITY;

/**
 * Image data: streaming upload (`PUT /v2/images/{id}/file`) and download (`GET …/file`) with
 * hashing on the fly, verification against Glance's `os_hash_value`/`checksum`, progress,
 * and resumable downloads. Data calls have no total deadline unless `timeoutMs` is given
 * (a 10 GiB transfer takes minutes); use `signal` to stop one.
 */
export class ImageDataApi {
  readonly #http: HttpClient;
  readonly #images: ImagesApi;
  readonly #hashes: HashFactory;

  constructor(http: HttpClient, images: ImagesApi, hashFactory: HashFactory) {
    this.#http = http;
    this.#images = images;
    this.#hashes = hashFactory;
  }

  /** The hash factory in use. */
  get hashFactory(): HashFactory {
    return this.#hashes;
  }

  /**
   * Uploads image data (`PUT /v2/images/{id}/file`, 204) to a `queued` image, hashing as it
   * streams, then re-reads the image and compares its `size`, `os_hash_value` and `checksum`.
   * @throws ValidationError before any request on bad input; `UploadSourceError` when the
   *   source fails mid-stream; `IncompleteDataError` when it yields other than `size` bytes;
   *   `ChecksumMismatchError` when Glance recorded other digests.
   */
  async upload(imageId: string, data: UploadData, options: UploadOptions = {}): Promise<UploadResult> {
    return this.#send("data.upload", "file", imageId, data, options);
  }

  /**
   * Stages data for a `glance-direct` import (`PUT /v2/images/{id}/stage`, 204). Digests are
   * computed while streaming; Glance records its own only at import, so compare afterwards
   * (the high-level `uploadImage` does).
   */
  async stage(imageId: string, data: UploadData, options: UploadOptions = {}): Promise<UploadResult> {
    return this.#send("data.stage", "stage", imageId, data, options);
  }

  async #send(operation: string, kind: "file" | "stage", imageId: string, data: UploadData, options: UploadOptions): Promise<UploadResult> {
    checkUpload(operation, imageId, data, options);
    const size = options.size ?? knownSize(data);
    const verify = options.verify ?? true;
    const hashes = verify ? await HashSet.create(this.#hashes, ["md5", options.osHashAlgo ?? DEFAULT_OS_HASH_ALGO]) : undefined;
    let hashed: Awaited<ReturnType<typeof hashedBody>>;
    try {
      hashed = await hashedBody(imageId, data, hashes, size, options.onProgress);
    } catch (error) {
      hashes?.dispose();
      throw error;
    }
    const headers: Record<string, string> = { "content-type": "application/octet-stream" };
    if (size !== undefined) headers["x-openstack-image-size"] = String(size);
    if (options.store !== undefined) headers["x-image-meta-store"] = options.store;
    try {
      await this.#http.empty(
        { operation, method: "PUT", path: `${imagePath(imageId)}/${kind}`, headers, body: hashed.body, expect: [204] },
        { ...options, timeoutMs: options.timeoutMs ?? DATA_TIMEOUT },
      );
    } catch (error) {
      hashes?.dispose();
      throw hashed.failure() ?? error;
    }
    const failure = hashed.failure();
    if (failure) {
      hashes?.dispose();
      throw failure;
    }
    const bytes = hashes?.bytes ?? size ?? 0;
    if (hashed.body instanceof Uint8Array) options.onProgress?.({ bytes: hashed.body.byteLength, total: hashed.body.byteLength });
    if (!hashes) return { image: undefined, bytes, digests: {}, verified: "none" };
    const digests = await hashes.finish();
    if (kind === "stage") return { image: undefined, bytes: hashes.bytes, digests, verified: "none" };
    const image = await this.#images.get(imageId, { signal: options.signal, headers: options.headers });
    const verified = verifyAgainstImage(image, digests, hashes.bytes, "upload");
    return { image, bytes: hashes.bytes, digests, verified };
  }

  /**
   * Opens a download (`GET /v2/images/{id}/file`). The stream verifies as it goes: against
   * `os_hash_value` when the image has one in an algorithm the SDK computes, else against
   * `checksum`/`Content-MD5`; `result.verified` says which (`none` when the server gave no
   * hash). A cut is resumed with `Range` (206, `Content-Range` checked) up to `retries` times.
   * @throws NoImageDataError when Glance answers 204 (the image has no data).
   */
  async open(imageId: string, options: DownloadOptions = {}): Promise<ImageDownload> {
    const check = new InputChecker("data.download");
    check.uuid(["imageId"], imageId);
    if (options.offset !== undefined) check.integer(["offset"], options.offset, { min: 0 });
    if (options.retries !== undefined) check.integer(["retries"], options.retries, { min: 0, max: 100 });
    const verify = options.verify ?? true;
    if (verify && (options.offset ?? 0) > 0 && options.prefix === undefined) {
      check.fail(["prefix"], "is required with an offset to verify the whole image (or pass verify: false)");
    }
    check.throwIfInvalid();
    return openDownload({
      http: this.#http,
      imageId,
      verify,
      image: options.image ?? (verify ? await this.#images.get(imageId, callOnly(options)) : undefined),
      hashFactory: this.#hashes,
      options,
    });
  }

  /** Downloads to a web stream; `download.result` tells how it was verified. Same as {@link open}. */
  async stream(imageId: string, options: DownloadOptions = {}): Promise<ImageDownload> {
    return this.open(imageId, options);
  }

  /** Downloads the whole image into memory (for small images) and verifies it. */
  async bytes(imageId: string, options: DownloadOptions = {}): Promise<DownloadResult & { data: Uint8Array }> {
    const download = await this.open(imageId, options);
    const chunks: Uint8Array[] = [];
    let length = 0;
    for await (const value of download.chunks()) {
      chunks.push(value);
      length += value.byteLength;
    }
    const data = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      data.set(chunk, at);
      at += chunk.byteLength;
    }
    return { ...(await download.result), data };
  }
}

function callOnly(options: CallOptions): CallOptions {
  return { signal: options.signal, headers: options.headers };
}

function checkUpload(operation: string, imageId: string, data: UploadData, options: UploadOptions): void {
  const check = new InputChecker(operation);
  check.uuid(["imageId"], imageId);
  if (!isUploadData(data)) check.fail(["data"], "must be a Uint8Array, ArrayBuffer, Blob or ReadableStream of bytes");
  if (options.size !== undefined) {
    check.integer(["size"], options.size, { min: 0 });
    const known = isUploadData(data) ? knownSize(data) : undefined;
    if (known !== undefined && typeof options.size === "number" && known !== options.size) {
      check.fail(["size"], `is ${options.size} but the data holds ${known} bytes`);
    }
  }
  if (options.store !== undefined) check.string(["store"], options.store);
  if (options.osHashAlgo !== undefined && !isHashAlgorithm(options.osHashAlgo)) check.fail(["osHashAlgo"], "must be md5, sha1, sha256, sha384 or sha512");
  check.throwIfInvalid();
}

interface OpenArgs {
  readonly http: HttpClient;
  readonly imageId: string;
  readonly verify: boolean;
  readonly image: Image | undefined;
  readonly hashFactory: HashFactory;
  readonly options: DownloadOptions;
}

/** Parses `Content-Range: bytes a-b/total`. */
export function parseContentRange(value: string | undefined): { start: number; end: number; total: number | undefined } | undefined {
  const m = value === undefined ? null : /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === "*" ? undefined : Number(m[3]) };
}

async function openDownload(args: OpenArgs): Promise<ImageDownload> {
  const { http, imageId, options, image } = args;
  const offset = options.offset ?? 0;
  let retriesLeft = options.retries ?? 2;
  const path = `${imagePath(imageId)}/file`;
  const description = { method: "GET", url: http.url(path) };
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
    http.call(
      {
        operation: "data.download",
        method: "GET",
        path,
        headers: from > 0 ? { range: `bytes=${from}-` } : undefined,
        expect: [200, 204, 206],
      },
      { ...options, timeoutMs: options.timeoutMs ?? DATA_TIMEOUT },
    );

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

  const hashes = algorithm === undefined ? undefined : await HashSet.create(args.hashFactory, [algorithm]);
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
    const name = (error as { name?: unknown } | null)?.name;
    const code = (error as { code?: unknown } | null)?.code;
    if (name === "TimeoutError" || code === "UND_ERR_BODY_TIMEOUT") return new RequestTimeoutError(description, options.timeoutMs, { cause: error });
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

  // The whole pipeline is one async generator over the transport's chunks: no web stream in
  // between (each layer costs a promise and a queue per ~64 KiB chunk), no copy, no buffering
  // beyond the chunk in hand. `stream` and `chunks()` both read it.
  let state: "open" | "done" | "failed" = "open";
  let cancelReason: unknown;
  async function* run(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      while (body) {
        let read: IteratorResult<Uint8Array>;
        try {
          read = await body.next();
        } catch (error) {
          const classified = classify(error);
          if (classified instanceof RequestAbortedError || classified instanceof RequestTimeoutError) throw classified;
          await resume(classified);
          continue;
        }
        if (read.done) {
          if (size !== undefined && position < size) {
            await resume(new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: position, direction: "download" }));
            continue;
          }
          body = undefined;
          break;
        }
        let chunk = read.value;
        if (skip > 0) {
          const n = Math.min(skip, chunk.byteLength);
          skip -= n;
          chunk = chunk.subarray(n);
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
        yield chunk;
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
    } catch (error) {
      const final = classify(error);
      state = "failed";
      hashes?.dispose();
      current?.release();
      await body?.close();
      settle.reject(final);
      throw final;
    } finally {
      if (state === "open") {
        // The reader stopped early (stream cancelled, loop left): drop the connection.
        state = "failed";
        hashes?.dispose();
        current?.release();
        await body?.close();
        settle.reject(new RequestAbortedError(description, { cause: cancelReason }));
      }
    }
  }

  const iterator = run();
  let taken = false;
  const chunks = (): AsyncIterable<Uint8Array> => {
    if (taken) throw new TypeError("ImageDownload: the data can be read once (stream or chunks())");
    taken = true;
    return { [Symbol.asyncIterator]: () => iterator };
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
    size,
    result,
  };
  return download;
}

/** A response body read chunk by chunk: the transport's `chunks()` when it has one, else its web stream. */
interface BodyReader {
  next(): Promise<IteratorResult<Uint8Array>>;
  /** Stops reading and lets the transport drop the connection. */
  close(): Promise<void>;
}

function openBody(call: CallResult): BodyReader {
  const response = call.response;
  if (typeof response.chunks === "function") {
    const it = response.chunks()[Symbol.asyncIterator]();
    let closed = false;
    return {
      next: () => it.next(),
      close: async () => {
        if (closed) return;
        closed = true;
        await it.return?.()?.catch(() => undefined);
      },
    };
  }
  const reader = response.stream().getReader();
  return {
    next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
    close: () => reader.cancel().catch(() => undefined),
  };
}

/** Checks the status and `Content-Range` of a response starting at `from`; returns the size and bytes to skip. */
function checkStart(call: CallResult, from: number, knownSize: number | undefined, imageId: string): { size: number | undefined; skip: number } {
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

async function abandon(call: CallResult | undefined): Promise<void> {
  call?.release();
  await call?.response.discard().catch(() => undefined);
}

async function* iterate(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
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
