import { HttpError } from "../errors/http-errors.js";
import { ConnectionError, RequestTimeoutError } from "../errors/transport-errors.js";

/** How the HTTP layer retries a failed idempotent request. Pure data. */
export interface RequestRetrySettings {
  /** Retries after the first attempt (default 2; 0 = none). */
  readonly maxRetries: number;
  /** Base of the exponential backoff, in ms (default 500): attempt n waits up to `base · 2^n`. */
  readonly baseDelayMs: number;
  /** Cap of one backoff delay, in ms (default 8 s). */
  readonly maxDelayMs: number;
  /** Longest `Retry-After` honoured, in ms (default 60 s): a longer one is waited only this long. */
  readonly maxRetryAfterMs: number;
}

/** Defaults of {@link RequestRetrySettings}: 2 retries, 0.5 s base, 8 s cap, `Retry-After` up to 60 s. */
export const DEFAULT_REQUEST_RETRY: RequestRetrySettings = Object.freeze({ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 });

/** Statuses always retried: with backoff, or after their `Retry-After` when they send one. */
export const RETRY_STATUSES: readonly number[] = Object.freeze([429, 502, 503, 504]);
/** Statuses retried only after a `Retry-After` (413: without one, the body is too large or a quota is exceeded). */
export const RETRY_AFTER_ONLY_STATUSES: readonly number[] = Object.freeze([413]);

/** HTTP methods whose requests can be sent twice with the effect of once. */
const IDEMPOTENT_METHODS: readonly string[] = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"];

/** Whether a request may be retried at all: an idempotent method (or one flagged so), and a body that can be sent again. */
export function isRetryable(method: string, idempotent: boolean | undefined, body: unknown): boolean {
  const replayable = body === undefined || body instanceof Uint8Array;
  return replayable && (idempotent ?? IDEMPOTENT_METHODS.includes(method));
}

/**
 * The delay before retry number `retry` (0-based) after `error`, or `undefined` when it must not
 * be retried: exponential backoff with full jitter (`random · min(max, base · 2^retry)`), or the
 * server's `Retry-After` (seconds or HTTP-date, capped at `maxRetryAfterMs`).
 */
export function requestRetryDelay(error: unknown, retry: number, settings: RequestRetrySettings, random: () => number = Math.random): number | undefined {
  if (retry >= settings.maxRetries) return undefined;
  const backoff = (): number => Math.round(random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry));
  if (error instanceof HttpError) {
    const after = error.retryAfterSeconds;
    if (after !== undefined && (RETRY_STATUSES.includes(error.status) || RETRY_AFTER_ONLY_STATUSES.includes(error.status))) {
      return Math.min(Math.max(0, Math.round(after * 1000)), settings.maxRetryAfterMs);
    }
    return RETRY_STATUSES.includes(error.status) ? backoff() : undefined;
  }
  if (error instanceof ConnectionError || error instanceof RequestTimeoutError) return backoff();
  return undefined;
}

/**
 * The delay before retry number `retry` (0-based) of a request answered with one of its
 * `settlingStatuses` after a cut attempt, or `undefined` when no retry is left:
 * `base · 2^(retry + 1)` capped at `maxDelayMs`, without jitter — the server needs time to settle
 * the cut attempt (Glance: about a second), so a retry sent at once would only meet the same answer.
 */
export function settlingRetryDelay(retry: number, settings: RequestRetrySettings): number | undefined {
  if (retry >= settings.maxRetries) return undefined;
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry + 1));
}
