/** Hash algorithms the SDK computes while streaming image data. */
export type HashAlgorithm = "md5" | "sha1" | "sha256" | "sha384" | "sha512";

/** Every {@link HashAlgorithm}. */
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ["md5", "sha1", "sha256", "sha384", "sha512"];

/** Glance's default `os_hash_algo`. */
export const DEFAULT_OS_HASH_ALGO: HashAlgorithm = "sha512";

/** An incremental hash: feed chunks in order, then read the digest once. */
export interface IncrementalHash {
  /** Adds the next chunk. */
  update(chunk: Uint8Array): void;
  /** The digest of everything added, as lower-case hex. Call once. */
  digest(): string;
}

/**
 * Creates incremental hashes. The core's default ({@link wasmHashFactory}) runs anywhere
 * WebAssembly does; runtime packages supply faster native ones (Node: `node:crypto`).
 */
export interface HashFactory {
  /** A short name for messages, e.g. `hash-wasm` or `node:crypto`. */
  readonly name: string;
  /** Creates a fresh hash of `algorithm`. */
  create(algorithm: HashAlgorithm): IncrementalHash | Promise<IncrementalHash>;
}

/** Whether `value` names an algorithm the SDK can compute (Glance's `os_hash_algo` values). */
export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return typeof value === "string" && (HASH_ALGORITHMS as readonly string[]).includes(value);
}
