import type { Image } from "../schemas/image-v2.js";
import { isHashAlgorithm, type HashAlgorithm } from "../hashing/hash-factory.js";
import { ChecksumMismatchError, IncompleteDataError } from "./errors.js";

/** What a transfer was checked against: Glance's `os_hash_value`, its md5 `checksum`, or nothing. */
export type Verification = "os_hash" | "md5" | "none";

/** Digests the SDK computed over the bytes of a transfer (lower-case hex). */
export type Digests = Partial<Record<HashAlgorithm, string>>;

/**
 * Compares computed digests with what Glance recorded for the image after an upload or import:
 * size, then `os_hash_value` (when its algorithm was computed), then `checksum` (md5).
 * Throws {@link ChecksumMismatchError} / {@link IncompleteDataError}; returns what was checked.
 */
export function verifyAgainstImage(image: Image, digests: Digests, bytes: number, direction: "upload" | "download"): Verification {
  if (image.size !== null && image.size !== bytes) {
    throw new IncompleteDataError({ imageId: image.id, expectedBytes: bytes, actualBytes: image.size, direction });
  }
  let verified: Verification = "none";
  const algo = image.os_hash_algo;
  if (isHashAlgorithm(algo) && image.os_hash_value) {
    const actual = digests[algo];
    if (actual !== undefined) {
      compare(image.id, algo, image.os_hash_value, actual, direction);
      verified = "os_hash";
    }
  }
  if (image.checksum && digests.md5 !== undefined) {
    compare(image.id, "md5", image.checksum, digests.md5, direction);
    if (verified === "none") verified = "md5";
  }
  return verified;
}

/** Throws {@link ChecksumMismatchError} when two hex digests differ (case-insensitive). */
export function compare(imageId: string, algorithm: string, expected: string, actual: string, direction: "upload" | "download"): void {
  if (expected.toLowerCase() !== actual.toLowerCase()) {
    throw new ChecksumMismatchError({ imageId, algorithm, expected: expected.toLowerCase(), actual, direction });
  }
}
