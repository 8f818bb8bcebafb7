import { CloudImagesError } from "../errors/base.js";

/**
 * What became of the half-made image when {@link UploadImageError} was thrown:
 * - `deleted`: the SDK deleted it (`DELETE` answered 204);
 * - `not-found`: the `DELETE` answered 404: no image was left (a create that never reached the server);
 * - `kept`: not deleted because of `keepOnFailure` (it is there to inspect or to retry);
 * - `left`: the caller chose the id, the create got no answer, and the image found with that id
 *   is not a fresh `queued` one, so not this call's: left alone;
 * - `failed`: the cleanup itself failed (`cleanupError` says how): the image may still exist.
 */
export type UploadImageCleanup = "deleted" | "not-found" | "kept" | "left" | "failed";

/**
 * `uploadImage` failed after its `POST /v2/images` was sent, so an image with `imageId` may have
 * been made. `cause` is the original typed error (`ChecksumMismatchError`, `UploadSourceError`,
 * `ImportFailedError`, `ConnectionError`…); `cleanup` says whether the image was deleted.
 * Catch it and look at its cause: `if (e instanceof UploadImageError && e.cause instanceof
 * ChecksumMismatchError)`. Input errors (`ValidationError`) and a create the server refused
 * with a 4xx answer (nothing was made) are thrown as they are.
 */
export class UploadImageError extends CloudImagesError {
  static override readonly errorId: string = "UploadImageError";

  /** The id of the image the call created (or may have created). */
  readonly imageId: string;
  /** What became of that image. */
  readonly cleanup: UploadImageCleanup;
  /** Why the cleanup `DELETE` failed, when `cleanup` is `failed`. */
  readonly cleanupError: unknown;
  /** The error that made the upload fail. */
  declare readonly cause: unknown;

  constructor(init: { imageId: string; cleanup: UploadImageCleanup; cause: unknown; cleanupError?: unknown }) {
    super(`uploadImage of image ${init.imageId} failed: ${describe(init.cause)}; ${cleanupText(init)}`, "UPLOAD_IMAGE_FAILED", { cause: init.cause });
    this.imageId = init.imageId;
    this.cleanup = init.cleanup;
    this.cleanupError = init.cleanupError;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function cleanupText(init: { imageId: string; cleanup: UploadImageCleanup; cleanupError?: unknown }): string {
  switch (init.cleanup) {
    case "deleted":
      return "the image was deleted";
    case "not-found":
      return "no image was left (the cleanup DELETE found none)";
    case "kept":
      return `the image was kept (keepOnFailure); delete it with images.delete("${init.imageId}") when done`;
    case "left":
      return "an image with that id that this call did not make exists and was left alone";
    case "failed":
      return `deleting the image failed too (${describe(init.cleanupError)}): it may still exist, delete it with images.delete("${init.imageId}")`;
  }
}
