import type { InputChecker } from "../validation/checker.js";

/** Longest finite deadline a timer can hold (2^31−1 ms, about 24.8 days); longer ones are refused. */
export const MAX_TIMEOUT_MS = 2_147_483_647;
/** Most retries a call may ask for. */
export const MAX_RETRIES_LIMIT = 10;

/** Options every SDK call accepts. */
export interface CallOptions {
  /** Aborts the call. An aborted call throws `RequestAbortedError` and is never retried. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Total time allowed for the call, in milliseconds: waiting for a pooled connection, logging
   * in and reading the service catalog, every retry and the response body included (default:
   * the client's `timeoutMs`). A positive number up to {@link MAX_TIMEOUT_MS}, or `Infinity`
   * for no deadline. Anything else is a `ValidationError`.
   */
  readonly timeoutMs?: number | undefined;
  /** Extra request headers for this call only (checked: no CR, LF, NUL or non-Latin-1 characters). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * How many times a failed idempotent request is retried (connection failures, 502/503/504,
   * 429 and 413 with `Retry-After`); default: the client's `maxRetries` (2). 0 disables retries.
   */
  readonly maxRetries?: number | undefined;
}

/** Records the problems of a `timeoutMs` value (positive ms ≤ {@link MAX_TIMEOUT_MS}, or `Infinity`). */
export function checkTimeout(check: InputChecker, path: readonly (string | number)[], value: unknown): void {
  if (value === Number.POSITIVE_INFINITY) return;
  if (typeof value !== "number" || Number.isNaN(value)) {
    check.fail(path, `must be a number of milliseconds (or Infinity for no deadline), got ${describe(value)}`);
  } else if (value <= 0) {
    check.fail(path, `must be greater than 0 ms (or Infinity for no deadline), got ${value}`);
  } else if (value > MAX_TIMEOUT_MS) {
    check.fail(path, `must be at most ${MAX_TIMEOUT_MS} ms (about 24.8 days; use Infinity for no deadline), got ${value}`);
  }
}

/** Records the problems of a `maxRetries` value (an integer 0…{@link MAX_RETRIES_LIMIT}). */
export function checkMaxRetries(check: InputChecker, path: readonly (string | number)[], value: unknown): void {
  check.integer(path, value, { min: 0, max: MAX_RETRIES_LIMIT });
}

/** Records the problems of the options of one call (`signal`, `timeoutMs`, `headers`, `maxRetries`). */
export function checkCallOptions(check: InputChecker, options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null) {
    check.fail(["options"], `must be an object of call options, got ${describe(options)}`);
    return;
  }
  const o = options as Record<string, unknown>;
  if (o.timeoutMs !== undefined) checkTimeout(check, ["options", "timeoutMs"], o.timeoutMs);
  if (o.maxRetries !== undefined) checkMaxRetries(check, ["options", "maxRetries"], o.maxRetries);
  if (o.signal !== undefined && !isAbortSignal(o.signal)) check.fail(["options", "signal"], "must be an AbortSignal");
  if (o.headers !== undefined && (typeof o.headers !== "object" || o.headers === null || Array.isArray(o.headers))) {
    check.fail(["options", "headers"], "must be an object of header names to string values");
  }
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === "object" && value !== null && typeof (value as AbortSignal).aborted === "boolean" && typeof (value as AbortSignal).addEventListener === "function";
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  return typeof value === "object" ? "an object" : String(value);
}
