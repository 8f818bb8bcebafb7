import { readOrGone } from "./read-or-gone.js";
import type { CallOptions } from "../http/http-client.js";
import type { ComputeImage, ComputeImageStatus } from "../schemas/compute-v2-images.js";
import { InputChecker } from "../validation/checker.js";
import { ComputeImageWaitFailedError } from "./image-wait-errors.js";
import type { WaiterSettings } from "./image-waiters.js";
import { runWait } from "./wait-for.js";
import { checkWaitOptions, type WaitOptions } from "./wait-options.js";

/** What {@link ComputeWaiters} polls with: the compute `images.get`. */
export interface ComputeImageReader {
  /** Reads a compute image. */
  get(imageId: string, options?: CallOptions): Promise<ComputeImage>;
}

/** Options of {@link ComputeWaiters.image}: the {@link WaitOptions} of every waiter, plus the awaited status. */
export interface WaitForComputeImageOptions extends WaitOptions<ComputeImage> {
  /** The awaited status (default and only sensible value: `ACTIVE`). */
  readonly status?: "ACTIVE" | undefined;
}

/**
 * The waiters of a compute client, `computeClient.waitFor`, with the same options and the same
 * behaviour as the image client's (`client.waitFor`): checked options, backoff with jitter, a
 * finite timeout, abort, progress on every poll, failed polls retried by the waiter.
 *
 * @example
 * ```ts
 * const snapshot = await compute.images.createImage(serverId, { name: "nightly" });
 * const active = await compute.waitFor.image(snapshot.id, { timeoutMs: 1_800_000, onProgress: (p) => console.log(`${p.state} ${p.value.progress}%`) });
 * console.log(active.status);
 * ```
 */
export class ComputeWaiters {
  readonly #images: ComputeImageReader;
  readonly #random: (() => number) | undefined;

  constructor(images: ComputeImageReader, settings: WaiterSettings = {}) {
    this.#images = images;
    this.#random = settings.random;
  }

  /**
   * Polls an image until ACTIVE and returns it, failing fast on ERROR or DELETED
   * ({@link ComputeImageWaitFailedError}). `onProgress` sees every poll, `value.progress` included.
   */
  async image(imageId: string, options: WaitForComputeImageOptions = {}): Promise<ComputeImage> {
    const check = new InputChecker("computeWaitFor.image");
    check.segment(["imageId"], imageId, { max: 255 });
    const delays = checkWaitOptions(check, options);
    const o = options ?? {};
    if (o.status !== undefined) check.oneOf(["options", "status"], o.status, ["ACTIVE"]);
    check.throwIfInvalid();
    const description = `image ${imageId} to become ACTIVE`;
    const failures: readonly ComputeImageStatus[] = ["ERROR", "DELETED"];
    return runWait<ComputeImage>(
      {
        ...o,
        description,
        random: this.#random,
        poll: ({ signal }) => this.#images.get(imageId, { signal, headers: o.headers, maxRetries: 0 }),
        stateOf: (image) => image.status,
        isSuccess: (image) => image.status === "ACTIVE",
        isFailure: (image) => failures.includes(image.status),
        failureError: (image) => new ComputeImageWaitFailedError(image, description),
      },
      delays,
    );
  }

  /** Waits until the image is gone: its `GET` answers 404 or it reads `DELETED`. */
  async imageDeleted(imageId: string, options: WaitOptions<ComputeImage | null> = {}): Promise<void> {
    const check = new InputChecker("computeWaitFor.imageDeleted");
    check.segment(["imageId"], imageId, { max: 255 });
    const delays = checkWaitOptions(check, options);
    check.throwIfInvalid();
    const o = options ?? {};
    await runWait<ComputeImage | null>(
      {
        ...o,
        description: `image ${imageId} to be deleted`,
        random: this.#random,
        poll: ({ signal }) => readOrGone(() => this.#images.get(imageId, { signal, headers: o.headers, maxRetries: 0 })),
        stateOf: (image) => (image === null ? "gone (404)" : image.status),
        isSuccess: (image) => image === null || image.status === "DELETED",
      },
      delays,
    );
  }
}
