/** Hash algorithms the SDK computes while streaming image data. */
export type HashAlgorithm = "md5" | "sha1" | "sha256" | "sha384" | "sha512";

/** Every {@link HashAlgorithm}. */
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ["md5", "sha1", "sha256", "sha384", "sha512"];

/** Glance's default `os_hash_algo`. */
export const DEFAULT_OS_HASH_ALGO: HashAlgorithm = "sha512";

/** Lower-case hex digests by algorithm. */
export type HashDigests = Partial<Record<HashAlgorithm, string>>;

/**
 * An incremental hash: feed chunks in order, then read the digest once.
 *
 * `update` may be asynchronous (a hash running on another thread): it returns a promise only
 * when the caller must wait before the next call (backpressure), and the caller awaits it
 * before feeding more. Either way the chunk has been consumed (hashed or copied) once `update`
 * returns or its promise settles, so the caller may reuse or hand on the chunk's memory.
 */
export interface IncrementalHash {
  /** Adds the next chunk; a returned promise must settle before the next call. */
  update(chunk: Uint8Array): void | Promise<void>;
  /** The digest of everything added, as lower-case hex. Call once. */
  digest(): string | Promise<string>;
  /** Drops the hash without a digest (transfer failed or aborted). Optional; idempotent. */
  dispose?(): void;
}

/**
 * Several hashes of the same bytes computed together (see {@link HashFactory.createMany}):
 * same contract as {@link IncrementalHash}, with every digest at the end.
 */
export interface MultiHash {
  /** Adds the next chunk to every hash; a returned promise must settle before the next call. */
  update(chunk: Uint8Array): void | Promise<void>;
  /** Every digest. Call once. */
  digests(): HashDigests | Promise<HashDigests>;
  /** Drops the hashes without digests. Idempotent. */
  dispose(): void;
}

/**
 * Creates incremental hashes. The core's default ({@link wasmHashFactory}) runs anywhere
 * WebAssembly does; runtime packages supply faster native ones (Node: `node:crypto`, on the
 * main thread or on worker threads).
 */
export interface HashFactory {
  /** A short name for messages, e.g. `hash-wasm` or `node:crypto`. */
  readonly name: string;
  /**
   * Creates a fresh hash of `algorithm`. `expectedBytes` is how much the transfer will feed it
   * when known (a factory may pick where to hash by it: e.g. worker threads only for large ones).
   */
  create(algorithm: HashAlgorithm, expectedBytes?: number): IncrementalHash | Promise<IncrementalHash>;
  /**
   * Optional: creates hashes of several algorithms fed with the same bytes at once, when the
   * factory can do better than one {@link create} per algorithm (e.g. one copy of each chunk
   * handed to worker threads instead of one per algorithm). `expectedBytes` as for {@link HashFactory.create}.
   */
  createMany?(algorithms: readonly HashAlgorithm[], expectedBytes?: number): MultiHash | Promise<MultiHash>;
}

/** Whether `value` names an algorithm the SDK can compute (Glance's `os_hash_algo` values). */
export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return typeof value === "string" && (HASH_ALGORITHMS as readonly string[]).includes(value);
}
