import type { HashSet } from "../hashing/hash-set.js";
import { CloudImagesError } from "../errors/base.js";
import type { InputChecker, InputPath } from "../validation/checker.js";
import { IncompleteDataError, UploadSourceError } from "./errors.js";

/**
 * What an upload reads, in any runtime: bytes (`Uint8Array`, `ArrayBuffer`), a `Blob`, a web
 * `ReadableStream` of bytes, or an `AsyncIterable<Uint8Array>` (an async generator, a Node
 * `Readable`…) whose size is given with it (`size` is required for an iterable, and enforced).
 * The Node client's `data.upload` also takes a file path, a `file:` URL and a Node `Readable`
 * of unknown size.
 */
export type UploadSource = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** An upload source checked once, with its size when known (see `ImageDataApi.prepareSource`). */
export interface PreparedSource {
  /** The bytes to send, in a form the core reads. */
  readonly data: UploadSource;
  /** Size in bytes: given by the caller, or known from the source (bytes, Blob, a file's `stat`). */
  readonly size: number | undefined;
}

/** Progress of a transfer. */
export interface TransferProgress {
  /** Bytes transferred so far (for a resumed download, including the part already on disk). */
  readonly bytes: number;
  /** Total bytes, when known. */
  readonly total: number | undefined;
}

/** Called as bytes go through; the last call has `bytes === total` on success. */
export type ProgressCallback = (progress: TransferProgress) => void;

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

/** A web stream, also one made by another copy of the stream classes (checked by shape). */
function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === "object" && value !== null && typeof (value as { getReader?: unknown }).getReader === "function";
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === "object" && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

/** Whether a value is an {@link UploadSource} (an iterable's size is not checked here). */
export function isUploadSource(value: unknown): value is UploadSource {
  return value instanceof Uint8Array || value instanceof ArrayBuffer || isBlob(value) || isWebStream(value) || isAsyncIterable(value);
}

/** Size of the source when it can be known without reading it (bytes, Blob). */
export function knownSize(source: UploadSource): number | undefined {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source.byteLength;
  if (isBlob(source)) return source.size;
  return undefined;
}

/**
 * Records the problems of an upload source and its declared `size` (a non-negative integer, equal
 * to the source's own size when it has one, required for an `AsyncIterable`). Returns the
 * prepared source when there is none.
 */
export function checkSource(check: InputChecker, path: InputPath, source: unknown, size: unknown): PreparedSource | undefined {
  if (!isUploadSource(source)) {
    const what = typeof source === "string" ? "a string (a file path needs the Node client's data.upload)" : source === undefined ? "nothing" : typeof source;
    check.fail(path, `must be a Uint8Array, ArrayBuffer, Blob, ReadableStream or a sized AsyncIterable of bytes, got ${what}`);
    return undefined;
  }
  if (size !== undefined) {
    check.integer(["size"], size, { min: 0 });
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return undefined;
  }
  const known = knownSize(source);
  if (known !== undefined && size !== undefined && known !== size) {
    check.fail(["size"], `is ${String(size)} but the data holds ${known} bytes`);
    return undefined;
  }
  if (size === undefined && !isWebStream(source) && isAsyncIterable(source) && known === undefined) {
    check.fail(["size"], "is required with an AsyncIterable source (its length cannot be known before reading it)");
    return undefined;
  }
  return { data: source, size: (size as number | undefined) ?? known };
}

/** The state of a hashed upload body, read after the request settles. */
export interface HashedBody {
  /** What to hand to the transport. */
  readonly body: Uint8Array | ReadableStream<Uint8Array>;
  /** The error that ended the body early (source failure or size mismatch), if any. */
  failure(): CloudImagesError | undefined;
  /** Bytes handed to the transport so far. */
  sent(): number;
}

/** One way to read every streamed source: a web stream's reader, or an async iterator. */
interface SourceReader {
  read(): Promise<IteratorResult<unknown>>;
  cancel(reason: unknown): Promise<void>;
}

function readerOf(source: Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): SourceReader {
  if (isBlob(source) || isWebStream(source)) {
    const reader = (isBlob(source) ? source.stream() : source).getReader();
    return {
      read: () => reader.read() as Promise<IteratorResult<unknown>>,
      cancel: (reason) => reader.cancel(reason).catch(() => undefined),
    };
  }
  const iterator = source[Symbol.asyncIterator]();
  return {
    read: () => iterator.next(),
    cancel: async () => {
      await iterator.return?.()?.catch(() => undefined);
    },
  };
}

/**
 * Wraps upload data so every byte handed to the transport is hashed, counted and reported.
 * A chunk goes to the transport once the hashes have consumed it (an asynchronous hash that is
 * behind holds the stream back, so memory stays bounded).
 * Bytes in memory are hashed at once and sent as they are (a known `Content-Length`, and the
 * only form browsers send over HTTP/1.1); everything else is streamed, never buffered whole.
 * When `size` is given, a source yielding a different number of bytes fails the body.
 */
export async function hashedBody(
  imageId: string,
  data: UploadSource,
  hashes: HashSet | undefined,
  size: number | undefined,
  onProgress: ProgressCallback | undefined,
): Promise<HashedBody> {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (size !== undefined && size !== bytes.byteLength) {
      throw new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: bytes.byteLength, direction: "upload" });
    }
    await hashes?.update(bytes);
    onProgress?.({ bytes: 0, total: bytes.byteLength });
    return { body: bytes, failure: () => undefined, sent: () => bytes.byteLength };
  }
  const reader = readerOf(data);
  let sent = 0;
  let failure: CloudImagesError | undefined;
  // Set once the transport gave the body up (a cut connection): the source's early end is then its doing, not a short source.
  let cancelled = false;
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: CloudImagesError, cancel: boolean): void => {
    if (cancelled) return;
    failure = error;
    controller.error(error);
    if (cancel) void reader.cancel(error);
  };
  onProgress?.({ bytes: 0, total: size });
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: IteratorResult<unknown>;
        try {
          result = await reader.read();
        } catch (error) {
          fail(controller, new UploadSourceError(imageId, sent, error), false);
          return;
        }
        if (result.done) {
          if (size !== undefined && sent !== size) {
            fail(controller, new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: sent, direction: "upload" }), false);
            return;
          }
          controller.close();
          return;
        }
        const chunk = toBytes(result.value);
        if (chunk === undefined) {
          fail(controller, new UploadSourceError(imageId, sent, `it yielded a chunk that is not bytes (${typeof result.value})`), true);
          return;
        }
        if (chunk.byteLength === 0) return;
        if (size !== undefined && sent + chunk.byteLength > size) {
          fail(controller, new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: sent + chunk.byteLength, direction: "upload" }), true);
          return;
        }
        // Asynchronous hashes (other threads) return a promise only when they are full.
        const wait = hashes?.update(chunk);
        if (wait) {
          try {
            await wait;
          } catch (error) {
            fail(controller, error instanceof CloudImagesError ? error : new UploadSourceError(imageId, sent, error), true);
            return;
          }
        }
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        onProgress?.({ bytes: sent, total: size });
      },
      async cancel(reason) {
        cancelled = true;
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, failure: () => failure, sent: () => sent };
}

function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}
