import type { ComputeImage } from "../schemas/compute-v2-images.js";
import type { Image } from "../schemas/image-v2.js";
import { WaitFailedError } from "./waiter-errors.js";

/**
 * An image awaited by `waitFor.image` reached a failure status (`killed`, `deleted`,
 * `deactivated`…) instead of the awaited one. `image` is the final image.
 */
export class ImageWaitFailedError extends WaitFailedError<Image> {
  static override readonly errorId: string = "ImageWaitFailedError";

  /** The final image. */
  readonly image: Image;

  /** `message` and `code` let subclasses (`ImportFailedError`) keep their own words and code. */
  constructor(image: Image, description: string, init: { message?: string; code?: string } = {}) {
    super({
      description,
      value: image,
      state: image.status,
      code: init.code ?? "IMAGE_WAIT_FAILED",
      message: init.message ?? `Image ${image.id} reached status ${image.status} while waiting for ${description}`,
    });
    this.image = image;
  }
}

/** A compute image awaited by `computeClient.waitFor.image` ended in ERROR or DELETED. */
export class ComputeImageWaitFailedError extends WaitFailedError<ComputeImage> {
  static override readonly errorId: string = "ComputeImageWaitFailedError";

  /** The final image. */
  readonly image: ComputeImage;

  constructor(image: ComputeImage, description: string) {
    super({ description, value: image, state: image.status, code: "COMPUTE_IMAGE_WAIT_FAILED", message: `Image ${image.id} reached status ${image.status} while waiting for ${description}` });
    this.image = image;
  }
}
