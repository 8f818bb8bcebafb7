import {
  DEFAULT_OS_HASH_ALGO,
  IncompleteDataError,
  UploadSourceError,
  isHashAlgorithm,
  type ApiPromise,
  type RequestBody,
  type ResponseInfo,
  type UploadOptions,
  type UploadResult,
  type WithResponse,
} from "@cloud-images/core";
import type { InputChecker} from "@cloud-images/core/internal";
import { HashSet, verifyAgainstImage, type ImageDataDeps } from "@cloud-images/core/internal";
import { blobWithProgress } from "../transport/upload-progress.js";

/** No total deadline for data calls unless `timeoutMs` is given (as in the core). */
const DATA_TIMEOUT = Number.POSITIVE_INFINITY;

/** Bytes hashed between two yields to the event loop. */
const YIELD_EVERY = 4 << 20;

/** Refuses bad upload options before anything is sent (the core's rules). */
export function checkBrowserUploadOptions(check: InputChecker, imageId: unknown, options: UploadOptions): void {
  check.uuid(["imageId"], imageId);
  if (typeof options !== "object" || options === null) {
    check.fail(["options"], "must be an object");
    return;
  }
  if (options.stage !== undefined) check.boolean(["stage"], options.stage);
  if (options.verify !== undefined) check.boolean(["verify"], options.verify);
  if (options.store !== undefined) {
    check.string(["store"], options.store);
     
    if (typeof options.store === "string" && /[^\u0020-\u007e\u00a0-\u00ff]/.test(options.store)) check.fail(["store"], "must be printable Latin-1: it is sent as an HTTP header value");
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") check.fail(["onProgress"], "must be a function");
  if (options.osHashAlgo !== undefined && !isHashAlgorithm(options.osHashAlgo)) check.fail(["osHashAlgo"], "must be md5, sha1, sha256, sha384 or sha512");
}

/**
 * Hashes a Blob by reading it (the browser reads it from memory or disk, independently of the
 * upload that sends the same immutable bytes). Stops when `stop` aborts.
 */
async function hashBlob(imageId: string, blob: Blob, hashes: HashSet, stop: AbortSignal): Promise<void> {
  const reader = blob.stream().getReader();
  let hashed = 0;
  const onStop = (): void => void reader.cancel(stop.reason).catch(() => undefined);
  stop.addEventListener("abort", onStop, { once: true });
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        if (stop.aborted) return;
        throw new UploadSourceError(imageId, hashes.bytes, error);
      }
      if (next.done || stop.aborted) return;
      await hashes.update(next.value);
      // Blob reads resolve at once: let the page breathe (progress events, an abort, paint).
      if ((hashed += next.value.byteLength) >= YIELD_EVERY) {
        hashed = 0;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  } finally {
    stop.removeEventListener("abort", onStop);
  }
}

/**
 * Uploads a Blob (`PUT /v2/images/{id}/file`, or `…/stage`): the browser sends it through the
 * transport (XHR in the browser transport: upload progress), while md5 and the server's
 * `os_hash_algo` are computed by reading the same Blob; then the image is re-read and its `size`,
 * `os_hash_value` and `checksum` compared. Aborting `signal` stops both at once; Glance then
 * drops the partial data (the image stays `queued`).
 */
export function uploadBlob(deps: ImageDataDeps, imageId: string, blob: Blob, options: UploadOptions): ApiPromise<UploadResult> {
  let response: ResponseInfo | undefined;
  const run = async (): Promise<UploadResult> => {
    const stage = options.stage === true;
    const verify = options.verify ?? true;
    const size = blob.size;
    const hashes = verify ? await HashSet.create(deps.hashFactory, ["md5", options.osHashAlgo ?? DEFAULT_OS_HASH_ALGO]) : undefined;
    const stopHashing = new AbortController();
    const hashing = hashes ? hashBlob(imageId, blob, hashes, stopHashing.signal) : Promise.resolve();
    // A rejection is read below; this keeps an early one from being reported as unhandled.
    hashing.catch(() => undefined);
    const onProgress = options.onProgress;
    let reported = -1;
    const body = blobWithProgress(blob, (loaded) => {
      const bytes = Math.min(loaded, size);
      if (bytes === reported) return;
      reported = bytes;
      onProgress?.({ bytes, total: size });
    });
    onProgress?.({ bytes: 0, total: size });
    const headers: Record<string, string> = { "content-type": "application/octet-stream" };
    if (options.store !== undefined) headers["x-image-meta-store"] = options.store;
    const id = encodeURIComponent(imageId);
    try {
      response = await deps.http.empty(
        {
          operation: stage ? "data.stage" : "data.upload",
          method: "PUT",
          path: `/v2/images/${id}/${stage ? "stage" : "file"}`,
          headers,
          // The browser transport sends a Blob as it is (through XHR); see createBrowserTransport.
          body: body as unknown as RequestBody,
          expect: [204],
        },
        { ...options, timeoutMs: options.timeoutMs ?? DATA_TIMEOUT },
      );
      await hashing;
    } catch (error) {
      stopHashing.abort(error);
      hashes?.dispose();
      throw error;
    }
    if (reported !== size) onProgress?.({ bytes: size, total: size });
    if (!hashes) return { image: undefined, bytes: size, digests: {}, verified: "none" };
    if (hashes.bytes !== size) {
      hashes.dispose();
      throw new IncompleteDataError({ imageId, expectedBytes: size, actualBytes: hashes.bytes, direction: "upload" });
    }
    const digests = await hashes.finish();
    if (stage) return { image: undefined, bytes: size, digests, verified: "none" };
    const image = await deps.images.get(imageId, { signal: options.signal, headers: options.headers });
    return { image, bytes: size, digests, verified: verifyAgainstImage(image, digests, size, "upload") };
  };
  const promise = run();
  return Object.assign(promise, {
    withResponse: async (): Promise<WithResponse<UploadResult>> => {
      const data = await promise;
      return { data, response: response ?? { status: 0, headers: {}, requestId: undefined } };
    },
  });
}
