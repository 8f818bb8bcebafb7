import { CloudImagesError } from "../errors/base.js";

/**
 * A hash was used out of order: fed after its digest was asked for, asked twice, or asked
 * synchronously when it runs on other threads. A bug in the caller (each transfer gets its own hash).
 */
export class HashStateError extends CloudImagesError {
  static override readonly errorId: string = "HashStateError";

  constructor(message: string) {
    super(`Hash: ${message}`, "HASH_STATE");
  }
}
