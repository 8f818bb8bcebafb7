import type { HashAlgorithm, HashFactory, IncrementalHash } from "./hash-factory.js";

/** Several hashes fed together with the same bytes, plus a byte count. */
export class HashSet {
  readonly #hashes: ReadonlyMap<HashAlgorithm, IncrementalHash>;
  #bytes = 0;
  #digests: Partial<Record<HashAlgorithm, string>> | undefined;

  private constructor(hashes: ReadonlyMap<HashAlgorithm, IncrementalHash>) {
    this.#hashes = hashes;
  }

  /** Creates one hash per distinct algorithm. */
  static async create(factory: HashFactory, algorithms: Iterable<HashAlgorithm>): Promise<HashSet> {
    const map = new Map<HashAlgorithm, IncrementalHash>();
    for (const algorithm of new Set(algorithms)) map.set(algorithm, await factory.create(algorithm));
    return new HashSet(map);
  }

  /** The algorithms being computed. */
  get algorithms(): HashAlgorithm[] {
    return [...this.#hashes.keys()];
  }

  /** Bytes fed so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Feeds a chunk to every hash. */
  update(chunk: Uint8Array): void {
    if (this.#digests) throw new Error("HashSet: update after digest");
    for (const hash of this.#hashes.values()) hash.update(chunk);
    this.#bytes += chunk.byteLength;
  }

  /** Finishes every hash (once; later calls return the same digests). */
  digests(): Partial<Record<HashAlgorithm, string>> {
    if (!this.#digests) {
      const out: Partial<Record<HashAlgorithm, string>> = {};
      for (const [algorithm, hash] of this.#hashes) out[algorithm] = hash.digest();
      this.#digests = out;
    }
    return this.#digests;
  }
}
