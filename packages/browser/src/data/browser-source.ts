import { InputChecker } from "@cloud-images/core/internal";
import type { PreparedSource, PrepareSourceOptions, UploadImageRequest } from "@cloud-images/core";

/**
 * What a page uploads: a `Blob` (a `File` from an `<input type="file">` or a drop is one), an
 * `ArrayBuffer` or bytes. Sent with a known `Content-Length` through `XMLHttpRequest`, so the
 * upload reports progress.
 *
 * Not a `ReadableStream` nor an `AsyncIterable`: browsers send streamed request bodies only over
 * HTTP/2 (Chromium fails them over HTTP/1.1 with `ERR_ALPN_NEGOTIATION_FAILED`, which is how most
 * Glance endpoints are served), so the type refuses them, and so does `data.upload` at run time
 * (a `ValidationError` before any request). Collect such data into a `Blob` first
 * (`await new Response(stream).blob()`: browsers keep large Blobs on disk).
 */
export type BrowserUploadSource = Blob | ArrayBuffer | Uint8Array;

/** {@link UploadImageRequest} whose `data` is a {@link BrowserUploadSource}. */
export type BrowserUploadImageRequest = UploadImageRequest<BrowserUploadSource>;

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

/** Whether `value` is a {@link BrowserUploadSource}. */
export function isBrowserUploadSource(value: unknown): value is BrowserUploadSource {
  return isBlob(value) || value instanceof ArrayBuffer || value instanceof Uint8Array;
}

/** What is wrong with a source the browser client cannot send, for the `ValidationError`. */
function refusal(source: unknown): string {
  if (typeof source === "object" && source !== null) {
    if (typeof (source as { getReader?: unknown }).getReader === "function" || Symbol.asyncIterator in source) {
      return "must be a Blob, File, ArrayBuffer or Uint8Array: browsers send streamed request bodies only over HTTP/2, so a stream cannot be uploaded from a page (collect it into a Blob first)";
    }
  }
  const what = typeof source === "string" ? "a string (a page has no file paths: pass the File from an <input type=file>)" : source === undefined ? "nothing" : typeof source;
  return `must be a Blob, File, ArrayBuffer or Uint8Array, got ${what}`;
}

/**
 * Checks a browser upload source and its declared size; returns it as a `Blob` (no copy for a
 * `Blob`; bytes are wrapped once) with its size.
 * @throws ValidationError for anything else, or a `size` that differs from the source's.
 */
export function prepareBrowserSource(source: unknown, options: PrepareSourceOptions = {}): PreparedSource {
  const check = new InputChecker(options.operation ?? "data.upload");
  const field = options.field ?? "source";
  if (!isBrowserUploadSource(source)) {
    check.fail([field], refusal(source));
    check.throwIfInvalid();
  }
  const blob = isBlob(source) ? source : new Blob([source as ArrayBuffer | Uint8Array<ArrayBuffer>]);
  if (options.size !== undefined) {
    check.integer(["size"], options.size, { min: 0 });
    if (typeof options.size === "number" && options.size !== blob.size) check.fail(["size"], `is ${String(options.size)} but the data holds ${blob.size} bytes`);
  }
  check.throwIfInvalid();
  return { data: blob, size: blob.size };
}
