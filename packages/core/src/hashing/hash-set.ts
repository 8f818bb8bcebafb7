import { HashStateError } from "./errors.js";
import type { HashAlgorithm, HashDigests, HashFactory, IncrementalHash, MultiHash } from "./hash-factory.js";

/**
 * Several hashes fed together with the same bytes, plus a byte count. Works with synchronous
 * hashes (`update` returns nothing) and asynchronous ones (hashing on other threads: `update`
 * returns a promise when the caller must wait, which it awaits before the next chunk).
 */
export class HashSet {
  readonly #algorithms: HashAlgorithm[];
  readonly #many: MultiHash;
  #bytes = 0;
  #digests: HashDigests | Promise<HashDigests> | undefined;

  private constructor(algorithms: HashAlgorithm[], many: MultiHash) {
    this.#algorithms = algorithms;
    this.#many = many;
  }

  /** Creates one hash per distinct algorithm (through `factory.createMany` when it has one). */
  static async create(factory: HashFactory, algorithms: Iterable<HashAlgorithm>, expectedBytes?: number): Promise<HashSet> {
    const list = [...new Set(algorithms)];
    if (factory.createMany) return new HashSet(list, await factory.createMany(list, expectedBytes));
    const map = new Map<HashAlgorithm, IncrementalHash>();
    try {
      for (const algorithm of list) map.set(algorithm, await factory.create(algorithm, expectedBytes));
    } catch (error) {
      for (const hash of map.values()) hash.dispose?.();
      throw error;
    }
    return new HashSet(list, combine(map));
  }

  /** The algorithms being computed. */
  get algorithms(): HashAlgorithm[] {
    return [...this.#algorithms];
  }

  /** Bytes fed so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Feeds a chunk to every hash. Returns a promise only when the caller must wait before the
   * next chunk (asynchronous hashes); the chunk is consumed either way once this settles.
   */
  update(chunk: Uint8Array): void | Promise<void> {
    if (this.#digests) throw new HashStateError("HashSet fed after its digest");
    this.#bytes += chunk.byteLength;
    return this.#many.update(chunk);
  }

  /**
   * Finishes every hash, synchronous hashes only (later calls return the same digests).
   * @throws HashStateError when a hash is asynchronous: use {@link finish}.
   */
  digests(): HashDigests {
    this.#digests ??= this.#many.digests();
    if (this.#digests instanceof Promise) throw new HashStateError("HashSet holds asynchronous hashes: use finish()");
    return this.#digests;
  }

  /** Finishes every hash (once; later calls give the same digests), synchronous or not. */
  async finish(): Promise<HashDigests> {
    this.#digests ??= this.#many.digests();
    return this.#digests;
  }

  /** Drops the hashes without digests (failed or aborted transfer): frees worker-side state. */
  dispose(): void {
    this.#many.dispose();
  }
}

/** One {@link MultiHash} over separately created hashes. */
function combine(hashes: ReadonlyMap<HashAlgorithm, IncrementalHash>): MultiHash {
  const list = [...hashes.values()];
  return {
    update(chunk) {
      let waits: Promise<void>[] | undefined;
      for (const hash of list) {
        const wait = hash.update(chunk);
        if (wait) (waits ??= []).push(wait);
      }
      if (waits) return Promise.all(waits).then(() => undefined);
    },
    digests() {
      const out: HashDigests = {};
      const pending: Promise<void>[] = [];
      for (const [algorithm, hash] of hashes) {
        const digest = hash.digest();
        if (typeof digest === "string") out[algorithm] = digest;
        else pending.push(digest.then((d) => void (out[algorithm] = d)));
      }
      return pending.length === 0 ? out : Promise.all(pending).then(() => out);
    },
    dispose() {
      for (const hash of list) hash.dispose?.();
    },
  };
}
