import type { InputChecker } from "../validation/checker.js";

/** Default total timeout of a wait: 10 minutes. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/** Default smallest delay between two polls: 1 s (the delays then double, jittered). */
export const DEFAULT_MIN_DELAY_MS = 1_000;

/** Default largest delay between two polls: 15 s. */
export const DEFAULT_MAX_DELAY_MS = 15_000;

/** Longest wait or delay a timer can hold: 2^31−1 ms (about 24.8 days). Longer values are refused. */
export const MAX_WAIT_MS = 2_147_483_647;

/** Reported to `onProgress` after every poll of a waiter. */
export interface WaitProgress<T> {
  /** Number of this poll, counting from 1. */
  readonly attempt: number;
  /** Time since the wait started, in ms. */
  readonly elapsedMs: number;
  /** The polled object's state as the waiter reads it (an image's `status`, `gone (404)`…). */
  readonly state: string | undefined;
  /** The polled object itself. */
  readonly value: T;
  /** Delay before the next poll in ms; `undefined` when this poll ended the wait. */
  readonly nextDelayMs: number | undefined;
}

/**
 * The options every waiter takes (`client.waitFor.image`, `.imageDeleted`, `.task`, compute
 * `waitFor.image`…, and the generic {@link waitFor}). Checked before the first poll: invalid values
 * are a `ValidationError` and nothing is sent.
 */
export interface WaitOptions<T> {
  /**
   * Total time allowed, in ms (default {@link DEFAULT_WAIT_TIMEOUT_MS}): a finite number > 0 and
   * at most `MAX_WAIT_MS` (2³¹−1 ms, about 24.8 days). Waits never run forever.
   */
  readonly timeoutMs?: number | undefined;
  /** First (and smallest) delay between polls in ms (default 1 000); the delay doubles, jittered, up to `maxDelayMs`. */
  readonly minDelayMs?: number | undefined;
  /** Largest delay between polls in ms (default 15 000, or `minDelayMs` when that is larger). */
  readonly maxDelayMs?: number | undefined;
  /** Stops waiting: the wait rejects with `WaiterAbortedError` (the last polled object in `last`). */
  readonly signal?: AbortSignal | undefined;
  /** Called after every poll, with the polled object and its state. */
  readonly onProgress?: ((progress: WaitProgress<T>) => void) | undefined;
  /** Extra headers sent with every poll. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** The delays of a wait once defaults are applied. */
export interface ResolvedDelays {
  readonly timeoutMs: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Records every problem of a waiter's options in `check` (nothing thrown here: the caller
 * throws once, with its own input problems too) and returns the delays with defaults applied.
 * When only one delay is given, the other default follows it (`minDelayMs: 30_000` alone gives
 * `maxDelayMs: 30_000`). Problems are reported under `at` (`options.timeoutMs`…).
 */
export function checkWaitOptions<T>(check: InputChecker, options: WaitOptions<T> | undefined, at: readonly string[] = ["options"], defaults: Partial<ResolvedDelays> = {}): ResolvedDelays {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    check.fail([...at], "must be an object of wait options ({ timeoutMs, minDelayMs, maxDelayMs, signal, onProgress })");
    return { timeoutMs: 1, minDelayMs: 1, maxDelayMs: 1 };
  }
  const o: WaitOptions<T> = options ?? {};
  const timeoutMs = o.timeoutMs === undefined ? (defaults.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS) : o.timeoutMs;
  checkMs(check, [...at, "timeoutMs"], timeoutMs, "waits never run forever");
  const givenMin = o.minDelayMs;
  const givenMax = o.maxDelayMs;
  const defaultMin = defaults.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
  const defaultMax = defaults.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const minOk = givenMin === undefined || checkMs(check, [...at, "minDelayMs"], givenMin);
  const maxOk = givenMax === undefined || checkMs(check, [...at, "maxDelayMs"], givenMax);
  const minDelayMs = givenMin ?? (typeof givenMax === "number" && maxOk ? Math.min(defaultMin, givenMax) : defaultMin);
  const maxDelayMs = givenMax ?? (typeof givenMin === "number" && minOk ? Math.max(defaultMax, givenMin) : defaultMax);
  if (minOk && maxOk && minDelayMs > maxDelayMs) {
    check.fail([...at, "maxDelayMs"], `must be ≥ minDelayMs (${minDelayMs}), got ${maxDelayMs}`);
  }
  if (o.signal !== undefined && !isAbortSignal(o.signal)) check.fail([...at, "signal"], "must be an AbortSignal");
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") check.fail([...at, "onProgress"], "must be a function");
  if (o.headers !== undefined && (typeof o.headers !== "object" || o.headers === null || Array.isArray(o.headers))) {
    check.fail([...at, "headers"], "must be an object of header names to string values");
  }
  return { timeoutMs, minDelayMs, maxDelayMs };
}

/** Records a problem unless `value` is a finite number of ms in (0, `MAX_WAIT_MS`]; tells whether it was. */
function checkMs(check: InputChecker, path: readonly string[], value: unknown, why?: string): boolean {
  const reason = why === undefined ? "" : ` (${why})`;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    check.fail(path, `must be a finite number of milliseconds${reason}, got ${describe(value)}`);
    return false;
  }
  if (value <= 0) {
    check.fail(path, `must be greater than 0 ms, got ${value}`);
    return false;
  }
  if (value > MAX_WAIT_MS) {
    check.fail(path, `must be at most ${MAX_WAIT_MS} ms (about 24.8 days; a timer cannot hold more), got ${value}`);
    return false;
  }
  return true;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === "object" && value !== null && typeof (value as AbortSignal).aborted === "boolean" && typeof (value as AbortSignal).addEventListener === "function";
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  return value === null ? "null" : value === undefined ? "nothing" : typeof value;
}
