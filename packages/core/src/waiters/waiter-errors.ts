import { CloudImagesError } from "../errors/base.js";

/** What a waiter knows when it stops without success. */
export interface WaiterState<T> {
  /** What was waited for, e.g. `image 1234… to become active`. */
  readonly description: string;
  /** The last polled value (`undefined` when no poll answered yet). */
  readonly last: T | undefined;
  /** Number of polls that answered. */
  readonly attempts: number;
  /** Time spent waiting, in ms. */
  readonly elapsedMs: number;
}

/** The waiter's total timeout ran out before the resource reached a success or failure state. */
export class WaiterTimeoutError<T = unknown> extends CloudImagesError implements WaiterState<T> {
  static override readonly errorId: string = "WaiterTimeoutError";

  readonly description: string;
  readonly last: T | undefined;
  readonly attempts: number;
  readonly elapsedMs: number;
  /** The total timeout that ran out, in ms. */
  readonly timeoutMs: number;
  /** The state of the last polled value (`undefined` when no poll answered). */
  readonly lastState: string | undefined;

  constructor(state: WaiterState<T> & { timeoutMs: number; lastState: string | undefined }, options?: { cause?: unknown }) {
    const seen = state.lastState === undefined ? "no answer yet" : `last state ${state.lastState}`;
    super(`Timed out after ${state.timeoutMs} ms waiting for ${state.description} (${state.attempts} polls, ${seen})`, "WAITER_TIMEOUT", options);
    this.description = state.description;
    this.last = state.last;
    this.attempts = state.attempts;
    this.elapsedMs = state.elapsedMs;
    this.timeoutMs = state.timeoutMs;
    this.lastState = state.lastState;
  }
}

/** The caller's `AbortSignal` stopped the waiter (between polls or during one). */
export class WaiterAbortedError<T = unknown> extends CloudImagesError implements WaiterState<T> {
  static override readonly errorId: string = "WaiterAbortedError";

  readonly description: string;
  readonly last: T | undefined;
  readonly attempts: number;
  readonly elapsedMs: number;

  constructor(state: WaiterState<T>, options?: { cause?: unknown }) {
    super(`Aborted while waiting for ${state.description} (${state.attempts} polls)`, "WAITER_ABORTED", options);
    this.description = state.description;
    this.last = state.last;
    this.attempts = state.attempts;
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
  /** Its state, when it has one. */
  readonly state: string | undefined;

  constructor(init: { description: string; value: T; state: string | undefined; message?: string; code?: string }, options?: { cause?: unknown }) {
    super(init.message ?? `Gave up waiting for ${init.description}: it reached ${init.state ?? "a failure state"}`, init.code ?? "WAIT_FAILED", options);
    this.description = init.description;
    this.value = init.value;
    this.state = init.state;
  }
}
