import { ValidationError } from "../errors/validation-error.js";
import { DEFAULT_RETRY_POLICY, NO_RETRY, backoffDelay, sleep, withRetry, type BackoffPolicy, type RetryEvent, type RetryPolicy } from "../retry/retry-policy.js";
import { WaitFailedError, WaiterAbortedError, WaiterTimeoutError } from "./waiter-errors.js";

/** Default total timeout of a wait: 10 minutes. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/** Default delays between polls: 1 s, 2 s, 4 s… up to 15 s, up to half of each delay jittered. */
export const DEFAULT_POLL_BACKOFF: BackoffPolicy = Object.freeze({ minDelayMs: 1_000, maxDelayMs: 15_000, factor: 2, jitter: 0.5 });

/** Reported to `onProgress` after every poll. */
export interface WaitProgress<T> {
  /** The polled value. */
  readonly value: T;
  /** Its status, when the waiter knows how to read one. */
  readonly status: string | undefined;
  /** Polls so far (this one included), counting from 1. */
  readonly polls: number;
  /** Time since the wait started, in ms. */
  readonly elapsedMs: number;
  /** Delay before the next poll in ms; `undefined` when this poll ended the wait. */
  readonly nextDelayMs: number | undefined;
}

/** Options shared by every waiter. */
export interface WaitOptions<T> {
  /** Total time allowed, in ms (default {@link DEFAULT_WAIT_TIMEOUT_MS}). Must be finite and > 0. */
  readonly timeoutMs?: number | undefined;
  /** Stops waiting: the wait rejects with {@link WaiterAbortedError}. */
  readonly signal?: AbortSignal | undefined;
  /** Called after every poll with the polled value. */
  readonly onProgress?: ((progress: WaitProgress<T>) => void) | undefined;
  /** Smallest delay between polls in ms (default 1 000). */
  readonly minDelayMs?: number | undefined;
  /** Largest delay between polls in ms (default 15 000). */
  readonly maxDelayMs?: number | undefined;
  /** Growth of the delay between polls (default 2). */
  readonly factor?: number | undefined;
  /** Share of each delay that is random, 0..1 (default 0.5). */
  readonly jitter?: number | undefined;
  /**
   * How a failing poll is retried (503, 429/413 with `Retry-After`, connection errors…);
   * default {@link DEFAULT_RETRY_POLICY}; `false` never retries.
   */
  readonly retry?: RetryPolicy | false | undefined;
  /** Called before a failed poll is retried. */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Source of randomness for jitter, [0, 1) (tests pass a fixed one). */
  readonly random?: (() => number) | undefined;
}

/** What {@link waitFor} needs to know about the resource. */
export interface WaitForSpec<T> extends WaitOptions<T> {
  /** Reads the resource once. Use the signal: it ends at the timeout or on abort. */
  poll(context: { readonly signal: AbortSignal; readonly attempt: number }): Promise<T>;
  /** Whether the value is the awaited end state. */
  isSuccess(value: T): boolean;
  /** Whether the value is a failure end state (checked before `isSuccess`). */
  isFailure?: ((value: T) => boolean) | undefined;
  /** Builds the error thrown for a failure end state (default: {@link WaitFailedError}). */
  failureError?: ((value: T, description: string) => Error) | undefined;
  /** Reads a status for messages and progress. */
  statusOf?: ((value: T) => string | undefined) | undefined;
  /** What is awaited, for messages (`image X to become active`). */
  readonly description?: string | undefined;
}

/**
 * Polls until `isSuccess` (resolves with the final value) or `isFailure` (rejects with
 * `failureError`), with backoff and jitter between polls, a finite total timeout
 * ({@link WaiterTimeoutError}, carrying the last value), abort ({@link WaiterAbortedError}), a
 * progress callback on every poll, and failed polls retried under a {@link RetryPolicy}. Errors a
 * poll throws that are not retried end the wait as they are.
 */
export async function waitFor<T>(spec: WaitForSpec<T>): Promise<T> {
  const description = spec.description ?? "the resource";
  const timeoutMs = spec.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const backoff: BackoffPolicy = {
    minDelayMs: spec.minDelayMs ?? DEFAULT_POLL_BACKOFF.minDelayMs,
    maxDelayMs: spec.maxDelayMs ?? Math.max(DEFAULT_POLL_BACKOFF.maxDelayMs, spec.minDelayMs ?? 0),
    factor: spec.factor ?? DEFAULT_POLL_BACKOFF.factor,
    jitter: spec.jitter ?? DEFAULT_POLL_BACKOFF.jitter,
  };
  checkWaitOptions(timeoutMs, backoff);
  const retry = spec.retry === false ? NO_RETRY : (spec.retry ?? DEFAULT_RETRY_POLICY);
  const random = spec.random ?? Math.random;

  const started = Date.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`Wait timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const userSignal = spec.signal;
  const onAbort = (): void => controller.abort(userSignal?.reason);
  if (userSignal?.aborted) controller.abort(userSignal.reason);
  else userSignal?.addEventListener("abort", onAbort, { once: true });

  let last: T | undefined;
  let polls = 0;
  const state = () => ({ description, last, polls, elapsedMs: Date.now() - started });
  const stopped = (cause: unknown): Error | undefined => {
    if (timedOut) return new WaiterTimeoutError<T>({ ...state(), timeoutMs, lastStatus: last === undefined ? undefined : spec.statusOf?.(last) }, { cause });
    if (userSignal?.aborted) return new WaiterAbortedError<T>(state(), { cause: cause ?? userSignal.reason });
    return undefined;
  };

  try {
    for (;;) {
      const early = stopped(undefined);
      if (early) throw early;
      let value: T;
      try {
        value = await withRetry((attempt) => spec.poll({ signal: controller.signal, attempt }), retry, {
          signal: controller.signal,
          onRetry: spec.onRetry,
          random,
        });
      } catch (error) {
        throw stopped(error) ?? error;
      }
      last = value;
      polls += 1;
      const status = spec.statusOf?.(value);
      const failed = spec.isFailure?.(value) === true;
      const done = failed || spec.isSuccess(value);
      const nextDelayMs = done ? undefined : backoffDelay(polls - 1, backoff, random);
      spec.onProgress?.({ value, status, polls, elapsedMs: Date.now() - started, nextDelayMs });
      if (failed) {
        throw spec.failureError?.(value, description) ?? new WaitFailedError({ description, value, status });
      }
      if (done) return value;
      try {
        await sleep(nextDelayMs ?? 0, controller.signal);
      } catch (error) {
        throw stopped(error) ?? error;
      }
    }
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener("abort", onAbort);
  }
}

function checkWaitOptions(timeoutMs: number, backoff: BackoffPolicy): void {
  const issues: { path: string[]; message: string }[] = [];
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    issues.push({ path: ["timeoutMs"], message: `must be a finite number of milliseconds > 0 (waits never run forever), got ${String(timeoutMs)}` });
  }
  if (!(backoff.minDelayMs >= 0) || !Number.isFinite(backoff.minDelayMs)) issues.push({ path: ["minDelayMs"], message: "must be a finite number ≥ 0" });
  if (!(backoff.maxDelayMs >= backoff.minDelayMs) || !Number.isFinite(backoff.maxDelayMs)) issues.push({ path: ["maxDelayMs"], message: "must be finite and ≥ minDelayMs" });
  if (!(backoff.factor >= 1)) issues.push({ path: ["factor"], message: "must be ≥ 1" });
  if (!(backoff.jitter >= 0 && backoff.jitter <= 1)) issues.push({ path: ["jitter"], message: "must be between 0 and 1" });
  if (issues.length > 0) throw new ValidationError("waitFor", issues);
}
