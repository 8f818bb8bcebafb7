import type { Worker } from "node:worker_threads";
import { HashStateError, type HashAlgorithm, type HashDigests, type MultiHash } from "@cloud-images/core";
import { builtins } from "../transport/lazy-require.js";
import { sharedBufferState, type SharedBufferState } from "./shared-buffers.js";

// The worker: node:crypto hashes of batches it reads from shared memory (no copy, no transfer):
// a ring of batch slots the main thread copies chunks into, or, for chunks already in shared
// memory of ours (a download's file buffers, see shared-buffers.ts), that memory itself, handed
// over once per session under a key ("share").
//
// After each batch the worker writes the batch's number into the session's progress array
// (shared memory, one [done, wanted] pair per worker). It posts a message only when the main
// thread has asked to be told (`wanted`, taken with compareExchange so that each request is
// answered once): a transfer moving 1 GiB in 1 MiB batches is not woken 1 024 times.
//
// Built-ins come through process.getBuiltinModule (Node >= 20.16): the eval'd source then runs
// whether the worker inherits CommonJS or `--input-type=module`.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule("node:worker_threads");
const { createHash } = process.getBuiltinModule("node:crypto");
const sessions = new Map();
const describe = (error) => String((error && error.message) || error);
parentPort.on("message", (m) => {
  if (m.t === "open") {
    const s = { view: new Uint8Array(m.sab), shared: new Map(), progress: new Int32Array(m.progress), at: 2 * m.index, hashes: [] };
    try {
      s.hashes = m.algorithms.map((a) => [a, createHash(a)]);
    } catch (error) {
      s.error = describe(error);
      parentPort.postMessage({ t: "failed", id: m.id, error: s.error });
    }
    sessions.set(m.id, s);
    return;
  }
  const s = sessions.get(m.id);
  if (!s) return;
  if (m.t === "share") {
    s.shared.set(m.key, new Uint8Array(m.sab));
  } else if (m.t === "data") {
    if (!s.error) {
      try {
        const chunk = (m.key === undefined ? s.view : s.shared.get(m.key)).subarray(m.offset, m.offset + m.length);
        for (const h of s.hashes) h[1].update(chunk);
      } catch (error) {
        s.error = describe(error);
        parentPort.postMessage({ t: "failed", id: m.id, error: s.error });
      }
    }
    Atomics.store(s.progress, s.at, m.seq);
    const wanted = Atomics.load(s.progress, s.at + 1);
    if (wanted !== 0 && m.seq >= wanted && Atomics.compareExchange(s.progress, s.at + 1, wanted, 0) === wanted) {
      parentPort.postMessage({ t: "done", id: m.id });
    }
  } else if (m.t === "digest") {
    sessions.delete(m.id);
    const digests = {};
    if (!s.error) for (const h of s.hashes) digests[h[0]] = h[1].digest("hex");
    parentPort.postMessage({ t: "digest", id: m.id, digests, error: s.error });
  } else if (m.t === "close") {
    sessions.delete(m.id);
  }
});
`;

/** What a worker posts: `done` (a batch asked for is hashed), `digest`, or `failed` (unasked). */
interface WorkerReply {
  readonly t: "done" | "digest" | "failed";
  readonly id: number;
  readonly digests?: HashDigests;
  readonly error?: string | undefined;
}

/** One worker thread, `ref`ed only while a reply is awaited (an idle worker never holds the process open). */
export class HashWorker {
  readonly worker: Worker;
  #awaited = 0;
  readonly #sessions: Map<number, Session>;
  dead: Error | undefined;

  constructor(sessions: Map<number, Session>, onDead: (w: HashWorker) => void) {
    this.#sessions = sessions;
    this.worker = new (builtins.workerThreads().Worker)(WORKER_SOURCE, { eval: true, name: "cloud-images-hash" });
    this.worker.unref();
    this.worker.on("message", (reply: WorkerReply) => {
      if (reply.t !== "failed" && --this.#awaited === 0) this.worker.unref();
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

  /** A reply (`done` or `digest`) will come: the thread holds the process open until it has. */
  awaitReply(): void {
    if (this.#awaited++ === 0) this.worker.ref();
  }

  /** Posts a message. */
  tell(message: unknown): void {
    this.worker.postMessage(message);
  }
}

/** Bytes of a shared buffer of ours not handed to the workers yet: `start` to `end` (contiguous chunks gathered). */
interface InPlaceRun {
  readonly memory: SharedArrayBuffer;
  readonly state: SharedBufferState;
  readonly start: number;
  end: number;
}

/** A batch handed to the workers: a ring slot, or (`slot` -1) bytes of a shared buffer read in place. */
interface Batch {
  readonly seq: number;
  readonly slot: number;
  readonly state: SharedBufferState | undefined;
}

let nextSessionId = 1;

/**
 * One transfer's hashes on worker threads. Chunks are copied into a ring of `slots` batch slots
 * of `batch` bytes in shared memory, except chunks in a shared buffer of ours
 * (`shared-buffers.ts`), which the workers read where they lie (contiguous ones gathered up to
 * `batch` bytes per message). When every slot is being hashed, `update` waits (backpressure).
 */
export class Session implements MultiHash {
  readonly #id = nextSessionId++;
  readonly #sessions: Map<number, Session>;
  readonly #ring: SharedArrayBuffer;
  readonly #onRingFree: (ring: SharedArrayBuffer) => void;
  readonly #view: Uint8Array;
  readonly #batch: number;
  /** The workers of this session, in the order of their pairs in {@link #progress}. */
  readonly #workers: HashWorker[];
  /** Per worker: the last batch it hashed, and the batch after which it is to tell (0: not asked). */
  readonly #progress: Int32Array;
  /** Per worker: whether a `done` reply has been asked for and not come yet. */
  readonly #asked: boolean[];
  readonly #free: number[] = [];
  /** Batches handed over and not known to be hashed, oldest first. */
  readonly #inFlight: Batch[] = [];
  #seq = 0;
  /** The highest batch someone waits for. */
  #wanted = 0;
  #slot = -1;
  #fill = 0;
  /** In-place bytes gathered, not handed over yet (never at the same time as a partly filled slot). */
  #run: InPlaceRun | undefined;
  /** The shared buffers handed to the workers, with the key each goes by there. */
  readonly #shared = new Map<SharedBufferState, number>();
  #error: Error | undefined;
  #state: "open" | "digesting" | "done" = "open";
  #slotWaiter: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #digests: HashDigests = {};
  #digestsLeft = 0;
  #digestDone: { resolve: (d: HashDigests) => void; reject: (error: Error) => void } | undefined;

  constructor(
    sessions: Map<number, Session>,
    ring: SharedArrayBuffer,
    onRingFree: (ring: SharedArrayBuffer) => void,
    batch: number,
    slots: number,
    assigned: ReadonlyMap<HashWorker, HashAlgorithm[]>,
  ) {
    this.#sessions = sessions;
    this.#ring = ring;
    this.#onRingFree = onRingFree;
    this.#view = new Uint8Array(ring);
    this.#batch = batch;
    this.#workers = [...assigned.keys()];
    this.#progress = new Int32Array(new SharedArrayBuffer(8 * this.#workers.length));
    this.#asked = this.#workers.map(() => false);
    for (let i = slots - 1; i >= 0; i--) this.#free.push(i);
    sessions.set(this.#id, this);
    this.#workers.forEach((worker, index) => {
      worker.tell({ t: "open", id: this.#id, sab: ring, progress: this.#progress.buffer, index, algorithms: assigned.get(worker) });
    });
  }

  update(chunk: Uint8Array): void | Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#state !== "open") throw new HashStateError("worker hash fed after its digest");
    const shared = sharedBufferState(chunk);
    if (shared) return this.#gather(chunk, shared);
    this.#postRun();
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.#slot < 0) {
        if (this.#free.length === 0) this.#reclaim();
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
      if (this.#fill === this.#batch) this.#postSlot();
    }
  }

  async #waitThenUpdate(rest: Uint8Array): Promise<void> {
    const oldest = this.#inFlight.find((b) => b.slot >= 0)!;
    await new Promise<void>((resolve, reject) => {
      this.#slotWaiter = { resolve, reject };
      this.#want(oldest.seq);
    });
    await this.update(rest);
  }

  /** Adds an in-place chunk to the run gathered (handing the run over first when the chunk does not continue it). */
  #gather(chunk: Uint8Array, state: SharedBufferState): void {
    if (chunk.byteLength === 0) return;
    // Bytes copied into a slot so far go first: the workers hash in the order they are told.
    if (this.#slot >= 0 && this.#fill > 0) this.#postSlot();
    const memory = chunk.buffer as SharedArrayBuffer;
    const run = this.#run;
    if (run && run.memory === memory && run.end === chunk.byteOffset && run.end - run.start + chunk.byteLength <= this.#batch) {
      run.end += chunk.byteLength;
    } else {
      this.#postRun();
      this.#run = { memory, state, start: chunk.byteOffset, end: chunk.byteOffset + chunk.byteLength };
      state.reader = this.#settle;
    }
    if (this.#run!.end - this.#run!.start >= this.#batch) this.#postRun();
  }

  /** What a shared buffer's owner calls before refilling it: hand over what is gathered there, and ask to be told once it is hashed. */
  readonly #settle = (state: SharedBufferState): void => {
    if (this.#state === "done") return;
    if (this.#run?.state === state) this.#postRun();
    this.#reclaim();
    const last = this.#inFlight.findLast((b) => b.state === state);
    if (last) this.#want(last.seq);
  };

  /** Hands the gathered in-place run to the workers; its buffer is held until they have hashed it. */
  #postRun(): void {
    const run = this.#run;
    if (!run) return;
    this.#run = undefined;
    let key = this.#shared.get(run.state);
    if (key === undefined) {
      key = this.#shared.size;
      this.#shared.set(run.state, key);
      for (const worker of this.#workers) worker.tell({ t: "share", id: this.#id, key, sab: run.memory });
    }
    run.state.hold();
    this.#handOver(-1, run.state, key, run.start, run.end - run.start);
  }

  #postSlot(): void {
    const slot = this.#slot;
    this.#slot = -1;
    this.#handOver(slot, undefined, undefined, slot * this.#batch, this.#fill);
  }

  #handOver(slot: number, state: SharedBufferState | undefined, key: number | undefined, offset: number, length: number): void {
    const seq = ++this.#seq;
    this.#inFlight.push({ seq, slot, state });
    const message = { t: "data", id: this.#id, seq, key, offset, length };
    for (const worker of this.#workers) worker.tell(message);
  }

  /** The last batch every worker has hashed. */
  #hashed(): number {
    let done = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.#workers.length; i++) done = Math.min(done, Atomics.load(this.#progress, 2 * i));
    return done;
  }

  /** Frees the slots and buffers of the batches every worker has hashed. */
  #reclaim(): void {
    const done = this.#hashed();
    while (this.#inFlight.length > 0 && this.#inFlight[0]!.seq <= done) {
      const batch = this.#inFlight.shift()!;
      if (batch.slot >= 0) this.#free.push(batch.slot);
      else batch.state!.release();
    }
    if (this.#slotWaiter && this.#free.length > 0) {
      const waiter = this.#slotWaiter;
      this.#slotWaiter = undefined;
      waiter.resolve();
    }
  }

  /** Asks every worker not yet past batch `seq` to tell once it is (a worker asked already tells first, then is asked again). */
  #want(seq: number): void {
    this.#wanted = Math.max(this.#wanted, seq);
    this.#workers.forEach((worker, i) => {
      if (this.#asked[i] || Atomics.load(this.#progress, 2 * i) >= this.#wanted) return;
      Atomics.store(this.#progress, 2 * i + 1, this.#wanted);
      // Passed it meanwhile: take the request back, unless the worker has taken it (then it tells).
      if (Atomics.load(this.#progress, 2 * i) >= this.#wanted && Atomics.compareExchange(this.#progress, 2 * i + 1, this.#wanted, 0) === this.#wanted) return;
      this.#asked[i] = true;
      worker.awaitReply();
    });
    // Every worker may be past it already (none asked): what waits for it can go on now.
    if (this.#hashed() >= seq) this.#reclaim();
  }

  digests(): Promise<HashDigests> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#state !== "open") return Promise.reject(new HashStateError("worker hash digest asked twice"));
    this.#state = "digesting";
    if (this.#slot >= 0 && this.#fill > 0) this.#postSlot();
    this.#postRun();
    const done = new Promise<HashDigests>((resolve, reject) => (this.#digestDone = { resolve, reject }));
    this.#digestsLeft = this.#workers.length;
    for (const worker of this.#workers) {
      worker.awaitReply();
      worker.tell({ t: "digest", id: this.#id });
    }
    return done;
  }

  dispose(): void {
    if (this.#state === "done") return;
    this.#fail(new Error("hash: disposed"));
  }

  onReply(worker: HashWorker, reply: WorkerReply): void {
    if (reply.t === "failed") return this.#fail(new Error(`hash worker: ${reply.error}`));
    if (reply.t === "done") {
      this.#asked[this.#workers.indexOf(worker)] = false;
      this.#reclaim();
      if (this.#hashed() < this.#wanted) this.#want(this.#wanted);
      return;
    }
    if (reply.error !== undefined) return this.#fail(new Error(`hash worker: ${reply.error}`));
    Object.assign(this.#digests, reply.digests);
    if (--this.#digestsLeft === 0) {
      const done = this.#digestDone;
      this.#finish();
      done?.resolve(this.#digests);
    }
  }

  onWorkerDead(worker: HashWorker, error: Error): void {
    if (this.#workers.includes(worker)) this.#fail(error);
  }

  #fail(error: Error): void {
    if (this.#state === "done") return;
    this.#error = error;
    for (const worker of this.#workers) if (!worker.dead) worker.tell({ t: "close", id: this.#id });
    const waiter = this.#slotWaiter;
    const done = this.#digestDone;
    this.#finish();
    waiter?.reject(error);
    done?.reject(error);
  }

  #finish(): void {
    this.#state = "done";
    this.#slotWaiter = undefined;
    this.#digestDone = undefined;
    this.#sessions.delete(this.#id);
    if (this.#run?.state.reader === this.#settle) this.#run.state.reader = undefined;
    this.#run = undefined;
    this.#reclaim();
    // The hashes are over: a worker still reading a buffer of ours reads for nothing, so its
    // owner may refill it now.
    for (const batch of this.#inFlight) batch.state?.release();
    for (const state of this.#shared.keys()) if (state.reader === this.#settle) state.reader = undefined;
    // Reuse the ring only once no worker can still be reading it.
    if (!this.#inFlight.some((b) => b.slot >= 0)) this.#onRingFree(this.#ring);
    this.#inFlight.length = 0;
  }
}
