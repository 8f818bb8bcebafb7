import type { HttpClient } from "../http/http-client.js";
import type { CreateImageInput, ImagesApi } from "../images/images-api.js";
import { CONTAINER_FORMATS, DISK_FORMATS } from "../images/enums.js";
import { ConflictError } from "../errors/http-errors.js";
import type { Image } from "../schemas/image-v2.js";
import { InputChecker } from "../validation/checker.js";
import type { ImageDataApi } from "../data/image-data-api.js";
import { isUploadData, knownSize, type ProgressCallback, type UploadData } from "../data/upload-source.js";
import { verifyAgainstImage, type Digests, type Verification } from "../data/verify.js";
import { isHashAlgorithm, type HashAlgorithm } from "../hashing/hash-factory.js";
import { checkTargets, checkUrl, type ImportsApi, type StoreTargets } from "./imports-api.js";

/** How {@link uploadImage} gets the data in. */
export type UploadMethod = "upload" | "glance-direct" | "web-download";

/** Input of {@link uploadImage}: the new image's attributes and exactly one of `data` or `url`. */
export interface UploadImageRequest extends StoreTargets {
  /** Attributes of the image (`disk_format` and `container_format` are required). `id` defaults to a fresh UUID. */
  readonly attributes: CreateImageInput;
  /** The bytes: a Uint8Array, ArrayBuffer, Blob or web stream (Node: see `NodeImageClient.uploadImageFile`). */
  readonly data?: UploadData | undefined;
  /** A URL Glance downloads the data from (`web-download`). */
  readonly url?: string | undefined;
  /** Size in bytes when `data` is a stream (sent and enforced). */
  readonly size?: number | undefined;
  /** `auto` (default): `upload` for data (`glance-direct` when importing to several stores), `web-download` for a URL. */
  readonly method?: "auto" | UploadMethod | undefined;
  /** Store for a direct upload (`X-Image-Meta-Store`). */
  readonly store?: string | undefined;
  /** Keep the half-made image on failure (default: delete it). */
  readonly keepOnFailure?: boolean | undefined;
  /** Stops the whole operation (the image is deleted unless `keepOnFailure`). */
  readonly signal?: AbortSignal | undefined;
  /** Most time to wait for `active` after the data went in, in ms (default 10 minutes). */
  readonly timeoutMs?: number | undefined;
  /** First poll interval while waiting, in ms. */
  readonly pollIntervalMs?: number | undefined;
  /** Byte progress of the upload/stage. */
  readonly onProgress?: ProgressCallback | undefined;
  /** Each image state read while waiting. */
  readonly onStatus?: ((image: Image) => void) | undefined;
  /** Headers for every request of the operation. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The server's `os_hash_algo` when not Glance's default `sha512`. */
  readonly osHashAlgo?: HashAlgorithm | undefined;
}

/** Outcome of {@link uploadImage}. */
export interface UploadImageResult {
  /** The active image. */
  readonly image: Image;
  /** The path taken (`existing` when a retried call found the image already active). */
  readonly method: UploadMethod | "existing";
  /** False when the image already existed (a retried call). */
  readonly created: boolean;
  /** What the data was checked against (`none` for web-download: the SDK never saw the bytes). */
  readonly verified: Verification;
  /** Digests the SDK computed over the bytes it sent. */
  readonly digests: Digests;
}

interface Apis {
  readonly http: HttpClient;
  readonly images: ImagesApi;
  readonly data: ImageDataApi;
  readonly imports: ImportsApi;
}

/**
 * Creates an image with a client-chosen id, gets its data in by the best path, waits until it
 * is active and verifies it; on failure deletes the half-made image unless `keepOnFailure`.
 * Safe to retry with the same `attributes.id`: a 409 on create reads the existing image and
 * carries on when it matches (returns it as is when already active).
 */
export async function uploadImage(apis: Apis, request: UploadImageRequest): Promise<UploadImageResult> {
  checkRequest(request);
  const id = request.attributes.id ?? globalThis.crypto.randomUUID();
  const call = { signal: request.signal, headers: request.headers };
  let image: Image;
  let created = true;
  let importMethods: readonly string[] = [];
  try {
    const made = await apis.images.create({ ...request.attributes, id }, call);
    image = made.image;
    importMethods = made.importMethods;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await apis.images.get(id, call).catch(() => undefined);
    if (!existing || !matches(existing, request.attributes)) throw error;
    image = existing;
    created = false;
    if (image.status === "active") return { image, method: "existing", created, verified: "none", digests: {} };
  }

  const method = pickMethod(request, importMethods);
  try {
    let digests: Digests = {};
    let bytes = 0;
    if (image.status === "queued") {
      if (method === "upload") {
        const sent = await apis.data.upload(id, request.data as UploadData, {
          ...call,
          size: request.size,
          store: request.store,
          onProgress: request.onProgress,
          osHashAlgo: request.osHashAlgo,
        });
        digests = sent.digests;
        bytes = sent.bytes;
      } else if (method === "glance-direct") {
        const sent = await apis.data.stage(id, request.data as UploadData, { ...call, size: request.size, onProgress: request.onProgress, osHashAlgo: request.osHashAlgo });
        digests = sent.digests;
        bytes = sent.bytes;
        await apis.imports.glanceDirect(id, request, call);
      } else {
        await apis.imports.webDownload(id, request.url as string, request, call);
      }
    }
    const active = await apis.imports.waitForActive(id, {
      ...call,
      timeoutMs: request.timeoutMs,
      intervalMs: request.pollIntervalMs,
      onStatus: request.onStatus,
      importing: method !== "upload",
      stores: request.stores,
    });
    const verified = bytes > 0 || Object.keys(digests).length > 0 ? verifyAgainstImage(active, digests, bytes, "upload") : "none";
    return { image: active, method, created, verified, digests };
  } catch (error) {
    if (!request.keepOnFailure) {
      await apis.images.delete(id, { headers: request.headers }).catch(() => undefined);
    }
    throw error;
  }
}

function pickMethod(request: UploadImageRequest, announced: readonly string[]): UploadMethod {
  if (request.method !== undefined && request.method !== "auto") return request.method;
  if (request.url !== undefined) return "web-download";
  const manyStores = request.allStores === true || (request.stores?.length ?? 0) > 0;
  if (manyStores && (announced.length === 0 || announced.includes("glance-direct"))) return "glance-direct";
  return "upload";
}

function matches(existing: Image, attributes: CreateImageInput): boolean {
  for (const key of ["name", "disk_format", "container_format", "visibility", "min_disk", "min_ram"] as const) {
    if (attributes[key] !== undefined && attributes[key] !== existing[key]) return false;
  }
  return true;
}

function checkRequest(request: UploadImageRequest): void {
  const check = new InputChecker("uploadImage");
  if (typeof request !== "object" || request === null) {
    check.fail([], "must be an object with attributes and data or url");
    check.throwIfInvalid();
    return;
  }
  const attributes = request.attributes;
  if (typeof attributes !== "object" || attributes === null) check.fail(["attributes"], "must be an object of image attributes");
  else {
    check.oneOf(["attributes", "disk_format"], attributes.disk_format, DISK_FORMATS);
    check.oneOf(["attributes", "container_format"], attributes.container_format, CONTAINER_FORMATS);
    if (attributes.id !== undefined) check.uuid(["attributes", "id"], attributes.id);
  }
  const hasData = request.data !== undefined;
  const hasUrl = request.url !== undefined;
  if (hasData === hasUrl) check.fail(["data"], "give exactly one of data or url");
  if (hasData && !isUploadData(request.data)) check.fail(["data"], "must be a Uint8Array, ArrayBuffer, Blob or ReadableStream of bytes");
  if (hasUrl) checkUrl(check, ["url"], request.url);
  if (request.size !== undefined) {
    check.integer(["size"], request.size, { min: 0 });
    const known = hasData && isUploadData(request.data) ? knownSize(request.data) : undefined;
    if (known !== undefined && known !== request.size) check.fail(["size"], `is ${String(request.size)} but the data holds ${known} bytes`);
  }
  const method = request.method ?? "auto";
  check.oneOf(["method"], method, ["auto", "upload", "glance-direct", "web-download"]);
  if (method === "web-download" && !hasUrl) check.fail(["url"], "is required with method web-download");
  if ((method === "upload" || method === "glance-direct") && !hasData) check.fail(["data"], `is required with method ${method}`);
  if (request.timeoutMs !== undefined) check.integer(["timeoutMs"], request.timeoutMs, { min: 0 });
  if (request.osHashAlgo !== undefined && !isHashAlgorithm(request.osHashAlgo)) check.fail(["osHashAlgo"], "must be md5, sha1, sha256, sha384 or sha512");
  if (request.store !== undefined) check.string(["store"], request.store);
  checkTargets(check, request);
  check.throwIfInvalid();
}
