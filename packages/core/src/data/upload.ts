import type { CallOptions, HttpClient } from "../http/http-client.js";
import { imageOp, type ImagesApi } from "../images/images-api.js";
import type { Image } from "../schemas/image-v2.js";
import type { InputChecker, InputPath } from "../validation/checker.js";
import { DEFAULT_OS_HASH_ALGO, isHashAlgorithm, type HashAlgorithm, type HashFactory } from "../hashing/hash-factory.js";
import { HashSet } from "../hashing/hash-set.js";
import { hashedBody, type PreparedSource, type ProgressCallback } from "./upload-source.js";
import { verifyAgainstImage, type Digests, type Verification } from "./verify.js";
import { DATA_TIMEOUT } from "./download.js";
import type { ServerHashing } from "./server-hashing.js";

/** Options of an upload (`PUT …/file`, or `PUT …/stage` with `stage: true`). */
export interface UploadOptions extends CallOptions {
  /**
   * Size in bytes. Required for an `AsyncIterable` source; optional for a stream (sent as
   * `x-openstack-image-size` and enforced either way); checked against bytes, Blobs and files.
   */
  readonly size?: number | undefined;
  /**
   * Stage the data for a later `glance-direct` import (`PUT /v2/images/{id}/stage`, API ≥ 2.6)
   * instead of uploading it to the image (`PUT …/file`). Glance records digests only at import,
   * so a staged upload is not verified here (`verified: "none"`, the digests returned for a
   * later check; `uploadImage` does that check).
   */
  readonly stage?: boolean | undefined;
  /** Store to write to in a multi-store deployment (`X-Image-Meta-Store`, API ≥ 2.8). */
  readonly store?: string | undefined;
  /** Called as bytes are handed to the transport. */
  readonly onProgress?: ProgressCallback | undefined;
  /** Hash while sending and compare with what Glance records (default `true`). */
  readonly verify?: boolean | undefined;
  /**
   * The server's `os_hash_algo` if known (default `sha512`, Glance's default). md5 is computed
   * too, for `checksum`, unless this client has already seen the server record this algorithm:
   * then only it is: one digest instead of two halves the hashing time. A client learns what its
   * server records from the images its verified downloads and uploads read.
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
  /** What the bytes were checked against (`none` when staged or with `verify: false`). */
  readonly verified: Verification;
}

/**
 * Records a problem unless `value` can be sent as an HTTP header value: a string without CR, LF
 * or NUL (they would split or end the header) and within Latin-1 (what HTTP/1.1 carries).
 */
export function checkHeaderValue(check: InputChecker, path: InputPath, value: unknown): void {
  check.string(path, value);
  if (typeof value !== "string") return;
  if (/[\r\n\0]/.test(value)) check.fail(path, "cannot contain CR, LF or NUL: it is sent as an HTTP header value");
  // eslint-disable-next-line no-control-regex
  else if (/[^\u0000-\u00ff]/.test(value)) check.fail(path, "must hold Latin-1 characters only: it is sent as an HTTP header value");
}

/** Records the problems of upload options that need no I/O (the source is checked apart). */
export function checkUploadOptions(check: InputChecker, options: UploadOptions): void {
  if (typeof options !== "object" || options === null) {
    check.fail(["options"], "must be an object");
    return;
  }
  if (options.stage !== undefined) check.boolean(["stage"], options.stage);
  if (options.verify !== undefined) check.boolean(["verify"], options.verify);
  if (options.store !== undefined) checkHeaderValue(check, ["store"], options.store);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") check.fail(["onProgress"], "must be a function");
  if (options.osHashAlgo !== undefined && !isHashAlgorithm(options.osHashAlgo)) check.fail(["osHashAlgo"], "must be md5, sha1, sha256, sha384 or sha512");
}

/** What {@link sendUpload} works with. */
export interface UploadDeps {
  readonly http: HttpClient;
  readonly images: ImagesApi;
  readonly hashFactory: HashFactory;
  /** What the server records, learned from earlier transfers (absent: md5 and sha512 are computed). */
  readonly hashing?: ServerHashing | undefined;
}

/**
 * Sends a checked source (`PUT …/file` or `…/stage`, 204), hashing as it streams; after a
 * `file` upload re-reads the image and compares its `size`, `os_hash_value` and `checksum`.
 */
export async function sendUpload(deps: UploadDeps, imageId: string, source: PreparedSource, options: UploadOptions): Promise<UploadResult> {
  const kind = options.stage === true ? "stage" : "file";
  const size = source.size;
  const verify = options.verify ?? true;
  const algorithms = deps.hashing?.uploadAlgorithms(options.osHashAlgo) ?? ["md5", options.osHashAlgo ?? DEFAULT_OS_HASH_ALGO];
  const hashes = verify ? await HashSet.create(deps.hashFactory, algorithms, size) : undefined;
  let hashed: Awaited<ReturnType<typeof hashedBody>>;
  try {
    hashed = await hashedBody(imageId, source.data, hashes, size, options.onProgress);
  } catch (error) {
    hashes?.dispose();
    throw error;
  }
  const headers: Record<string, string> = { "content-type": "application/octet-stream" };
  if (size !== undefined) headers["x-openstack-image-size"] = String(size);
  if (options.store !== undefined) headers["x-image-meta-store"] = options.store;
  try {
    const request =
      kind === "stage"
        ? imageOp({ operation: "data.stage", method: "put", path: "/v2/images/{image_id}/stage", params: { image_id: imageId }, headers, body: hashed.body, expect: [204], settlingStatuses: [409] })
        : imageOp({ operation: "data.upload", method: "put", path: "/v2/images/{image_id}/file", params: { image_id: imageId }, headers, body: hashed.body, expect: [204], settlingStatuses: [409] });
    await deps.http.empty(request, { ...options, timeoutMs: options.timeoutMs ?? DATA_TIMEOUT });
  } catch (error) {
    hashes?.dispose();
    throw hashed.failure() ?? error;
  }
  const failure = hashed.failure();
  if (failure) {
    hashes?.dispose();
    throw failure;
  }
  if (hashed.body instanceof Uint8Array) options.onProgress?.({ bytes: hashed.body.byteLength, total: hashed.body.byteLength });
  if (!hashes) return { image: undefined, bytes: hashed.sent(), digests: {}, verified: "none" };
  const digests = await hashes.finish();
  if (kind === "stage") return { image: undefined, bytes: hashes.bytes, digests, verified: "none" };
  const image = await deps.images.get(imageId, { signal: options.signal, headers: options.headers });
  const verified = verifyAgainstImage(image, digests, hashes.bytes, "upload");
  // Nothing compared although Glance recorded digests: it records another one than learned.
  if (verified === "none" && (image.checksum || image.os_hash_value)) deps.hashing?.forget();
  else deps.hashing?.learn(image);
  return { image, bytes: hashes.bytes, digests, verified };
}
