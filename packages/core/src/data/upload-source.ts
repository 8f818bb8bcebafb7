import { IncompleteDataError, UploadSourceError } from "./errors.js";
import type { HashSet } from "../hashing/hash-set.js";

/** Data an upload can read: bytes, a Blob (browsers, Node ≥ 18) or a web stream of bytes. */
export type UploadData = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>;

/** Progress of a transfer. */
export interface TransferProgress {
  /** Bytes transferred so far (for a resumed download, including the part already on disk). */
  readonly bytes: number;
  /** Total bytes, when known. */
  readonly total: number | undefined;
}

/** Called as bytes go through; the last call has `bytes === total` on success. */
export type ProgressCallback = (progress: TransferProgress) => void;

/** Whether a value is an {@link UploadData}. */
export function isUploadData(value: unknown): value is UploadData {
  return (
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== "undefined" && value instanceof Blob) ||
    (typeof ReadableStream !== "undefined" && value instanceof ReadableStream)
  );
}

/** Size of the data when it can be known without reading it. */
export function knownSize(data: UploadData): number | undefined {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return data.byteLength;
  if (typeof Blob !== "undefined" && data instanceof Blob) return data.size;
  return undefined;
}

/** The state of a hashed upload body, read after the request settles. */
export interface HashedBody {
  /** What to hand to the transport. */
  readonly body: Uint8Array | ReadableStream<Uint8Array>;
  /** The error that ended the body early (source failure or size mismatch), if any. */
  failure(): Error | undefined;
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
  data: UploadData,
  hashes: HashSet | undefined,
  size: number | undefined,
  onProgress: ProgressCallback | undefined,
): Promise<HashedBody> {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (size !== undefined && size !== bytes.byteLength) {
      const error = new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: bytes.byteLength, direction: "upload" });
      throw error;
    }
    await hashes?.update(bytes);
    onProgress?.({ bytes: 0, total: bytes.byteLength });
    return { body: bytes, failure: () => undefined };
  }
  const source: ReadableStream<Uint8Array> = data instanceof ReadableStream ? data : (data as Blob).stream();
  const reader = source.getReader();
  let sent = 0;
  let failure: Error | undefined;
  onProgress?.({ bytes: 0, total: size });
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>>;
        try {
          result = await reader.read();
        } catch (error) {
          failure = new UploadSourceError(imageId, sent, error);
          controller.error(failure);
          return;
        }
        if (result.done) {
          if (size !== undefined && sent !== size) {
            failure = new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: sent, direction: "upload" });
            controller.error(failure);
            return;
          }
          controller.close();
          return;
        }
        const chunk = toBytes(result.value);
        if (chunk.byteLength === 0) return;
        if (size !== undefined && sent + chunk.byteLength > size) {
          failure = new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: sent + chunk.byteLength, direction: "upload" });
          controller.error(failure);
          void reader.cancel(failure).catch(() => undefined);
          return;
        }
        // Asynchronous hashes (other threads) return a promise only when they are full.
        const wait = hashes?.update(chunk);
        if (wait) {
          try {
            await wait;
          } catch (error) {
            failure = error instanceof Error ? error : new Error(String(error));
            controller.error(failure);
            void reader.cancel(failure).catch(() => undefined);
            return;
          }
        }
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        onProgress?.({ bytes: sent, total: size });
      },
      async cancel(reason) {
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, failure: () => failure };
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`upload stream chunks must be Uint8Array, got ${typeof value}`);
}
