/**
 * A small private poll loop: "wait until the image is active".
 *
 * TODO(issue 4): replace with the shared waiter from `../waiters/` once it lands. Everything
 * here goes through {@link waitForActive}'s signature (images API, id, options → Image), so
 * the swap is one function body.
 */
import type { CallOptions, HttpClient } from "../http/http-client.js";
import type { ImagesApi } from "../images/images-api.js";
import { imagePath } from "../images/images-api.js";
import { RequestAbortedError } from "../errors/transport-errors.js";
import { ImageTaskListSchema, type Image } from "../schemas/image-v2.js";
import { ImportFailedError, WaitTimeoutError } from "./errors.js";

/** Options of {@link waitForActive}. */
export interface WaitForActiveOptions {
  /** Most time to wait, in ms (default 10 minutes). */
  readonly timeoutMs?: number | undefined;
  /** First delay between polls, in ms (default 250; grows ×1.5 up to 2 s). */
  readonly intervalMs?: number | undefined;
  /** Stops waiting (throws `RequestAbortedError`). */
  readonly signal?: AbortSignal | undefined;
  /** Extra headers for each poll. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Called with each image read. */
  readonly onStatus?: ((image: Image) => void) | undefined;
  /** Stores that must hold the image before it counts as done (copy-image, multi-store import). */
  readonly stores?: readonly string[] | undefined;
  /** An import was started: `queued` after it means failure (Glance reverts a failed web-download to queued). */
  readonly importing?: boolean | undefined;
}

const DEFAULT_WAIT_MS = 10 * 60_000;
const FAILED_STATUSES = new Set(["killed", "deleted", "pending_delete", "deactivated"]);

/** Splits Glance's comma-separated store lists (`stores`, `os_glance_failed_import`…). */
export function storeList(value: unknown): string[] {
  return typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

/** Polls an image until it is `active` with no import pending; throws on failure or timeout. */
export async function waitForActive(images: ImagesApi, http: HttpClient, imageId: string, options: WaitForActiveOptions = {}): Promise<Image> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + timeoutMs;
  let interval = options.intervalMs ?? 250;
  const call: CallOptions = { signal: options.signal, headers: options.headers };
  let last: Image | undefined;
  let queuedPolls = 0;
  for (;;) {
    last = await images.get(imageId, call);
    options.onStatus?.(last);
    const pending = storeList(last.os_glance_importing_to_stores);
    const failed = storeList(last.os_glance_failed_import);
    if (FAILED_STATUSES.has(last.status)) {
      throw new ImportFailedError({ imageId, image: last, reason: `image is ${last.status}`, failedStores: failed, taskMessage: await taskMessage(http, imageId, call) });
    }
    if (pending.length === 0 && failed.length > 0) {
      throw new ImportFailedError({ imageId, image: last, reason: `stores failed: ${failed.join(", ")}`, failedStores: failed, taskMessage: await taskMessage(http, imageId, call) });
    }
    if (last.status === "active" && pending.length === 0) {
      const have = storeList(last.stores);
      const missing = (options.stores ?? []).filter((s) => have.length > 0 && !have.includes(s));
      if (missing.length === 0) return last;
    }
    if (options.importing && last.status === "queued") {
      // Right after the import call the image may still read `queued`; a failed task says so.
      queuedPolls += 1;
      const message = queuedPolls >= 2 ? await failedTaskMessage(http, imageId, call) : undefined;
      if (message !== undefined) {
        throw new ImportFailedError({ imageId, image: last, reason: "the import task failed and the image is back to queued", taskMessage: message || undefined });
      }
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new WaitTimeoutError(imageId, last.status, timeoutMs);
    await sleep(Math.min(interval, left), options.signal, imageId);
    interval = Math.min(interval * 1.5, 2000);
  }
}

async function sleep(ms: number, signal: AbortSignal | undefined, imageId: string): Promise<void> {
  if (signal?.aborted) throw new RequestAbortedError({ method: "GET", url: `(waiting for image ${imageId})` }, { cause: signal.reason });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new RequestAbortedError({ method: "GET", url: `(waiting for image ${imageId})` }, { cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
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
