/**
 * "Wait until the image is active" after an upload or an import, on the shared waiter
 * ({@link waitFor}): total timeout, backoff with jitter, abort, progress on every poll, the final
 * image returned, and typed failures ({@link ImportFailedError} is a `WaitFailedError`,
 * {@link WaitTimeoutError} a `WaiterTimeoutError`; an abort is the waiter's `WaiterAbortedError`).
 */
import type { CallOptions, HttpClient } from "../http/http-client.js";
import type { ImagesApi } from "../images/images-api.js";
import { imagePath } from "../images/images-api.js";
import { ImageTaskListSchema, type Image } from "../schemas/image-v2.js";
import { waitFor, type WaitOptions } from "../waiters/wait-for.js";
import { WaiterTimeoutError } from "../waiters/waiter-errors.js";
import { ImportFailedError, WaitTimeoutError } from "./errors.js";

/** Options of {@link waitForActive}: the shared waiter's options, plus the import-specific ones. */
export interface WaitForActiveOptions extends WaitOptions<Image> {
  /** Most time to wait, in ms (default 10 minutes). */
  readonly timeoutMs?: number | undefined;
  /** First delay between polls, in ms (default 250; grows ×1.5 up to 2 s, jittered). Same as `minDelayMs`. */
  readonly intervalMs?: number | undefined;
  /** Stops waiting (throws the waiter's `WaiterAbortedError`, the last image in `last`). */
  readonly signal?: AbortSignal | undefined;
  /** Extra headers for each poll. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Called with each image read (as `onProgress`, which also gets polls, elapsed time and the next delay). */
  readonly onStatus?: ((image: Image) => void) | undefined;
  /** Stores that must hold the image before it counts as done (copy-image, multi-store import). */
  readonly stores?: readonly string[] | undefined;
  /** An import was started: `queued` after it means failure (Glance reverts a failed web-download to queued). */
  readonly importing?: boolean | undefined;
}

const DEFAULT_INTERVAL_MS = 250;
const DEFAULT_MAX_INTERVAL_MS = 2_000;
const FAILED_STATUSES = new Set(["killed", "deleted", "pending_delete", "deactivated"]);

/** Splits Glance's comma-separated store lists (`stores`, `os_glance_failed_import`…). */
export function storeList(value: unknown): string[] {
  return typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

/** Polls an image until it is `active` with no import pending; throws on failure or timeout. */
export async function waitForActive(images: ImagesApi, http: HttpClient, imageId: string, options: WaitForActiveOptions = {}): Promise<Image> {
  const { intervalMs, onStatus, stores, importing, headers, ...waitOptions } = options;
  const minDelayMs = options.minDelayMs ?? intervalMs ?? DEFAULT_INTERVAL_MS;
  let queuedPolls = 0;
  // Set by a poll that found the import failed (reading the task's message needs requests of its own).
  let failure: ImportFailedError | undefined;

  const evaluate = async (image: Image, call: CallOptions): Promise<ImportFailedError | undefined> => {
    const pending = storeList(image.os_glance_importing_to_stores);
    const failed = storeList(image.os_glance_failed_import);
    if (FAILED_STATUSES.has(image.status)) {
      return new ImportFailedError({ imageId, image, reason: `image is ${image.status}`, failedStores: failed, taskMessage: await taskMessage(http, imageId, call) });
    }
    if (pending.length === 0 && failed.length > 0) {
      return new ImportFailedError({ imageId, image, reason: `stores failed: ${failed.join(", ")}`, failedStores: failed, taskMessage: await taskMessage(http, imageId, call) });
    }
    if (importing && image.status === "queued") {
      // Right after the import call the image may still read `queued`; a failed task says so.
      queuedPolls += 1;
      const message = queuedPolls >= 2 ? await failedTaskMessage(http, imageId, call) : undefined;
      if (message !== undefined) {
        return new ImportFailedError({ imageId, image, reason: "the import task failed and the image is back to queued", taskMessage: message || undefined });
      }
    }
    return undefined;
  };

  const done = (image: Image): boolean => {
    if (image.status !== "active" || storeList(image.os_glance_importing_to_stores).length > 0) return false;
    const have = storeList(image.stores);
    return (stores ?? []).every((s) => have.length === 0 || have.includes(s));
  };

  try {
    return await waitFor<Image>({
      ...waitOptions,
      minDelayMs,
      maxDelayMs: options.maxDelayMs ?? Math.max(DEFAULT_MAX_INTERVAL_MS, minDelayMs),
      factor: options.factor ?? 1.5,
      description: `image ${imageId} to become active`,
      poll: async ({ signal }) => {
        const call: CallOptions = { signal, headers };
        const image = await images.get(imageId, call);
        failure = await evaluate(image, call);
        return image;
      },
      statusOf: (image) => image.status,
      isFailure: () => failure !== undefined,
      isSuccess: done,
      failureError: () => failure!,
      onProgress: (progress) => {
        onStatus?.(progress.value);
        options.onProgress?.(progress);
      },
    });
  } catch (error) {
    if (error instanceof WaiterTimeoutError && !(error instanceof WaitTimeoutError)) {
      const last = error.last as Image | undefined;
      throw new WaitTimeoutError(imageId, last?.status, error.timeoutMs, { last, polls: error.polls, elapsedMs: error.elapsedMs }, { cause: error.cause });
    }
    throw error;
  }
}

async function imageTasks(http: HttpClient, imageId: string, call: CallOptions) {
  try {
    const { data } = await http.json(
      { operation: "images.tasks", method: "GET", path: `${imagePath(imageId)}/tasks`, expect: [200] },
      ImageTaskListSchema,
      call,
    );
    return [...data.tasks].sort((a, b) => a.created_at.localeCompare(b.created_at));
  } catch {
    return undefined; // API < 2.12 or not allowed by policy: the image status alone decides.
  }
}

async function taskMessage(http: HttpClient, imageId: string, call: CallOptions): Promise<string | undefined> {
  const tasks = await imageTasks(http, imageId, call);
  const lastTask = tasks?.at(-1);
  return lastTask?.message || undefined;
}

/** The message of the latest task when it failed ("" when it failed without one), else undefined. */
async function failedTaskMessage(http: HttpClient, imageId: string, call: CallOptions): Promise<string | undefined> {
  const tasks = await imageTasks(http, imageId, call);
  const lastTask = tasks?.at(-1);
  return lastTask?.status === "failure" ? (lastTask.message ?? "") : undefined;
}
