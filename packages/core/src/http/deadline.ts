/**
 * The deadline of one call: a single signal that aborts when the caller's signal does or when
 * the call's total time runs out, whatever the call is doing at that moment (waiting for a
 * pooled connection, logging in, sleeping before a retry, reading the body).
 */
export interface Deadline {
  /** Aborts on the caller's abort or at the deadline. Hand it to every step of the call. */
  readonly signal: AbortSignal;
  /** The total time in ms (`Infinity`: none). */
  readonly timeoutMs: number;
  /** Milliseconds left (`Infinity` without a deadline). */
  remainingMs(): number;
  /** The deadline passed (and the caller had not aborted first). */
  timedOut(): boolean;
  /** The caller aborted (before any deadline). */
  userAborted(): boolean;
  /** Stops the timer and detaches from the caller's signal. Idempotent. */
  release(): void;
}

/** Starts a deadline of `timeoutMs` (already validated: positive ms ≤ 2^31−1, or `Infinity`). */
export function startDeadline(userSignal: AbortSignal | undefined, timeoutMs: number, now: () => number = Date.now): Deadline {
  const controller = new AbortController();
  const started = now();
  let timedOut = false;
  let released = false;
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs)
    : undefined;
  const onAbort = (): void => controller.abort(userSignal?.reason);
  if (userSignal) {
    if (userSignal.aborted) controller.abort(userSignal.reason);
    else userSignal.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timeoutMs,
    remainingMs: () => (Number.isFinite(timeoutMs) ? Math.max(0, timeoutMs - (now() - started)) : Number.POSITIVE_INFINITY),
    timedOut: () => timedOut,
    userAborted: () => userSignal?.aborted === true && !timedOut,
    release: () => {
      if (released) return;
      released = true;
      if (timer !== undefined) clearTimeout(timer);
      userSignal?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * Settles with `promise` unless `signal` aborts first; then rejects with the signal's reason at
 * once, and `onLate` receives the value if the promise still fulfils (to release it).
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal, onLate?: (value: T) => void): Promise<T> {
  if (signal.aborted) {
    promise.then((v) => onLate?.(v), () => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      settled = true;
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (settled) onLate?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        if (!settled) reject(error);
      },
    );
  });
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
