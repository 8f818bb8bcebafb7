import { readOrGone } from "./read-or-gone.js";
import type { CallOptions, HttpClient } from "../http/http-client.js";
import { IMAGE_STATUSES, type ImageStatus } from "../images/enums.js";
import type { Image, Task } from "../schemas/image-v2.js";
import { TaskFailedError } from "../tasks/task-errors.js";
import { InputChecker } from "../validation/checker.js";
import { ImageWaitFailedError } from "./image-wait-errors.js";
import { ImportWatch, imageTaskReader, type ImageTaskReader } from "./import-watch.js";
import { runWait } from "./wait-for.js";
import { checkWaitOptions, type WaitOptions } from "./wait-options.js";

/** What {@link ImageWaiters} polls images with: `images.get`. */
export interface ImageReader {
  /** Reads an image. */
  get(imageId: string, options?: CallOptions): Promise<Image>;
}

/** What {@link ImageWaiters} polls tasks with: `tasks.get`. */
export interface TaskReader {
  /** Reads a task. */
  get(taskId: string, options?: CallOptions): Promise<Task>;
}

/** Image statuses `waitFor.image` can wait for (use `waitFor.imageDeleted` for deletion). */
export type AwaitableImageStatus = Exclude<ImageStatus, "deleted" | "pending_delete">;

/** Options of {@link ImageWaiters.image}: the {@link WaitOptions} of every waiter, plus what to wait for. */
export interface WaitForImageOptions extends WaitOptions<Image> {
  /** The awaited status (default `active`). */
  readonly status?: AwaitableImageStatus | undefined;
  /**
   * Statuses that end the wait with an {@link ImageWaitFailedError}. Default: `killed`,
   * `deleted`, `pending_delete`, and `deactivated` when waiting for `active` (minus the awaited one).
   */
  readonly failureStatuses?: readonly ImageStatus[] | undefined;
  /** `active` only: stores that must hold the image (copy-image, multi-store import). */
  readonly stores?: readonly string[] | undefined;
  /**
   * `active` only: an import was just started (`imports.webDownload`, `glanceDirect`,
   * `copyImage`). The image found back in `queued` then fails the wait at once with
   * `ImportFailedError` even when Glance recorded nothing else. Without it, a failed import is
   * still detected from what Glance records on the image (`os_glance_failed_import`, the
   * import lock, `importing` → `queued`).
   */
  readonly afterImport?: boolean | undefined;
}

/** Settings of an {@link ImageWaiters} (tests pass a fixed source of randomness). */
export interface WaiterSettings {
  /** Source of randomness for the jitter of delays and retries, [0, 1). */
  readonly random?: (() => number) | undefined;
}

/** Failure end states by awaited status. */
function defaultFailureStatuses(target: ImageStatus): readonly ImageStatus[] {
  const base: ImageStatus[] = target === "active" ? ["killed", "deleted", "pending_delete", "deactivated"] : ["killed", "deleted", "pending_delete"];
  return base.filter((s) => s !== target);
}

const AWAITABLE: readonly string[] = IMAGE_STATUSES.filter((s) => s !== "deleted" && s !== "pending_delete");

/**
 * The waiters of an image client, `client.waitFor`: one per resource, all taking the same
 * {@link WaitOptions} (`timeoutMs`, `minDelayMs`, `maxDelayMs`, `signal`, `onProgress`), all
 * resolving with the final object and failing fast on a failure state. Input and options are
 * checked before the first poll (`ValidationError`, nothing sent). Built on {@link waitFor}.
 * A failed poll (connection error, 502/503/504, 429 or 413 with `Retry-After`, honoured up to
 * 60 s) is retried by the waiter itself, within the wait's timeout (each poll is sent with
 * `maxRetries: 0` so retries do not multiply).
 *
 * @example
 * ```ts
 * const blank = await glance.images.create({ disk_format: "raw", container_format: "bare" });
 * await glance.data.upload(blank.id, new Uint8Array(512), { stage: true });
 * await glance.imports.start(blank.id, { method: { name: "glance-direct" } });
 * const active = await glance.waitFor.image(blank.id, { status: "active", afterImport: true, timeoutMs: 300_000, onProgress: (p) => console.log(p.attempt, p.state) });
 * await glance.images.delete(active.id);
 * await glance.waitFor.imageDeleted(active.id);
 *
 * const task = await glance.tasks.createExport({ image_uuid: image.id, receiving_swift_container: container });
 * const done = await glance.waitFor.task(task.id, { maxDelayMs: 5_000 });
 * console.log(done.status, done.result);
 * ```
 */
export class ImageWaiters {
  readonly #images: ImageReader;
  readonly #tasks: TaskReader;
  readonly #imageTasks: ImageTaskReader;
  readonly #random: (() => number) | undefined;

  /** `images` and `tasks` are polled; `http` reads an image's tasks to explain a failed import. */
  constructor(images: ImageReader, tasks: TaskReader, http: HttpClient, settings: WaiterSettings = {}) {
    this.#images = images;
    this.#tasks = tasks;
    this.#imageTasks = imageTaskReader(http);
    this.#random = settings.random;
  }

  /**
   * Waits until the image has `status` (default `active`) and returns it. Fails fast with
   * {@link ImageWaitFailedError} on a failure status and, waiting for `active`, with
   * `ImportFailedError` when an import failed (Glance put the image back to `queued` or
   * listed failed stores). Waiting for `active` also waits until no import is pending and, with
   * `stores`, until the image is in those stores.
   */
  async image(imageId: string, options: WaitForImageOptions = {}): Promise<Image> {
    const check = new InputChecker("waitFor.image");
    check.uuid(["imageId"], imageId);
    const delays = checkWaitOptions(check, options);
    const o = options ?? {};
    const target = o.status ?? "active";
    check.oneOf(["options", "status"], target, AWAITABLE);
    if (o.failureStatuses !== undefined) {
      if (!Array.isArray(o.failureStatuses)) check.fail(["options", "failureStatuses"], "must be an array of image statuses");
      else o.failureStatuses.forEach((s, i) => check.oneOf(["options", "failureStatuses", i], s, IMAGE_STATUSES));
    }
    if (o.stores !== undefined) {
      if (!Array.isArray(o.stores)) check.fail(["options", "stores"], "must be an array of store ids");
      else o.stores.forEach((s, i) => check.string(["options", "stores", i], s));
    }
    if (o.afterImport !== undefined) check.boolean(["options", "afterImport"], o.afterImport);
    if (target !== "active" && (o.stores !== undefined || o.afterImport !== undefined)) {
      check.fail(["options", "status"], "stores and afterImport only apply when waiting for active");
    }
    check.throwIfInvalid();

    const failures: readonly string[] = o.failureStatuses ?? defaultFailureStatuses(target);
    const description = `image ${imageId} to become ${target}`;
    const watch = target === "active" ? new ImportWatch(this.#imageTasks, { stores: o.stores, afterImport: o.afterImport, description }) : undefined;
    // Set by the poll that found a failure (explaining an import failure takes requests of its own).
    let failure: ImageWaitFailedError | undefined;
    return runWait<Image>(
      {
        ...o,
        description,
        random: this.#random,
        poll: async ({ signal }) => {
          const call: CallOptions = { signal, headers: o.headers, maxRetries: 0 };
          const image = await this.#images.get(imageId, call);
          failure = (await watch?.failure(image, failures, call)) ?? (failures.includes(image.status) ? new ImageWaitFailedError(image, description) : undefined);
          return image;
        },
        stateOf: (image) => image.status,
        isFailure: () => failure !== undefined,
        isSuccess: (image) => (watch ? watch.done(image) : image.status === target),
        failureError: () => failure!,
      },
      delays,
    );
  }

  /**
   * Waits until the image is gone: its `GET` answers 404, or it reads `deleted` or
   * `pending_delete` (Glance's delayed delete). `onProgress` sees `null` and the state
   * `gone (404)` for the last poll.
   */
  async imageDeleted(imageId: string, options: WaitOptions<Image | null> = {}): Promise<void> {
    const check = new InputChecker("waitFor.imageDeleted");
    check.uuid(["imageId"], imageId);
    const delays = checkWaitOptions(check, options);
    check.throwIfInvalid();
    const o = options ?? {};
    await runWait<Image | null>(
      {
        ...o,
        description: `image ${imageId} to be deleted`,
        random: this.#random,
        poll: ({ signal }) => readOrGone(() => this.#images.get(imageId, { signal, headers: o.headers, maxRetries: 0 })),
        stateOf: (image) => (image === null ? "gone (404)" : image.status),
        isSuccess: (image) => image === null || image.status === "deleted" || image.status === "pending_delete",
      },
      delays,
    );
  }

  /**
   * Waits until the task ends: resolves with the task in `success`, rejects with
   * {@link TaskFailedError} (the server's message kept) on `failure`.
   */
  async task(taskId: string, options: WaitOptions<Task> = {}): Promise<Task> {
    const check = new InputChecker("waitFor.task");
    check.uuid(["taskId"], taskId);
    const delays = checkWaitOptions(check, options);
    check.throwIfInvalid();
    const o = options ?? {};
    return runWait<Task>(
      {
        ...o,
        description: `task ${taskId} to succeed`,
        random: this.#random,
        poll: ({ signal }) => this.#tasks.get(taskId, { signal, headers: o.headers, maxRetries: 0 }),
        stateOf: (task) => task.status,
        isSuccess: (task) => task.status === "success",
        isFailure: (task) => task.status === "failure",
        failureError: (task, description) => new TaskFailedError(task, description),
      },
      delays,
    );
  }
}
