/** Frees a slot taken from {@link OriginSlots} (later calls do nothing). */
export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
  readonly refuse: () => void;
}

interface Origin {
  taken: number;
  readonly waiters: Waiter[];
}

/**
 * At most `limit` holders at once per origin; later callers wait in the order they came. A
 * waiter whose signal aborts leaves the queue with the signal's reason and takes no slot;
 * `refuseAll` fails every waiter (the transport is closing). Slots are held by connections the
 * transport opens outside its keep-alive pool (image downloads), so that `connections` bounds
 * them as well.
 */
export class OriginSlots {
  readonly #limit: number;
  readonly #origins = new Map<string, Origin>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Resolves with a slot's release once one is free for `origin`; rejects with the signal's
   * reason if it aborts first, or with `refusal()` if {@link refuseAll} comes first.
   */
  take(origin: string, signal: AbortSignal | undefined, refusal: () => unknown): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let entry = this.#origins.get(origin);
    if (!entry) this.#origins.set(origin, (entry = { taken: 0, waiters: [] }));
    if (entry.taken < this.#limit) {
      entry.taken++;
      return Promise.resolve(this.#release(origin, entry));
    }
    const queued = entry;
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = (): void => {
        const at = queued.waiters.indexOf(waiter);
        if (at >= 0) queued.waiters.splice(at, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        refuse: () => {
          signal?.removeEventListener("abort", onAbort);
          reject(refusal());
        },
      };
      queued.waiters.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Fails every waiting caller (each with its own `refusal()`); slots held stay held until released. */
  refuseAll(): void {
    for (const entry of this.#origins.values()) {
      for (const waiter of entry.waiters.splice(0)) waiter.refuse();
    }
  }

  #release(origin: string, entry: Origin): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = entry.waiters.shift();
      // The slot passes straight to the next waiter; with none, it is given back.
      if (next) next.grant(this.#release(origin, entry));
      else if (--entry.taken === 0) this.#origins.delete(origin);
    };
  }
}
