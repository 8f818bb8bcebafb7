import { InputChecker } from "../validation/checker.js";
import { delay } from "../http/deadline.js";
import { DEFAULT_RETRY_POLICY, NO_RETRY, backoffDelay, withRetry, type BackoffPolicy, type RetryEvent, type RetryPolicy } from "../retry/retry-policy.js";
import { checkWaitOptions, type ResolvedDelays, type WaitOptions } from "./wait-options.js";
import { WaitFailedError, WaiterAbortedError, WaiterTimeoutError } from "./waiter-errors.js";

/** Growth of the delay between polls. */
const FACTOR = 2;
/** Share of each delay that is random. */
const JITTER = 0.5;

/** What {@link waitFor} needs to know about the resource, with the {@link WaitOptions} of the wait. */
export interface WaitForSpec<T> extends WaitOptions<T> {
  /** Reads the resource once. Use the signal: it ends at the timeout or on abort. */
  poll(context: { readonly signal: AbortSignal; readonly attempt: number }): Promise<T>;
  /** Whether the value is the awaited end state. */
  isSuccess(value: T): boolean;
  /** Whether the value is a failure end state (checked before `isSuccess`). */
  isFailure?: ((value: T) => boolean) | undefined;
  /** Builds the error thrown for a failure end state (default: {@link WaitFailedError}). */
  failureError?: ((value: T, description: string) => Error) | undefined;
  /** Reads a state for messages and progress. */
  stateOf?: ((value: T) => string | undefined) | undefined;
  /** What is awaited, for messages (`image X to become active`). */
  readonly description?: string | undefined;
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

/**
 * The one waiter utility every resource waiter is built on. Polls until `isSuccess` (resolves
 * with the final value) or `isFailure` (rejects with `failureError`), waiting `minDelayMs`,
 * then twice as long each time up to `maxDelayMs` (up to half of each delay jittered), within a
 * finite total timeout ({@link WaiterTimeoutError}, carrying the last value), stopping on abort
 * ({@link WaiterAbortedError}), reporting every poll to `onProgress`, and retrying failed polls
 * under a {@link RetryPolicy}. Errors a poll throws that are not retried end the wait as they are.
 * The options are checked first: invalid ones are a `ValidationError` and nothing is polled.
 *
 * @example
 * ```ts
 * import { waitFor } from "@cloud-images/core";
 *
 * const active = await waitFor({
 *   description: `image ${image.id} to be active`,
 *   poll: ({ signal }) => glance.images.get(image.id, { signal }),
 *   isSuccess: (i) => i.status === "active",
 *   stateOf: (i) => i.status,
 *   timeoutMs: 120_000,
 *   minDelayMs: 500,
 * });
 * ```
 */
export async function waitFor<T>(spec: WaitForSpec<T>): Promise<T> {
  const check = new InputChecker("waitFor");
  if (typeof spec !== "object" || spec === null) {
    check.fail([], "must be a wait spec { poll, isSuccess, … }");
    check.throwIfInvalid();
  }
  if (typeof spec.poll !== "function") check.fail(["poll"], "must be a function");
  if (typeof spec.isSuccess !== "function") check.fail(["isSuccess"], "must be a function");
  const delays = checkWaitOptions(check, spec, []);
  check.throwIfInvalid();
  return runWait(spec, delays);
}

/**
 * {@link waitFor} with options already checked (resource waiters check their input and the
 * options together, then call this).
 */
export async function runWait<T>(spec: WaitForSpec<T>, delays: ResolvedDelays): Promise<T> {
  const description = spec.description ?? "the resource";
  const { timeoutMs } = delays;
  const backoff: BackoffPolicy = { minDelayMs: delays.minDelayMs, maxDelayMs: delays.maxDelayMs, factor: FACTOR, jitter: JITTER };
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
  let attempts = 0;
  const state = () => ({ description, last, attempts, elapsedMs: Date.now() - started });
  const stopped = (cause: unknown): Error | undefined => {
    if (timedOut) return new WaiterTimeoutError<T>({ ...state(), timeoutMs, lastState: last === undefined ? undefined : spec.stateOf?.(last) }, { cause });
    if (userSignal?.aborted) return new WaiterAbortedError<T>(state(), { cause: cause ?? userSignal.reason });
    return undefined;
  };

  try {
    for (;;) {
      const early = stopped(undefined);
      if (early) throw early;
      let value: T;
      try {
        value = await withRetry(() => spec.poll({ signal: controller.signal, attempt: attempts + 1 }), retry, {
          signal: controller.signal,
          onRetry: spec.onRetry,
          random,
        });
      } catch (error) {
        throw stopped(error) ?? error;
      }
      last = value;
      attempts += 1;
      const current = spec.stateOf?.(value);
      const failed = spec.isFailure?.(value) === true;
      const done = failed || spec.isSuccess(value);
      const nextDelayMs = done ? undefined : backoffDelay(attempts - 1, backoff, random);
      spec.onProgress?.({ attempt: attempts, elapsedMs: Date.now() - started, state: current, value, nextDelayMs });
      if (failed) {
        throw spec.failureError?.(value, description) ?? new WaitFailedError({ description, value, state: current });
      }
      if (done) return value;
      try {
        await delay(nextDelayMs ?? 0, controller.signal);
      } catch (error) {
        throw stopped(error) ?? error;
      }
    }
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener("abort", onAbort);
  }
}
