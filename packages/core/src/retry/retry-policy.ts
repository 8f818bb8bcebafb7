import { CloudImagesError } from "../errors/base.js";
import { ConnectionError, RequestTimeoutError } from "../errors/transport-errors.js";
import { HttpError, parseRetryAfter } from "../errors/http-errors.js";
import { delay } from "../http/deadline.js";
import { RETRY_AFTER_ONLY_STATUSES, RETRY_STATUSES } from "../http/request-retry.js";

/** Exponential backoff with jitter, as data. */
export interface BackoffPolicy {
  /** Smallest delay in milliseconds (also the first delay before jitter). */
  readonly minDelayMs: number;
  /** Largest delay in milliseconds. */
  readonly maxDelayMs: number;
  /** Growth factor between two delays (2 doubles the delay each time). */
  readonly factor: number;
  /**
   * Share of each delay that is randomized, 0..1: with 0.5 a computed delay `d` becomes a value
   * between `d/2` and `d` (never below `minDelayMs`). 0 disables jitter.
   */
  readonly jitter: number;
}

/**
 * When and how to retry a failed idempotent call (a GET while polling, by default). Pure data:
 * copy and change it (`{ ...DEFAULT_RETRY_POLICY, maxAttempts: 8 }`).
 */
export interface RetryPolicy {
  /** Total attempts, the first one included (1 = no retry). */
  readonly maxAttempts: number;
  /** HTTP statuses always retried (honouring `Retry-After` when sent, else backing off). */
  readonly retryStatuses: readonly number[];
  /**
   * HTTP statuses retried only when the answer carries `Retry-After` (413: without it, the
   * body is too large or a quota is exceeded, and retrying cannot help).
   */
  readonly retryAfterOnlyStatuses: readonly number[];
  /** Retry connection failures and per-request timeouts (safe for idempotent calls only). */
  readonly retryConnectionErrors: boolean;
  /** Delays between attempts when the server gives no `Retry-After`. */
  readonly backoff: BackoffPolicy;
  /** Longest `Retry-After` honoured, in ms: longer requests are capped to this. */
  readonly maxRetryAfterMs: number;
}

/** Backoff used between retries: 0.5 s, 1 s, 2 s… up to 10 s, half jittered. */
export const DEFAULT_RETRY_BACKOFF: BackoffPolicy = Object.freeze({ minDelayMs: 500, maxDelayMs: 10_000, factor: 2, jitter: 0.5 });

/**
 * The default policy for idempotent GETs (used by waiters' polls): 4 attempts; 429, 502, 503,
 * 504 retried; 413 retried only with `Retry-After`; `Retry-After` honoured up to 60 s;
 * connection errors retried.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  retryStatuses: RETRY_STATUSES,
  retryAfterOnlyStatuses: RETRY_AFTER_ONLY_STATUSES,
  retryConnectionErrors: true,
  backoff: DEFAULT_RETRY_BACKOFF,
  maxRetryAfterMs: 60_000,
});

/** A policy that never retries. */
export const NO_RETRY: RetryPolicy = Object.freeze({ ...DEFAULT_RETRY_POLICY, maxAttempts: 1 });

/**
 * The delay before attempt `attempt + 1` (attempt counts from 0): `minDelayMs · factor^attempt`
 * capped at `maxDelayMs`, then jittered down by up to `jitter` of itself, never below
 * `minDelayMs`. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, backoff: BackoffPolicy, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxDelayMs, backoff.minDelayMs * Math.pow(backoff.factor, Math.max(0, attempt)));
  const jitter = Math.min(1, Math.max(0, backoff.jitter));
  const jittered = base * (1 - jitter * random());
  return Math.round(Math.max(backoff.minDelayMs, Math.min(backoff.maxDelayMs, jittered)));
}

/** The server's `Retry-After` of an error, in milliseconds, when it sent one. */
export function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof HttpError)) return undefined;
  const own = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  const seconds = typeof own === "number" ? own : parseRetryAfter(error.headers["retry-after"]);
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

/**
 * Whether `error` may be retried under `policy`, and after how long (ms) for attempt number
 * `attempt` (0 = the first attempt failed). `undefined` when it must not be retried.
 */
export function retryDelayFor(error: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (attempt + 1 >= policy.maxAttempts) return undefined;
  if (error instanceof HttpError) {
    const after = retryAfterMs(error);
    const always = policy.retryStatuses.includes(error.status);
    const withAfter = policy.retryAfterOnlyStatuses.includes(error.status);
    if (!always && !(withAfter && after !== undefined)) return undefined;
    if (after !== undefined) return Math.min(after, policy.maxRetryAfterMs);
    return backoffDelay(attempt, policy.backoff, random);
  }
  if (policy.retryConnectionErrors && (error instanceof ConnectionError || error instanceof RequestTimeoutError)) {
    return backoffDelay(attempt, policy.backoff, random);
  }
  return undefined;
}

/** The signal passed to `withRetry` was aborted while waiting before a retry. */
export class RetryAbortedError extends CloudImagesError {
  static override readonly errorId: string = "RetryAbortedError";

  constructor(options?: { cause?: unknown }) {
    super("Aborted while waiting to retry", "RETRY_ABORTED", options);
  }
}

/** What `withRetry` reports before each retry. */
export interface RetryEvent {
  /** The error that will be retried. */
  readonly error: unknown;
  /** Attempt that failed, counting from 1. */
  readonly attempt: number;
  /** Delay before the next attempt, in ms. */
  readonly delayMs: number;
}

/** Options of `withRetry`. */
export interface WithRetryOptions {
  /** Stops waiting between attempts; the pending wait rejects with {@link RetryAbortedError}. */
  readonly signal?: AbortSignal | undefined;
  /** Called before each retry (logging, metrics). */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Source of randomness for jitter (tests pass a fixed one). */
  readonly random?: (() => number) | undefined;
}

/**
 * Runs `call` and retries it as `policy` allows. Only use it for idempotent calls (GET, HEAD,
 * PUT of the same body…): a retried POST may act twice. Throws the last error when the policy
 * gives up.
 */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, options: WithRetryOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const delayMs = retryDelayFor(error, attempt, policy, options.random);
      if (delayMs === undefined) throw error;
      options.onRetry?.({ error, attempt: attempt + 1, delayMs });
      try {
        await delay(delayMs, options.signal);
      } catch {
        throw new RetryAbortedError({ cause: error });
      }
    }
  }
}
