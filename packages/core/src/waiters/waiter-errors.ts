import { CloudImagesError } from "../errors/base.js";

/** What a waiter knows when it stops without success. */
export interface WaiterState<T> {
  /** What was waited for, e.g. `image 1234… to become active`. */
  readonly description: string;
  /** The last polled value (`undefined` when no poll answered yet). */
  readonly last: T | undefined;
  /** Number of polls that answered. */
  readonly polls: number;
  /** Time spent waiting, in ms. */
  readonly elapsedMs: number;
}

/** The waiter's total timeout ran out before the resource reached a success or failure state. */
export class WaiterTimeoutError<T = unknown> extends CloudImagesError implements WaiterState<T> {
  static override readonly errorId: string = "WaiterTimeoutError";

  readonly description: string;
  readonly last: T | undefined;
  readonly polls: number;
  readonly elapsedMs: number;
  /** The total timeout that ran out, in ms. */
  readonly timeoutMs: number;

  /** `message` and `code` let specialised waiters (e.g. `WaitTimeoutError` of imports) keep their own words and code. */
  constructor(state: WaiterState<T> & { timeoutMs: number; lastStatus: string | undefined }, options?: { cause?: unknown; message?: string; code?: string }) {
    const status = state.lastStatus === undefined ? "no answer yet" : `last status ${state.lastStatus}`;
    super(
      options?.message ?? `Timed out after ${state.timeoutMs} ms waiting for ${state.description} (${state.polls} polls, ${status})`,
      options?.code ?? "WAITER_TIMEOUT",
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.description = state.description;
    this.last = state.last;
    this.polls = state.polls;
    this.elapsedMs = state.elapsedMs;
    this.timeoutMs = state.timeoutMs;
  }
}

/** The caller's `AbortSignal` stopped the waiter (between polls or during one). */
export class WaiterAbortedError<T = unknown> extends CloudImagesError implements WaiterState<T> {
  static override readonly errorId: string = "WaiterAbortedError";

  readonly description: string;
  readonly last: T | undefined;
  readonly polls: number;
  readonly elapsedMs: number;

  constructor(state: WaiterState<T>, options?: { cause?: unknown }) {
    super(`Aborted while waiting for ${state.description} (${state.polls} polls)`, "WAITER_ABORTED", options);
    this.description = state.description;
    this.last = state.last;
    this.polls = state.polls;
    this.elapsedMs = state.elapsedMs;
  }
}

/**
 * The resource reached a failure end state (an image `killed`, a task `failure`…) instead of
 * the awaited one. `value` is the final object.
 */
export class WaitFailedError<T = unknown> extends CloudImagesError {
  static override readonly errorId: string = "WaitFailedError";

  /** What was waited for. */
  readonly description: string;
  /** The final polled object. */
  readonly value: T;
  /** Its status, when it has one. */
  readonly status: string | undefined;

  constructor(init: { description: string; value: T; status: string | undefined; message?: string; code?: string }, options?: { cause?: unknown }) {
    super(init.message ?? `Gave up waiting for ${init.description}: it reached ${init.status ?? "a failure state"}`, init.code ?? "WAIT_FAILED", options);
    this.description = init.description;
    this.value = init.value;
    this.status = init.status;
  }
}
