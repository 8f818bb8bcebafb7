import type { HashAlgorithm, HashFactory, IncrementalHash, MultiHash } from "@cloud-images/core";
import { nodeHashFactory } from "./node-hash-factory.js";
import { createWorkerHashFactory, type WorkerHashFactory } from "./worker-hash-factory.js";

/**
 * From this many bytes a transfer hashes on worker threads by default (see `autoHashFactory`);
 * below it the hash costs less than starting the threads the first time (~30 ms, a few MB each).
 */
export const WORKER_HASH_MIN_BYTES = 32 * 1024 * 1024;

let workers: WorkerHashFactory | undefined;

/** The process's shared worker pool, started on the first large transfer (its idle threads never hold the process open). */
function workerFactory(): WorkerHashFactory {
  return (workers ??= createWorkerHashFactory());
}

function large(expectedBytes: number | undefined): boolean {
  return expectedBytes === undefined || expectedBytes >= WORKER_HASH_MIN_BYTES;
}

/**
 * The Node client's default `HashFactory`: `node:crypto` on worker threads for transfers
 * of `WORKER_HASH_MIN_BYTES` (32 MiB) or more (and of unknown size), so hashing runs on another
 * core while the main thread moves the bytes — a verified download then takes about as long as
 * the slower of the transfer and the hash, instead of their sum; `node:crypto` on the calling
 * thread for smaller ones. The rule comes from `pnpm bench` (`packages/node/bench/README.md`:
 * the `hash:` rows). Pass `hashFactory: nodeHashFactory` to keep every hash on the main thread,
 * or `createWorkerHashFactory(…)` to tune the threads.
 */
export const autoHashFactory: HashFactory = {
  name: "node:crypto (worker threads for large transfers)",
  create(algorithm: HashAlgorithm, expectedBytes?: number): IncrementalHash | Promise<IncrementalHash> {
    return large(expectedBytes) ? workerFactory().create(algorithm, expectedBytes) : nodeHashFactory.create(algorithm, expectedBytes);
  },
  createMany(algorithms: readonly HashAlgorithm[], expectedBytes?: number): MultiHash | Promise<MultiHash> {
    return large(expectedBytes) ? workerFactory().createMany!(algorithms, expectedBytes) : mainThread(algorithms);
  },
};

/** Several main-thread hashes fed together. */
function mainThread(algorithms: readonly HashAlgorithm[]): MultiHash {
  const hashes = [...new Set(algorithms)].map((algorithm) => [algorithm, nodeHashFactory.create(algorithm) as IncrementalHash] as const);
  return {
    update(chunk) {
      for (const [, hash] of hashes) void hash.update(chunk);
    },
    digests() {
      return Object.fromEntries(hashes.map(([algorithm, hash]) => [algorithm, hash.digest() as string]));
    },
    dispose() {},
  };
}
