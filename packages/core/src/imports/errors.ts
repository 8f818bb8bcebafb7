import { CloudImagesError } from "../errors/base.js";
import type { Image } from "../schemas/image-v2.js";

/** An import (or the processing after an upload) failed: the image went `killed`, back to `queued`, or a store failed. */
export class ImportFailedError extends CloudImagesError {
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
    super(`Import of image ${init.imageId} failed: ${init.reason}${task}`, "IMPORT_FAILED");
    this.imageId = init.imageId;
    this.image = init.image;
    this.failedStores = init.failedStores ?? [];
    this.taskMessage = init.taskMessage;
  }
}

/** The image did not reach the awaited state in time. */
export class WaitTimeoutError extends CloudImagesError {
  /** The image concerned. */
  readonly imageId: string;
  /** Its last status seen. */
  readonly lastStatus: string | undefined;
  /** The time allowed, in ms. */
  readonly timeoutMs: number;

  constructor(imageId: string, lastStatus: string | undefined, timeoutMs: number) {
    super(`Image ${imageId} was not active after ${timeoutMs} ms (last status: ${lastStatus ?? "unknown"})`, "WAIT_TIMEOUT");
    this.imageId = imageId;
    this.lastStatus = lastStatus;
    this.timeoutMs = timeoutMs;
  }
}
