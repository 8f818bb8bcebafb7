import { NotFoundError } from "../errors/http-errors.js";
import type { CallOptions } from "../http/http-client.js";
import type { ImageStatus } from "../images/enums.js";
import type { Image } from "../schemas/image-v2.js";
import { InputChecker } from "../validation/checker.js";
import { WaitFailedError } from "./waiter-errors.js";
import { waitFor, type WaitOptions } from "./wait-for.js";

/** What {@link waitForImage} needs of a client: `images.get`. */
export interface ImageGetter {
  readonly images: { get(imageId: string, options?: CallOptions): Promise<Image> };
}

/** Options of {@link waitForImage}. */
export interface WaitForImageOptions<T extends Image | null = Image> extends WaitOptions<T> {
  /** The awaited status (default `active`). `deleted` also succeeds when the image is gone (404). */
  readonly status?: ImageStatus;
  /**
   * Statuses that end the wait with an {@link ImageWaitFailedError}. Default for `active`:
   * `killed`, `deleted`, `pending_delete`, `deactivated`; for other targets: `killed`, `deleted`,
   * `pending_delete` (minus the target).
   */
  readonly failureStatuses?: readonly ImageStatus[];
  /** Per-poll headers (the poll's signal and timeout are the waiter's). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An awaited image reached a failure status (`killed`, `deleted`, `deactivated`…). */
export class ImageWaitFailedError extends WaitFailedError<Image> {
  static override readonly errorId: string = "ImageWaitFailedError";

  /** The final image. */
  readonly image: Image;
  constructor(image: Image, description: string) {
    super({ description, value: image, status: image.status, code: "IMAGE_WAIT_FAILED", message: `Image ${image.id} reached status ${image.status} while waiting for ${description}` });
    this.image = image;
  }
}

/** Failure end states by awaited status. */
export function defaultImageFailureStatuses(target: ImageStatus): readonly ImageStatus[] {
  const base: ImageStatus[] = target === "active" ? ["killed", "deleted", "pending_delete", "deactivated"] : ["killed", "deleted", "pending_delete"];
  return base.filter((s) => s !== target && !(target === "deleted" && s === "pending_delete"));
}

/**
 * Waits for an image to reach `status` (default `active`) and returns the final image. Fails
 * fast on failure statuses ({@link ImageWaitFailedError}); `deleted` waits resolve with `null`
 * once the image is gone (404). Backoff, jitter, timeout (default 10 min), abort, progress and
 * retries as in {@link waitFor}.
 *
 * @example
 * ```ts
 * const image = await waitForImage(glance, id, { status: "active", timeoutMs: 300_000, onProgress: (p) => console.log(p.status) });
 * ```
 */
export function waitForImage(client: ImageGetter, imageId: string, options: WaitForImageOptions<Image | null> & { readonly status: "deleted" }): Promise<Image | null>;
export function waitForImage(client: ImageGetter, imageId: string, options?: WaitForImageOptions & { readonly status?: Exclude<ImageStatus, "deleted"> }): Promise<Image>;
export async function waitForImage(client: ImageGetter, imageId: string, options: WaitForImageOptions<Image | null> | WaitForImageOptions = {}): Promise<Image | null> {
  const target = options.status ?? "active";
  const check = new InputChecker("waitForImage");
  check.uuid(["imageId"], imageId);
  check.throwIfInvalid();
  const failures = options.failureStatuses ?? defaultImageFailureStatuses(target);
  const goneIsSuccess = target === "deleted";
  const description = `image ${imageId} to become ${target}`;
  const opts = options as WaitOptions<Image | null>;
  return waitFor<Image | null>({
    ...opts,
    description,
    poll: async ({ signal }) => {
      try {
        return await client.images.get(imageId, { signal, headers: options.headers });
      } catch (error) {
        if (goneIsSuccess && error instanceof NotFoundError) return null;
        throw error;
      }
    },
    statusOf: (image) => (image === null ? "gone (404)" : image.status),
    isSuccess: (image) => (image === null ? goneIsSuccess : image.status === target || (goneIsSuccess && image.status === "pending_delete")),
    isFailure: (image) => image !== null && failures.includes(image.status),
    failureError: (image, what) => new ImageWaitFailedError(image as Image, what),
  });
}
