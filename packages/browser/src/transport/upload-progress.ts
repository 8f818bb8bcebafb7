/** Called as the browser sends bytes of a request body: bytes sent so far, of `total`. */
export type UploadProgressListener = (loaded: number, total: number) => void;

/** Listeners of the Blob bodies being sent, by body (each upload registers its own slice). */
const listeners = new WeakMap<Blob, UploadProgressListener>();

/**
 * A fresh `Blob` over the same bytes (no copy), whose upload progress the browser transport
 * reports to `listener`. A fresh one per request, so two uploads of one `File` never mix.
 */
export function blobWithProgress(blob: Blob, listener: UploadProgressListener): Blob {
  const body = blob.slice(0, blob.size, blob.type);
  listeners.set(body, listener);
  return body;
}

/** The listener registered for a body, if any. */
export function progressOf(body: Blob): UploadProgressListener | undefined {
  return listeners.get(body);
}
