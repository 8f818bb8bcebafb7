import type { Worker } from "node:worker_threads";
import { HashStateError, type HashAlgorithm, type HashDigests, type HashFactory, type IncrementalHash, type MultiHash } from "@cloud-images/core";
import { InputChecker } from "@cloud-images/core/internal";
import { builtins } from "../transport/lazy-require.js";

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
   * Worker threads at most (default 2). Several algorithms of one transfer (md5 and sha512 of
   * an upload) are spread over the workers and hashed in parallel; 1 puts them all on one.
   */
  readonly workers?: number | undefined;
}

/** A {@link HashFactory} whose hashes run on worker threads; `terminate` stops the threads. */
export interface WorkerHashFactory extends HashFactory {
  /** Stops the worker threads (they are `unref`ed while idle, so this is optional). */
  terminate(): Promise<void>;
}

// The worker: node:crypto hashes of batches read from a SharedArrayBuffer ring it shares with
// the main thread (no copy, no transfer); it acknowledges each batch so the slot can be refilled.
// Built-ins come through process.getBuiltinModule (Node ≥ 20.16): the eval'd source then runs
// whether the worker inherits CommonJS or `--input-type=module`.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule("node:worker_threads");
const { createHash } = process.getBuiltinModule("node:crypto");
const sessions = new Map();
parentPort.on("message", (m) => {
  if (m.t === "open") {
    try {
      sessions.set(m.id, { view: new Uint8Array(m.sab), hashes: m.algorithms.map((a) => [a, createHash(a)]) });
    } catch (error) {
      sessions.set(m.id, { error: String(error && error.message || error) });
    }
    return;
  }
  const s = sessions.get(m.id);
  if (m.t === "data") {
    if (s && !s.error) {
      try {
        const chunk = s.view.subarray(m.offset, m.offset + m.length);
        for (const h of s.hashes) h[1].update(chunk);
      } catch (error) {
        s.error = String(error && error.message || error);
      }
    }
    parentPort.postMessage({ t: "ack", id: m.id, slot: m.slot, error: s && s.error });
  } else if (m.t === "digest") {
    sessions.delete(m.id);
    const digests = {};
    if (s && !s.error) for (const h of s.hashes) digests[h[0]] = h[1].digest("hex");
    parentPort.postMessage({ t: "digest", id: m.id, digests, error: s ? s.error : "unknown hash session" });
  } else if (m.t === "close") {
    sessions.delete(m.id);
  }
});
`;

interface WorkerReply {
  readonly t: "ack" | "digest";
  readonly id: number;
  readonly slot?: number;
  readonly digests?: HashDigests;
  readonly error?: string | undefined;
}

/** One worker thread, `ref`ed only while a reply is awaited (an idle worker never holds the process open). */
class HashWorker {
  readonly worker: Worker;
  #busy = 0;
  readonly #sessions: Map<number, Session>;
  dead: Error | undefined;

  constructor(sessions: Map<number, Session>, onDead: (w: HashWorker) => void) {
    this.#sessions = sessions;
    this.worker = new (builtins.workerThreads().Worker)(WORKER_SOURCE, { eval: true, name: "cloud-images-hash" });
    this.worker.unref();
    this.worker.on("message", (reply: WorkerReply) => {
      if (--this.#busy === 0) this.worker.unref();
      this.#sessions.get(reply.id)?.onReply(this, reply);
    });
    const fail = (error: Error): void => {
      if (this.dead) return;
      this.dead = error;
      onDead(this);
      for (const session of this.#sessions.values()) session.onWorkerDead(this, error);
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`hash worker exited (code ${code})`)));
  }

  /** Posts a message that the worker answers. */
  request(message: unknown): void {
    if (this.#busy++ === 0) this.worker.ref();
    this.worker.postMessage(message);
  }

  /** Posts a message without an answer. */
  tell(message: unknown): void {
    this.worker.postMessage(message);
  }
}

let nextSessionId = 1;

/** One transfer's hashes: a ring of `batches` slots of `batchBytes` in a SharedArrayBuffer. */
class Session implements MultiHash {
  readonly #id = nextSessionId++;
  readonly #pool: Pool;
  readonly #ring: SharedArrayBuffer;
  readonly #view: Uint8Array;
  readonly #batch: number;
  /** Worker → the algorithms it computes for this session. */
  readonly #workers: Map<HashWorker, HashAlgorithm[]>;
  /** Acknowledgements still expected per slot. */
  readonly #pending: number[];
  readonly #free: number[] = [];
  #slot = -1;
  #fill = 0;
  #error: Error | undefined;
  #state: "open" | "digesting" | "done" = "open";
  #waiter: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #digests: HashDigests = {};
  #digestsLeft = 0;
  #digestDone: { resolve: (d: HashDigests) => void; reject: (error: Error) => void } | undefined;

  constructor(pool: Pool, ring: SharedArrayBuffer, batch: number, slots: number, workers: Map<HashWorker, HashAlgorithm[]>) {
    this.#pool = pool;
    this.#ring = ring;
    this.#view = new Uint8Array(ring);
    this.#batch = batch;
    this.#workers = workers;
    this.#pending = new Array<number>(slots).fill(0);
    for (let i = slots - 1; i >= 0; i--) this.#free.push(i);
    pool.sessions.set(this.#id, this);
    for (const [worker, algorithms] of workers) worker.tell({ t: "open", id: this.#id, sab: ring, algorithms });
  }

  update(chunk: Uint8Array): void | Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#state !== "open") throw new HashStateError("worker hash fed after its digest");
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.#slot < 0) {
        const slot = this.#free.pop();
        // Every slot is being hashed: wait for one (backpressure), then copy the rest.
        if (slot === undefined) return this.#waitThenUpdate(chunk.subarray(at));
        this.#slot = slot;
        this.#fill = 0;
      }
      const n = Math.min(this.#batch - this.#fill, chunk.byteLength - at);
      this.#view.set(n === chunk.byteLength ? chunk : chunk.subarray(at, at + n), this.#slot * this.#batch + this.#fill);
      this.#fill += n;
      at += n;
      if (this.#fill === this.#batch) this.#post();
    }
  }

  async #waitThenUpdate(rest: Uint8Array): Promise<void> {
    await new Promise<void>((resolve, reject) => (this.#waiter = { resolve, reject }));
    await this.update(rest);
  }

  #post(): void {
    const slot = this.#slot;
    this.#slot = -1;
    this.#pending[slot] = this.#workers.size;
    const message = { t: "data", id: this.#id, slot, offset: slot * this.#batch, length: this.#fill };
    for (const worker of this.#workers.keys()) worker.request(message);
  }

  digests(): Promise<HashDigests> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#state !== "open") return Promise.reject(new HashStateError("worker hash digest asked twice"));
    this.#state = "digesting";
    if (this.#slot >= 0 && this.#fill > 0) this.#post();
    const done = new Promise<HashDigests>((resolve, reject) => (this.#digestDone = { resolve, reject }));
    this.#digestsLeft = this.#workers.size;
    for (const worker of this.#workers.keys()) worker.request({ t: "digest", id: this.#id });
    return done;
  }

  dispose(): void {
    if (this.#state === "done") return;
    this.#fail(new Error("hash: disposed"));
  }

  onReply(worker: HashWorker, reply: WorkerReply): void {
    if (reply.error !== undefined && reply.t === "ack") return this.#fail(new Error(`hash worker: ${reply.error}`));
    if (reply.t === "ack") {
      const slot = reply.slot!;
      if (--this.#pending[slot]! === 0) {
        this.#free.push(slot);
        const waiter = this.#waiter;
        this.#waiter = undefined;
        waiter?.resolve();
      }
      return;
    }
    if (reply.error !== undefined) return this.#fail(new Error(`hash worker: ${reply.error}`));
    Object.assign(this.#digests, reply.digests);
    if (--this.#digestsLeft === 0 && this.#workers.has(worker)) {
      const done = this.#digestDone;
      this.#finish();
      done?.resolve(this.#digests);
    }
  }

  onWorkerDead(worker: HashWorker, error: Error): void {
    if (this.#workers.has(worker)) this.#fail(error);
  }

  #fail(error: Error): void {
    if (this.#state === "done") return;
    this.#error = error;
    for (const worker of this.#workers.keys()) if (!worker.dead) worker.tell({ t: "close", id: this.#id });
    const waiter = this.#waiter;
    const done = this.#digestDone;
    this.#finish();
    waiter?.reject(error);
    done?.reject(error);
  }

  #finish(): void {
    this.#state = "done";
    this.#waiter = undefined;
    this.#digestDone = undefined;
    this.#pool.sessions.delete(this.#id);
    // Reuse the ring only once no worker can still be reading it.
    if (this.#pending.every((n) => n === 0)) this.#pool.giveBack(this.#ring);
  }
}

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
    return new Session(this, ring, this.#batch, this.#slots, assigned);
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
 * another core hashes. At most `batches` batches per transfer are in flight; when all are, the
 * transfer waits. A worker's failure fails the transfer's next `update` or `digest`.
 */
export function createWorkerHashFactory(options: WorkerHashOptions = {}): WorkerHashFactory {
  const batch = options.batchBytes ?? 1024 * 1024;
  const slots = options.batches ?? 4;
  const workers = options.workers ?? 2;
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
