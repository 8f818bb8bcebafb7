import type { Image } from "../schemas/image-v2.js";
import { DEFAULT_OS_HASH_ALGO, isHashAlgorithm, type HashAlgorithm } from "../hashing/hash-factory.js";

/**
 * What one server records of an image's data, learned from the image records a client's data
 * calls read (before a verified download, after an upload): the algorithm of its
 * `os_hash_value`, or md5 alone (`checksum`) for a Glance older than os_hash (Rocky). An upload
 * then computes only that digest, the one it will be compared with: hashing costs one core's
 * time per digest, and a Glance on the same machine hashes too. Until something is learned, an
 * upload computes both md5 and Glance's default `sha512`, so it can be checked against either.
 */
export class ServerHashing {
  #records: HashAlgorithm | undefined;

  /** Learns from an image record that has data (an `active` image: its digests are set). */
  learn(image: Image): void {
    if (image.status !== "active") return;
    if (isHashAlgorithm(image.os_hash_algo) && image.os_hash_value) this.#records = image.os_hash_algo;
    else if (image.checksum) this.#records = "md5";
  }

  /** Forgets what was learned (an upload that found its digest not recorded: the server changed). */
  forget(): void {
    this.#records = undefined;
  }

  /**
   * The digests an upload computes: the one this server was seen to record (when the caller's
   * `osHashAlgo`, if given, is that one), else md5 and `osHashAlgo` (default sha512).
   */
  uploadAlgorithms(osHashAlgo: HashAlgorithm | undefined): HashAlgorithm[] {
    if (this.#records !== undefined && (osHashAlgo === undefined || osHashAlgo === this.#records)) return [this.#records];
    return [...new Set<HashAlgorithm>(["md5", osHashAlgo ?? DEFAULT_OS_HASH_ALGO])];
  }
}
