import type { CallOptions } from "../http/http-client.js";
import { HttpError, NotFoundError } from "../errors/http-errors.js";
import type { Image, Task } from "../schemas/image-v2.js";
import type { ImagesApi } from "../images/images-api.js";
import type { PreparedSource, ProgressCallback } from "../data/upload-source.js";
import { hashedBody } from "../data/upload-source.js";
import { ChecksumMismatchError } from "../data/errors.js";
import { verifyAgainstImage, type Digests, type Verification } from "../data/verify.js";
import { DEFAULT_OS_HASH_ALGO, type HashAlgorithm, type HashFactory } from "../hashing/hash-factory.js";
import { HashSet } from "../hashing/hash-set.js";
import type { TasksApi } from "../tasks/tasks-api.js";
import { TaskFailedError } from "../tasks/task-errors.js";
import type { ImageWaiters } from "../waiters/image-waiters.js";
import type { WaitOptions } from "../waiters/wait-options.js";
import type { ObjectStoreApi } from "../object-store/object-store-api.js";
import type { CreateImageInput } from "../images/images-api.js";
import { UploadImageError, type UploadImageCleanup } from "./upload-image-error.js";
import { assignOwn } from "../records/own-keys.js";

/** Container the task path uploads to when the request names none. */
export const DEFAULT_IMPORT_CONTAINER = "cloud-images-imports";

/** Attributes the import task sets itself (or that cannot change once the image is active). */
const SET_BY_IMPORT = new Set(["id", "name", "disk_format", "container_format", "owner", "properties"]);
/** Time allowed for each cleanup request (it runs without the caller's signal, which may have fired). */
const CLEANUP_TIMEOUT_MS = 30_000;
/** Import tasks looked at when a retried call looks for its own earlier task. */
const TASKS_SCANNED = 50;

/** What the task path works with. */
export interface TaskUploadApis {
  readonly images: ImagesApi;
  readonly tasks: TasksApi;
  readonly objectStore: ObjectStoreApi;
  readonly waitFor: Pick<ImageWaiters, "task">;
  readonly hashFactory: HashFactory;
}

/** One upload through Cloud Files and an import task. */
export interface TaskUpload {
  /** Attributes of the image; `name` goes in the task, the rest is applied once the image exists. */
  readonly attributes: CreateImageInput;
  /** Names the upload: the object is `<uploadId>.<disk_format>`, so a retried call finds its own task. */
  readonly uploadId: string;
  /** Container of the object (created when missing). */
  readonly container: string;
  /** The data, or an object already in the store (imported as it is and left in place). */
  readonly source: { readonly data: PreparedSource } | { readonly object: string };
  readonly signal?: AbortSignal | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly onProgress?: ProgressCallback | undefined;
  readonly osHashAlgo?: HashAlgorithm | undefined;
  readonly keepOnFailure?: boolean | undefined;
  /** Wait options of the task wait (its `onProgress` sees each task read). */
  readonly wait?: Omit<WaitOptions<Task>, "signal" | "headers"> | undefined;
}

/** Outcome of the task path. */
export interface TaskUploadResult {
  readonly image: Image;
  readonly created: boolean;
  readonly verified: Verification;
  readonly digests: Digests;
  readonly task: Task;
}

/** The Cloud Files object name of an upload. */
export function importObjectName(uploadId: string, diskFormat: string | undefined): string {
  return `${uploadId}.${diskFormat ?? "vhd"}`;
}

/**
 * The Rackspace path of `uploadImage`, for clouds that refuse `POST /v2/images`: streams the
 * data (hashed, counted, with progress) into a Cloud Files container (created when missing),
 * checks the store's ETag against the MD5 computed, runs an `import` task from that object,
 * waits for it, applies the other attributes to the image it made, verifies the image's size and
 * digests, and removes the object. On failure nothing is left: the object is removed, and an
 * image the task made is deleted (unless `keepOnFailure`), then {@link UploadImageError} is
 * thrown with the original error as `cause`.
 *
 * Retry-safe: the object is named after `uploadId`, and a call finds an earlier call's task
 * from that object (pending, processing or done) and carries on from it instead of importing
 * twice.
 */
export async function uploadViaTask(apis: TaskUploadApis, upload: TaskUpload): Promise<TaskUploadResult> {
  const call: CallOptions = { signal: upload.signal, headers: upload.headers };
  const { container } = upload;
  const uploading = "data" in upload.source;
  const object = "object" in upload.source ? upload.source.object : importObjectName(upload.uploadId, upload.attributes.disk_format);
  const importFrom = `${container}/${object}`;
  let imageId: string | undefined;
  try {
    let task = uploading ? await findImportTask(apis.tasks, apis.images, importFrom, call) : undefined;
    const resumed = task !== undefined;
    let digests: Digests = {};
    let bytes = 0;
    if (!task) {
      if ("data" in upload.source) ({ digests, bytes } = await putData(apis, upload, object, upload.source.data, call));
      task = await startImport(apis.tasks, apis.images, upload, importFrom, call);
    }
    const done = task.status === "success" ? task : await apis.waitFor.task(task.id, { ...upload.wait, ...call });
    imageId = imageIdOf(done);
    const image = await applyAttributes(apis.images, imageId, upload.attributes, call);
    const verified = bytes > 0 ? verifyAgainstImage(image, digests, bytes, "upload") : "none";
    if (uploading) await removeObject(apis.objectStore, container, object);
    return { image, created: !resumed, verified, digests, task: done };
  } catch (error) {
    throw await failure(apis, upload, { container, object: uploading ? object : undefined, imageId }, error);
  }
}

/** Streams the data into the container, hashing it; checks the store's ETag against the MD5. */
async function putData(apis: TaskUploadApis, upload: TaskUpload, object: string, source: PreparedSource, call: CallOptions): Promise<{ digests: Digests; bytes: number }> {
  await apis.objectStore.createContainer(upload.container, call);
  const hashes = await HashSet.create(apis.hashFactory, ["md5", upload.osHashAlgo ?? DEFAULT_OS_HASH_ALGO]);
  let hashed: Awaited<ReturnType<typeof hashedBody>>;
  try {
    hashed = await hashedBody(upload.uploadId, source.data, hashes, source.size, upload.onProgress);
  } catch (error) {
    hashes.dispose();
    throw error;
  }
  let etag: string;
  try {
    ({ etag } = await apis.objectStore.putObject(upload.container, object, hashed.body, { ...call, size: source.size }));
  } catch (error) {
    hashes.dispose();
    throw hashed.failure() ?? error;
  }
  const failed = hashed.failure();
  if (failed) {
    hashes.dispose();
    throw failed;
  }
  if (hashed.body instanceof Uint8Array) upload.onProgress?.({ bytes: hashed.body.byteLength, total: hashed.body.byteLength });
  const digests = await hashes.finish();
  if (digests.md5 !== undefined && etag !== digests.md5) {
    throw new ChecksumMismatchError({ imageId: upload.uploadId, algorithm: "md5", expected: etag, actual: digests.md5, direction: "upload" });
  }
  return { digests, bytes: hashes.bytes };
}

/** Creates the import task; when its answer is lost, looks for the task it may have made. */
async function startImport(tasks: TasksApi, images: ImagesApi, upload: TaskUpload, importFrom: string, call: CallOptions): Promise<Task> {
  const name = upload.attributes.name ?? undefined;
  const input = { import_from: importFrom, import_from_format: upload.attributes.disk_format ?? "vhd", image_properties: name === undefined ? {} : { name } };
  try {
    return await tasks.createImport(input, call);
  } catch (error) {
    // A refusal made nothing; no answer (or a 5xx) may have made the task.
    if (error instanceof HttpError && error.status < 500) throw error;
    const found = await findImportTask(tasks, images, importFrom, call).catch(() => undefined);
    if (found) return found;
    throw error;
  }
}

/** An import task from `importFrom` that is pending, processing or done (newest first), if any. */
async function findImportTask(tasks: TasksApi, images: ImagesApi, importFrom: string, call: CallOptions): Promise<Task | undefined> {
  const page = await tasks.list({ type: "import", limit: TASKS_SCANNED }, call);
  for (const summary of page.items) {
    if (summary.status === "failure") continue;
    const task = await tasks.get(summary.id, call);
    const input = task.input as { import_from?: unknown } | null | undefined;
    if (input?.import_from !== importFrom) continue;
    // A done task whose image was deleted since is no upload to resume.
    if (task.status === "success" && !(await imageExists(images, imageIdOf(task), call))) continue;
    return task;
  }
  return undefined;
}

async function imageExists(images: ImagesApi, imageId: string, call: CallOptions): Promise<boolean> {
  try {
    await images.get(imageId, call);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** The image a successful import task made. */
function imageIdOf(task: Task): string {
  const result = task.result as { image_id?: unknown } | null | undefined;
  if (typeof result?.image_id !== "string") {
    throw new TaskFailedError(task, `import task ${task.id} to name the image it made (its result has no image_id)`);
  }
  return result.image_id;
}

/** Sets the attributes the import task could not (visibility, min_disk, tags, custom properties…). */
async function applyAttributes(images: ImagesApi, imageId: string, attributes: CreateImageInput, call: CallOptions): Promise<Image> {
  const desired: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!SET_BY_IMPORT.has(key) && value !== undefined) desired[key] = key === "tags" ? [...(value as readonly string[])] : value;
  }
  assignOwn(desired, attributes.properties ?? {});
  const current = await images.get(imageId, call);
  if (attributes.name !== undefined && attributes.name !== current.name) desired["name"] = attributes.name;
  if (Object.keys(desired).length === 0) return current;
  return images.updateProperties(imageId, desired, { ...call, current });
}

/** Removes the uploaded object (a 404 means it is gone already). */
async function removeObject(store: ObjectStoreApi, container: string, object: string): Promise<void> {
  await store.deleteObject(container, object, { timeoutMs: CLEANUP_TIMEOUT_MS });
}

/** Cleans up after a failure (the object, the image the task made) and builds the error to throw. */
async function failure(apis: TaskUploadApis, upload: TaskUpload, made: { container: string; object: string | undefined; imageId: string | undefined }, cause: unknown): Promise<UploadImageError> {
  const cleanupCall = { headers: upload.headers, timeoutMs: CLEANUP_TIMEOUT_MS };
  let cleanup: UploadImageCleanup = made.imageId === undefined ? "not-found" : "deleted";
  let cleanupError: unknown;
  if (upload.keepOnFailure === true) cleanup = made.imageId === undefined ? "not-found" : "kept";
  else if (made.imageId !== undefined) {
    try {
      await apis.images.delete(made.imageId, cleanupCall);
    } catch (error) {
      if (error instanceof NotFoundError) cleanup = "not-found";
      else {
        cleanup = "failed";
        cleanupError = error;
      }
    }
  }
  if (made.object !== undefined && upload.keepOnFailure !== true) {
    try {
      await apis.objectStore.deleteObject(made.container, made.object, cleanupCall);
    } catch (error) {
      cleanup = "failed";
      cleanupError ??= error;
    }
  }
  return new UploadImageError({ imageId: made.imageId ?? upload.uploadId, cleanup, cause, cleanupError });
}
