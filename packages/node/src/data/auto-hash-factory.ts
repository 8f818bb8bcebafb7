import { availableParallelism } from "node:os";
import type { HashAlgorithm, HashFactory, IncrementalHash, MultiHash } from "@cloud-images/core";
import { nodeHashFactory } from "./node-hash-factory.js";
import { createWorkerHashFactory, type WorkerHashFactory } from "./worker-hash-factory.js";

/**
 * From this many bytes a transfer hashes on worker threads by default (see `autoHashFactory`);
 * below it the hash costs less than starting the threads the first time (~30 ms, a few MB each).
 */
export const WORKER_HASH_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Worker threads pay with a second core for the hash beside the transfer's own thread: from
 * this many cores up. On 2 cores, with the byte path that allocates nothing per chunk (the
 * default transport's own-socket downloads), the bench measured a verified 1 GiB download
 * ~11 % faster with the hash on a worker (2.71 s against 3.05 s, Glance on the same 2 cores).
 */
export const WORKER_HASH_MIN_CORES = 2;

let workers: WorkerHashFactory | undefined;

/** The process's shared worker pool, started on the first large transfer (its idle threads never hold the process open). */
function sharedWorkers(): WorkerHashFactory {
  return (workers ??= createWorkerHashFactory());
}

/** Settings of {@link createAutoHashFactory} (internal: tests set the machine's size). */
export interface AutoHashSettings {
  readonly minBytes?: number;
  readonly cores?: number;
  readonly workers?: () => WorkerHashFactory;
}

/** The rule of {@link autoHashFactory}, with the size threshold and core count given. */
export function createAutoHashFactory(settings: AutoHashSettings = {}): HashFactory {
  const minBytes = settings.minBytes ?? WORKER_HASH_MIN_BYTES;
  const enoughCores = (settings.cores ?? availableParallelism()) >= WORKER_HASH_MIN_CORES;
  const workerFactory = settings.workers ?? sharedWorkers;
  const onWorkers = (expectedBytes: number | undefined): boolean => enoughCores && (expectedBytes === undefined || expectedBytes >= minBytes);
  return {
    name: enoughCores ? "node:crypto (worker threads for large transfers)" : "node:crypto",
    create(algorithm: HashAlgorithm, expectedBytes?: number): IncrementalHash | Promise<IncrementalHash> {
      return onWorkers(expectedBytes) ? workerFactory().create(algorithm, expectedBytes) : nodeHashFactory.create(algorithm, expectedBytes);
    },
    createMany(algorithms: readonly HashAlgorithm[], expectedBytes?: number): MultiHash | Promise<MultiHash> {
      return onWorkers(expectedBytes) ? workerFactory().createMany!(algorithms, expectedBytes) : mainThread(algorithms);
    },
  };
}

/**
 * The Node client's default `HashFactory`: `node:crypto` on worker threads for transfers of
 * `WORKER_HASH_MIN_BYTES` (32 MiB) or more (and of unknown size) on a machine with at least
 * `WORKER_HASH_MIN_CORES` (2) cores, so hashing runs on another core while the main thread
 * moves the bytes — a verified download then takes about the slower of the transfer and the
 * hash instead of their sum; `node:crypto` on the calling thread otherwise (small transfers: the
 * hash costs less than starting the threads; one core: no other core to run it). Pass
 * `hashFactory: createWorkerHashFactory()` to force worker threads, `nodeHashFactory` to keep
 * every hash on the calling thread.
 */
export const autoHashFactory: HashFactory = createAutoHashFactory();

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
