import type { Image } from "../schemas/image-v2.js";
import { ImageWaitFailedError } from "../waiters/image-wait-errors.js";

/**
 * An import (web-download, glance-direct, copy-image) failed while `waitFor.image` waited for
 * the image: Glance put it back to `queued`, listed stores in `os_glance_failed_import`, or the
 * import task failed. An {@link ImageWaitFailedError} (so a `WaitFailedError`) whose `image` is
 * the image as last read.
 */
export class ImportFailedError extends ImageWaitFailedError {
  static override readonly errorId: string = "ImportFailedError";

  /** The image concerned. */
  readonly imageId: string;
  /** Stores Glance lists in `os_glance_failed_import`. */
  readonly failedStores: readonly string[];
  /** The message of the failed import task, when it could be read. */
  readonly taskMessage: string | undefined;

  constructor(init: { image: Image; reason: string; failedStores?: readonly string[] | undefined; taskMessage?: string | undefined; description?: string | undefined }) {
    const task = init.taskMessage ? ` (task: ${init.taskMessage})` : "";
    super(init.image, init.description ?? `image ${init.image.id} to become active`, {
      message: `Import of image ${init.image.id} failed: ${init.reason}${task}`,
      code: "IMPORT_FAILED",
    });
    this.imageId = init.image.id;
    this.failedStores = init.failedStores ?? [];
    this.taskMessage = init.taskMessage;
  }
}
