import type { HttpClient } from "../http/http-client.js";
import { announcedImportMethods, type CreateImageInput, type ImagesApi } from "../images/images-api.js";
import { CONTAINER_FORMATS, DISK_FORMATS } from "../images/enums.js";
import { ConflictError, ForbiddenError, HttpError, NotFoundError } from "../errors/http-errors.js";
import { ValidationError } from "../errors/validation-error.js";
import type { Image } from "../schemas/image-v2.js";
import { InputChecker } from "../validation/checker.js";
import type { ImageDataApi } from "../data/image-data-api.js";
import type { PreparedSource, ProgressCallback, UploadSource } from "../data/upload-source.js";
import { checkHeaderValue } from "../data/upload.js";
import { verifyAgainstImage, type Digests, type Verification } from "../data/verify.js";
import { isHashAlgorithm, type HashAlgorithm } from "../hashing/hash-factory.js";
import { TasksApi } from "../tasks/tasks-api.js";
import { ImageWaiters } from "../waiters/image-waiters.js";
import type { WaitOptions } from "../waiters/wait-options.js";
import { checkTargets, checkUrl, type ImportsApi, type StoreTargets } from "./imports-api.js";
import { UploadImageError, type UploadImageCleanup } from "./upload-image-error.js";
import type { ObjectStoreApi } from "../object-store/object-store-api.js";
import { checkContainerName, checkObjectName } from "../object-store/object-store-api.js";
import { DEFAULT_IMPORT_CONTAINER, uploadViaTask } from "./upload-via-task.js";

/**
 * How `client.uploadImage` gets the data in: `upload` (`PUT …/file`), `glance-direct` (stage and
 * import), `web-download` (Glance fetches a URL), or `task` (Rackspace Cloud Images: the data
 * goes to a Cloud Files container, then an `import` task makes the image).
 */
export type UploadMethod = "upload" | "glance-direct" | "web-download" | "task";

/**
 * Input of `client.uploadImage`: the new image's attributes and exactly one of `data`, `url` or
 * `object` (an object already in Cloud Files, imported by the `task` path).
 * `Source` is what the client's `data.upload` takes (the Node client: also a path, a `file:` URL
 * or a `Readable`).
 */
export interface UploadImageRequest<Source = UploadSource> extends StoreTargets {
  /** Attributes of the image (`disk_format` and `container_format` are required). `id` defaults to a fresh UUID. */
  readonly attributes: CreateImageInput;
  /** The bytes, in any form the client's `data.upload` takes. */
  readonly data?: Source | undefined;
  /** A URL Glance downloads the data from (`web-download`). */
  readonly url?: string | undefined;
  /**
   * The name of an object already in `container` to import as it is (the `task` path; the
   * object is left in place). Needs the client's object store.
   */
  readonly object?: string | undefined;
  /**
   * Cloud Files container of the `task` path (default `cloud-images-imports`, created when
   * missing). The data is stored there as `<attributes.id>.<disk_format>` and removed once
   * the image is made.
   */
  readonly container?: string | undefined;
  /** Size in bytes (required when `data` is an `AsyncIterable`; sent and enforced). */
  readonly size?: number | undefined;
  /**
   * `auto` (default): `upload` for data (`glance-direct` when importing to several stores),
   * `web-download` for a URL, `task` for an `object`; and `task` when the cloud refuses
   * `POST /v2/images` with 403 (Rackspace Cloud Images) and the client has an object store.
   */
  readonly method?: "auto" | UploadMethod | undefined;
  /** Store for a direct upload (`X-Image-Meta-Store`). */
  readonly store?: string | undefined;
  /** Keep the half-made image on failure (default: delete it). */
  readonly keepOnFailure?: boolean | undefined;
  /** Stops the whole operation (the image is deleted unless `keepOnFailure`). */
  readonly signal?: AbortSignal | undefined;
  /**
   * How to wait for `active` once the data is in: the options of every waiter (`timeoutMs`,
   * default 10 minutes; `minDelayMs`, `maxDelayMs`; `onProgress` with each image read). The
   * call's `signal` and `headers` apply to the wait too.
   */
  readonly wait?: Omit<WaitOptions<Image>, "signal" | "headers"> | undefined;
  /** Byte progress of the upload/stage. */
  readonly onProgress?: ProgressCallback | undefined;
  /** Headers for every request of the operation. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The server's `os_hash_algo` when not Glance's default `sha512`. */
  readonly osHashAlgo?: HashAlgorithm | undefined;
}

/** Outcome of `client.uploadImage`. */
export interface UploadImageResult {
  /** The active image (on the `task` path its id is the one the import task chose, not `attributes.id`). */
  readonly image: Image;
  /** The path taken (`existing` when a retried call found the image already active). */
  readonly method: UploadMethod | "existing";
  /**
   * False when the image was there before: the create of a caller-chosen id answered 409 and the
   * image found matched the attributes (a retried call, or the HTTP layer's retry of this call's
   * own create after a cut answer — the two look the same). With an id the SDK chose a 409 can
   * only be this call's own create, so it stays true.
   */
  readonly created: boolean;
  /** What the data was checked against (`none` for web-download: the SDK never saw the bytes). */
  readonly verified: Verification;
  /** Digests the SDK computed over the bytes it sent. */
  readonly digests: Digests;
}

/** What `client.uploadImage` works with (the client's APIs). */
export interface UploadImageApis {
  readonly http: HttpClient;
  readonly images: ImagesApi;
  readonly data: ImageDataApi;
  readonly imports: ImportsApi;
  /** The client's waiters (`client.waitFor`); default: waiters over `images` and `http`. */
  readonly waitFor?: Pick<ImageWaiters, "image" | "task"> | undefined;
  /** The client's tasks API (the `task` path); default: one over `http`. */
  readonly tasks?: TasksApi | undefined;
  /** Cloud Files of the same account (the `task` path); without it a cloud refusing `POST /v2/images` is an error. */
  readonly objectStore?: ObjectStoreApi | undefined;
}

/** Time allowed for the cleanup `DELETE` (it runs without the caller's signal, which may have fired). */
const CLEANUP_TIMEOUT_MS = 30_000;
/** Statuses of an existing image that a retried call carries on from (or cleans up). */
const RESUMABLE = new Set(["queued", "saving", "uploading", "importing", "active", "killed"]);

/**
 * Creates an image with a client-chosen id, gets its data in by the best path, waits until it
 * is active and verifies it.
 *
 * Failures: bad input is a `ValidationError` before any request (the source included: a missing
 * file is refused before the create); a create refused with a 4xx answer is thrown as is
 * (nothing was made). Any other failure once the create was sent — a cut or timed-out create
 * answer included, since the image may exist — deletes the image by its id unless
 * `keepOnFailure`, and throws {@link UploadImageError}: it carries `imageId`, `cleanup`
 * (`deleted`, `not-found`, `kept`, `left`, `failed` with `cleanupError`) and the original typed
 * error as `cause`. An image with an id the caller chose that is not a fresh `queued` one when a
 * create got no answer (an earlier upload's) is never deleted (`left`).
 *
 * Safe to retry with the same `attributes.id`: a 409 on create reads the existing image and
 * carries on when it matches (returns it as is when already active).
 *
 * On a cloud that refuses `POST /v2/images` (Rackspace Cloud Images answers 403), with an object
 * store (`objectStore`), it takes the `task` path instead: the data is streamed (hashed, with
 * progress) to a Cloud Files container created when missing, the store's ETag is checked
 * against the MD5, an `import` task makes the image, the other attributes are applied, the
 * image's size and digests are verified and the object is removed. A failure removes the
 * object and deletes an image the task made. A retried call with the same `attributes.id`
 * finds its earlier task and carries on from it.
 */
export async function uploadImage(apis: UploadImageApis, request: UploadImageRequest<unknown>): Promise<UploadImageResult> {
  checkRequest(request);
  const source =
    request.data === undefined ? undefined : await apis.data.prepareSource(request.data, { size: request.size, operation: "uploadImage", field: "data" });
  const id = request.attributes.id ?? globalThis.crypto.randomUUID();
  const call = { signal: request.signal, headers: request.headers };
  if (request.method === "task" || request.object !== undefined) return viaTask(apis, request, source, id);
  let image: Image;
  let created = true;
  let importMethods: readonly string[] = [];
  try {
    const made = await apis.images.create({ ...request.attributes, id }, call).withResponse();
    image = made.data;
    importMethods = announcedImportMethods(made.response);
  } catch (error) {
    // Refused before sending: nothing can exist.
    if (error instanceof ValidationError) throw error;
    // No answer (reset, timeout, abort), a 5xx or an answer that failed validation: the image may exist.
    if (!(error instanceof HttpError) || error.status >= 500) throw await failure(apis, request, id, error, true);
    // Rackspace Cloud Images refuses image creates (images come from import tasks); a 403 about
    // one of the attributes (read-only, reserved) is the caller's to fix, not a cloud without creates.
    const refusesCreates = error instanceof ForbiddenError && !/attribute/i.test(error.serverMessage ?? "");
    if (refusesCreates && apis.objectStore !== undefined && source !== undefined && (request.method ?? "auto") === "auto") {
      return viaTask(apis, request, source, id);
    }
    // The server refused the create: nothing was made by this call.
    if (!(error instanceof ConflictError)) throw error;
    // 409: the id is taken. Ours (a retried call or a create retried after a cut answer) when it matches.
    const existing = await apis.images.get(id, call).catch(() => undefined);
    if (!existing || !matches(existing, request.attributes) || !RESUMABLE.has(existing.status)) {
      // A fresh id the SDK chose can only be taken by this call's own create (retried after a cut answer).
      if (request.attributes.id === undefined) throw await failure(apis, request, id, error, false);
      throw error;
    }
    image = existing;
    // An id the SDK chose can only be taken by this call's own create, retried after a cut answer.
    created = request.attributes.id === undefined;
    if (image.status === "active") return { image, method: "existing", created, verified: "none", digests: {} };
  }

  try {
    return await fill(apis, request, { id, image, created, importMethods, source });
  } catch (error) {
    throw await failure(apis, request, id, error, false);
  }
}

/** The `task` path (see {@link uploadViaTask}). */
async function viaTask(apis: UploadImageApis, request: UploadImageRequest<unknown>, source: PreparedSource | undefined, uploadId: string): Promise<UploadImageResult> {
  if (apis.objectStore === undefined) {
    const check = new InputChecker("uploadImage");
    check.fail(["method"], "the task path needs an object store: give the client objectStoreEndpoint (createCloud finds it in the catalog)");
    check.throwIfInvalid();
  }
  const tasks = apis.tasks ?? new TasksApi(apis.http);
  const waitFor = apis.waitFor ?? new ImageWaiters(apis.images, tasks, apis.http);
  const { onProgress: _imageProgress, ...delays } = request.wait ?? {};
  const result = await uploadViaTask(
    { images: apis.images, tasks, objectStore: apis.objectStore as ObjectStoreApi, waitFor, hashFactory: apis.data.hashFactory },
    {
      attributes: request.attributes,
      uploadId,
      container: request.container ?? DEFAULT_IMPORT_CONTAINER,
      source: request.object !== undefined ? { object: request.object } : { data: source as PreparedSource },
      signal: request.signal,
      headers: request.headers,
      onProgress: request.onProgress,
      osHashAlgo: request.osHashAlgo,
      keepOnFailure: request.keepOnFailure,
      wait: delays,
    },
  );
  return { image: result.image, method: "task", created: result.created, verified: result.verified, digests: result.digests };
}

interface FillState {
  readonly id: string;
  readonly image: Image;
  readonly created: boolean;
  readonly importMethods: readonly string[];
  readonly source: PreparedSource | undefined;
}

/** Gets the data in (unless a retried call finds it on its way), waits for `active`, verifies. */
async function fill(apis: UploadImageApis, request: UploadImageRequest<unknown>, state: FillState): Promise<UploadImageResult> {
  const { id, image, created } = state;
  const call = { signal: request.signal, headers: request.headers };
  let method = pickMethod(request, state.importMethods);
  let digests: Digests = {};
  let bytes = 0;
  const sendOptions = { ...call, size: state.source?.size, onProgress: request.onProgress, osHashAlgo: request.osHashAlgo };
  if (image.status === "queued") {
    if (method === "upload") {
      const sent = await apis.data.upload(id, state.source?.data as UploadSource, { ...sendOptions, store: request.store });
      ({ digests, bytes } = sent);
    } else if (method === "glance-direct") {
      const sent = await apis.data.upload(id, state.source?.data as UploadSource, { ...sendOptions, stage: true });
      ({ digests, bytes } = sent);
      await apis.imports.glanceDirect(id, targetsOf(request), call);
    } else {
      await apis.imports.webDownload(id, { ...targetsOf(request), uri: request.url as string }, call);
    }
  } else if (image.status === "uploading") {
    // A retried call: an earlier one staged the data and died before importing it.
    method = "glance-direct";
    await apis.imports.glanceDirect(id, targetsOf(request), call);
  }
  const waitFor = apis.waitFor ?? new ImageWaiters(apis.images, new TasksApi(apis.http), apis.http);
  const active = await waitFor.image(id, { ...request.wait, ...call, status: "active", afterImport: method !== "upload", stores: request.stores });
  const verified = bytes > 0 || Object.keys(digests).length > 0 ? verifyAgainstImage(active, digests, bytes, "upload") : "none";
  return { image: active, method, created, verified, digests };
}

/**
 * Cleans up after a failure once the create was sent, and builds the error to throw.
 * `unanswered`: the create itself got no answer. With an id the caller chose, an image found
 * with it may then be one this call did not make (an earlier, successful upload): only a fresh
 * `queued` one is deleted.
 */
async function failure(apis: UploadImageApis, request: UploadImageRequest<unknown>, imageId: string, cause: unknown, unanswered: boolean): Promise<UploadImageError> {
  if (request.keepOnFailure === true) return new UploadImageError({ imageId, cleanup: "kept", cause });
  const call = { headers: request.headers, timeoutMs: CLEANUP_TIMEOUT_MS };
  let cleanup: UploadImageCleanup = "deleted";
  let cleanupError: unknown;
  try {
    if (unanswered && request.attributes.id !== undefined) {
      const found = await apis.images.get(imageId, call);
      if (found.status !== "queued") return new UploadImageError({ imageId, cleanup: "left", cause });
    }
    await apis.images.delete(imageId, call);
  } catch (error) {
    if (error instanceof NotFoundError) cleanup = "not-found";
    else {
      cleanup = "failed";
      cleanupError = error;
    }
  }
  return new UploadImageError({ imageId, cleanup, cause, cleanupError });
}

function pickMethod(request: UploadImageRequest<unknown>, announced: readonly string[]): UploadMethod {
  if (request.method !== undefined && request.method !== "auto" && request.method !== "task") return request.method;
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

function checkRequest(request: UploadImageRequest<unknown>): void {
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
  const hasObject = request.object !== undefined;
  if (Number(hasData) + Number(hasUrl) + Number(hasObject) !== 1) check.fail(["data"], "give exactly one of data, url or object");
  if (hasObject) checkObjectName(check, ["object"], request.object);
  if (request.container !== undefined) checkContainerName(check, ["container"], request.container);
  if (hasUrl) checkUrl(check, ["url"], request.url);
  if (request.size !== undefined && !hasData) check.fail(["size"], "goes with data only");
  const method = request.method ?? "auto";
  check.oneOf(["method"], method, ["auto", "upload", "glance-direct", "web-download", "task"]);
  if (method === "task" && hasUrl) check.fail(["url"], "does not go with method task (give data or object)");
  if (hasObject && method !== "auto" && method !== "task") check.fail(["object"], "goes with method task only");
  if (method === "web-download" && !hasUrl) check.fail(["url"], "is required with method web-download");
  if ((method === "upload" || method === "glance-direct") && !hasData) check.fail(["data"], `is required with method ${method}`);
  if (request.wait !== undefined && (typeof request.wait !== "object" || request.wait === null)) check.fail(["wait"], "must be an object of wait options");
  if (request.osHashAlgo !== undefined && !isHashAlgorithm(request.osHashAlgo)) check.fail(["osHashAlgo"], "must be md5, sha1, sha256, sha384 or sha512");
  if (request.store !== undefined) checkHeaderValue(check, ["store"], request.store);
  if (request.keepOnFailure !== undefined) check.boolean(["keepOnFailure"], request.keepOnFailure);
  checkTargets(check, request);
  check.throwIfInvalid();
}

/** The store targets of a request (and nothing else of it). */
function targetsOf(request: StoreTargets): StoreTargets {
  return { stores: request.stores, allStores: request.allStores, allStoresMustSucceed: request.allStoresMustSucceed };
}
