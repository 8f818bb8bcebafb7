/**
 * How a wait for `active` tells a failed import from one still running, from what Glance (25.1,
 * `api_image_import` flow) records on the image:
 * - `os_glance_import_task`: the import lock, set before `POST …/import` answers 202 and dropped
 *   when the flow ends (success or failure);
 * - `os_glance_importing_to_stores`: stores still being written;
 * - `os_glance_failed_import`: stores that failed (cleared when a new import starts);
 * - a failed web-download or glance-direct puts the image back to `queued` (copy-image leaves it
 *   `active` and lists the store as failed).
 * The image's tasks (`GET /v2/images/{id}/tasks`, API ≥ 2.12) give the failure message.
 */
import type { CallOptions, HttpClient } from "../http/http-client.js";
import { imageOp } from "../images/images-api.js";
import { ImportFailedError } from "../imports/errors.js";
import type { Image, ImageTask } from "../schemas/image-v2.js";
import { imageTaskList as ImageTaskListSchema } from "../validation/tasks.js";

/** Splits Glance's comma-separated store lists (`stores`, `os_glance_failed_import`…). */
export function storeList(value: unknown): string[] {
  return typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

/** What a wait for `active` knows about an import. */
export interface ImportWatchSettings {
  /** Stores that must hold the image before it counts as done. */
  readonly stores?: readonly string[] | undefined;
  /** An import was just started (its 202 received): `queued` without the lock then means it failed. */
  readonly afterImport?: boolean | undefined;
  /** What is awaited, for messages. */
  readonly description: string;
}

/** Reads the image's tasks, oldest first; `undefined` when the server does not say (API < 2.12, policy). */
export type ImageTaskReader = (imageId: string, call: CallOptions) => Promise<readonly ImageTask[] | undefined>;

/** An {@link ImageTaskReader} over `GET /v2/images/{id}/tasks`. */
export function imageTaskReader(http: HttpClient): ImageTaskReader {
  return async (imageId, call) => {
    try {
      const { data } = await http.json(
        imageOp({ operation: "images.tasks", method: "get", path: "/v2/images/{image_id}/tasks", params: { image_id: imageId }, expect: [200] }),
        ImageTaskListSchema,
        call,
      );
      return [...data.tasks].sort((a, b) => a.created_at.localeCompare(b.created_at));
    } catch {
      return undefined; // Not offered or not allowed: the image alone decides.
    }
  };
}

/**
 * Follows one image through an import, poll after poll: {@link failure} says when the import
 * failed (with Glance's reason), {@link done} when the image is active with nothing pending.
 */
export class ImportWatch {
  readonly #tasks: ImageTaskReader;
  readonly #settings: ImportWatchSettings;
  /** An earlier poll saw the import running (the lock, `importing`, or stores pending). */
  #seenRunning = false;
  /** Consecutive polls that found the image `queued` with no lock after `afterImport`, with no task to tell. */
  #unexplainedQueued = 0;

  constructor(tasks: ImageTaskReader, settings: ImportWatchSettings) {
    this.#tasks = tasks;
    this.#settings = settings;
  }

  /** Whether the image is active, no import is running and it is in the wanted stores. */
  done(image: Image): boolean {
    if (image.status !== "active" || this.#running(image)) return false;
    const have = storeList(image.stores);
    return (this.#settings.stores ?? []).every((s) => have.length === 0 || have.includes(s));
  }

  /** Whether the image shows an import in progress. */
  #running(image: Image): boolean {
    if (storeList(image.os_glance_importing_to_stores).length > 0) return true;
    const locked = typeof image.os_glance_import_task === "string" && image.os_glance_import_task !== "";
    // An active image may keep a stale lock (a worker died): only an import we know of waits for it.
    return locked && (image.status !== "active" || this.#settings.afterImport === true || (this.#settings.stores?.length ?? 0) > 0);
  }

  /** The failure this poll shows, or `undefined` while the import may still succeed. */
  async failure(image: Image, failureStatuses: readonly string[], call: CallOptions): Promise<ImportFailedError | undefined> {
    const running = this.#running(image) || image.status === "importing";
    if (running) {
      this.#seenRunning = true;
      this.#unexplainedQueued = 0;
      return undefined;
    }
    const importKnown = this.#seenRunning || this.#settings.afterImport === true;
    const failed = storeList(image.os_glance_failed_import);
    const wanted = this.#settings.stores;
    const relevant = wanted === undefined || wanted.length === 0 ? failed : failed.filter((s) => wanted.includes(s));
    // An active image that once failed a copy-image is still active: only an import we know of fails.
    if (relevant.length > 0 && (image.status !== "active" || importKnown || (wanted?.length ?? 0) > 0)) {
      const back = image.status === "queued" ? "Glance put the image back to queued; " : "";
      return this.#error(image, `${back}stores failed: ${relevant.join(", ")}`, failed, call);
    }
    if (importKnown && failureStatuses.includes(image.status)) {
      return this.#error(image, `image is ${image.status}`, failed, call);
    }
    if (image.status !== "queued" || !importKnown) return undefined;
    if (this.#seenRunning) return this.#error(image, "Glance put the image back to queued", failed, call);
    // `afterImport` but the import was never seen running: the lock is taken before the 202, so
    // Glance ≥ 22 has already ended it. The task tells; without one, a second such poll decides.
    const latest = (await this.#tasks(image.id, call))?.at(-1);
    if (latest?.status === "pending" || latest?.status === "processing") return undefined;
    if (latest?.status === "failure") {
      return new ImportFailedError({ image, reason: "the import task failed and the image is back to queued", failedStores: failed, taskMessage: latest.message || undefined, description: this.#settings.description });
    }
    this.#unexplainedQueued += 1;
    if (this.#unexplainedQueued < 2) return undefined;
    return new ImportFailedError({ image, reason: "the import ended and the image is back to queued", failedStores: failed, description: this.#settings.description });
  }

  async #error(image: Image, reason: string, failedStores: readonly string[], call: CallOptions): Promise<ImportFailedError> {
    const latest = (await this.#tasks(image.id, call))?.at(-1);
    return new ImportFailedError({ image, reason, failedStores, taskMessage: latest?.message || undefined, description: this.#settings.description });
  }
}
