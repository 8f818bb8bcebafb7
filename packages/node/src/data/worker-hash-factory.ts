import { availableParallelism } from "node:os";
import type { HashAlgorithm, HashFactory, IncrementalHash } from "@cloud-images/core";
import { InputChecker } from "@cloud-images/core/internal";
import { HashWorker, Session } from "./worker-hash-session.js";

/** Options of {@link createWorkerHashFactory}. */
export interface WorkerHashOptions {
  /** Bytes gathered before a batch is handed to the worker(s) (default 1 MiB). */
  readonly batchBytes?: number | undefined;
  /**
   * Batches in flight per transfer (default 4). When every batch is still being hashed, the
   * transfer waits (backpressure): memory stays at `batchBytes × batches` per transfer.
   */
  readonly batches?: number | undefined;
  /**
   * Worker threads at most (default: {@link defaultHashWorkers}, 2 from 3 cores up, else 1).
   * Several algorithms of one transfer (md5 and sha512 of an upload) are spread over the
   * workers and hashed in parallel; 1 puts them all on one.
   */
  readonly workers?: number | undefined;
}

/**
 * The worker threads a {@link createWorkerHashFactory} starts at most by default: one per
 * algorithm of an upload (md5 and sha512: 2) when there is a core for each beside the thread
 * that moves the bytes, else 1. On 2 cores two hash threads and the transfer's own share two
 * cores: `pnpm bench` measured a verified upload 2–7 % slower with 2 workers than with 1 there,
 * and each worker holds ~9 MB. One thread doing both hashes keeps up with Glance, which hashes
 * an upload's md5 and sha512 on one thread of its own.
 */
export function defaultHashWorkers(cores: number = availableParallelism()): number {
  return cores >= 3 ? 2 : 1;
}

/** A {@link HashFactory} whose hashes run on worker threads; `terminate` stops the threads. */
export interface WorkerHashFactory extends HashFactory {
  /** Stops the worker threads (they are `unref`ed while idle, so this is optional). */
  terminate(): Promise<void>;
}

/** The worker threads of one factory, started as transfers need them, and a spare ring. */
class Pool {
  readonly sessions = new Map<number, Session>();
  readonly #workers: HashWorker[] = [];
  readonly #max: number;
  readonly #batch: number;
  readonly #slots: number;
  /** One idle ring kept for the next transfer (no fresh pages to fault in each time). */
  #spare: SharedArrayBuffer | undefined;
  #next = 0;

  constructor(max: number, batch: number, slots: number) {
    this.#max = max;
    this.#batch = batch;
    this.#slots = slots;
  }

  open(algorithms: readonly HashAlgorithm[]): Session {
    const list = [...new Set(algorithms)];
    const count = Math.min(this.#max, Math.max(1, list.length));
    while (this.#workers.length < count) {
      this.#workers.push(
        new HashWorker(this.sessions, (dead) => {
          const i = this.#workers.indexOf(dead);
          if (i >= 0) this.#workers.splice(i, 1);
        }),
      );
    }
    // Spread the algorithms over `count` workers, starting at a rotating one (concurrent transfers).
    const assigned = new Map<HashWorker, HashAlgorithm[]>();
    const start = this.#next++;
    list.forEach((algorithm, i) => {
      const worker = this.#workers[(start + (i % count)) % this.#workers.length]!;
      assigned.set(worker, [...(assigned.get(worker) ?? []), algorithm]);
    });
    const size = this.#batch * this.#slots;
    const ring = this.#spare?.byteLength === size ? this.#spare : new SharedArrayBuffer(size);
    this.#spare = undefined;
    return new Session(this.sessions, ring, (free) => this.giveBack(free), this.#batch, this.#slots, assigned);
  }

  giveBack(ring: SharedArrayBuffer): void {
    this.#spare = ring;
  }

  async terminate(): Promise<void> {
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/**
 * A {@link HashFactory} on `node:crypto` running on worker threads: the main thread copies each
 * chunk into a shared batch buffer (~0.2 s per GiB) and goes on with socket and file I/O while
 * another core hashes; `data.downloadToFile` reads into shared buffers of its own, which the
 * workers hash where they lie. At most `batches` batches per transfer are in flight; when all
 * are, the transfer waits. A worker's failure fails the transfer's next `update` or `digest`.
 */
export function createWorkerHashFactory(options: WorkerHashOptions = {}): WorkerHashFactory {
  const batch = options.batchBytes ?? 1024 * 1024;
  const slots = options.batches ?? 4;
  const workers = options.workers ?? defaultHashWorkers();
  const check = new InputChecker("createWorkerHashFactory");
  check.integer(["batchBytes"], batch, { min: 1024 });
  check.integer(["batches"], slots, { min: 1 });
  check.integer(["workers"], workers, { min: 1 });
  check.throwIfInvalid();
  const pool = new Pool(workers, batch, slots);
  return {
    name: "node:crypto (worker threads)",
    createMany: (algorithms) => pool.open(algorithms),
    create(algorithm): IncrementalHash {
      const session = pool.open([algorithm]);
      return {
        update: (chunk) => session.update(chunk),
        digest: async () => (await session.digests())[algorithm] ?? "",
        dispose: () => session.dispose(),
      };
    },
    terminate: () => pool.terminate(),
  };
}
