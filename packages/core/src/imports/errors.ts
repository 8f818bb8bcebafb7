import type { Image } from "../schemas/image-v2.js";
import { WaitFailedError, WaiterTimeoutError, type WaiterState } from "../waiters/waiter-errors.js";

/**
 * An import (or the processing after an upload) failed: the image went `killed`, back to `queued`,
 * or a store failed. A {@link WaitFailedError} of the shared waiter (`value` is the image as last read).
 */
export class ImportFailedError extends WaitFailedError<Image | undefined> {
  static override readonly errorId: string = "ImportFailedError";

  /** The image concerned. */
  readonly imageId: string;
  /** The image as last read. */
  readonly image: Image | undefined;
  /** Stores Glance lists in `os_glance_failed_import`. */
  readonly failedStores: readonly string[];
  /** The message of the failed import task, when it could be read. */
  readonly taskMessage: string | undefined;

  constructor(init: { imageId: string; image?: Image | undefined; reason: string; failedStores?: readonly string[]; taskMessage?: string | undefined }) {
    const task = init.taskMessage ? ` (task: ${init.taskMessage})` : "";
    super({
      description: `image ${init.imageId} to become active`,
      value: init.image,
      status: init.image?.status,
      message: `Import of image ${init.imageId} failed: ${init.reason}${task}`,
      code: "IMPORT_FAILED",
    });
    this.imageId = init.imageId;
    this.image = init.image;
    this.failedStores = init.failedStores ?? [];
    this.taskMessage = init.taskMessage;
  }
}

/**
 * The image did not reach the awaited state in time. A {@link WaiterTimeoutError} of the shared
 * waiter (`last`, `polls`, `elapsedMs` as it saw them), with this class's message and code.
 */
export class WaitTimeoutError extends WaiterTimeoutError<Image> {
  static override readonly errorId: string = "WaitTimeoutError";

  /** The image concerned. */
  readonly imageId: string;
  /** Its last status seen. */
  readonly lastStatus: string | undefined;

  constructor(imageId: string, lastStatus: string | undefined, timeoutMs: number, state?: Partial<Omit<WaiterState<Image>, "description">>, options?: { cause?: unknown }) {
    super(
      { description: `image ${imageId} to become active`, last: state?.last, polls: state?.polls ?? 0, elapsedMs: state?.elapsedMs ?? timeoutMs, timeoutMs, lastStatus },
      { cause: options?.cause, code: "WAIT_TIMEOUT", message: `Image ${imageId} was not active after ${timeoutMs} ms (last status: ${lastStatus ?? "unknown"})` },
    );
    this.imageId = imageId;
    this.lastStatus = lastStatus;
  }
}
