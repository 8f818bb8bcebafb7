import { notifyObserver } from "../errors/observer.js";

/**
 * Hooks for logging and metrics. Each receives a redacted view: the URL without user-info or
 * secret query parameters, the headers without credentials. A hook that throws is ignored (it
 * cannot break a call).
 */
export interface RequestHooks {
  /** Before each attempt is sent (retries and 401 replays included). */
  readonly onRequest?: ((event: RequestEvent) => void) | undefined;
  /** When an attempt got response headers (whatever the status). */
  readonly onResponse?: ((event: ResponseEvent) => void) | undefined;
  /** Before waiting to retry a failed attempt. */
  readonly onRetry?: ((event: RequestRetryEvent) => void) | undefined;
}

/** A request about to be sent, as hooks see it. */
export interface RequestEvent {
  /** The SDK operation, e.g. `images.get`. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: string;
  /** The URL sent, redacted. */
  readonly url: string;
  /** Request headers without credentials. */
  readonly headers: Readonly<Record<string, string>>;
  /** Attempt number, from 1. */
  readonly attempt: number;
}

/** A response to an attempt, as hooks see it. */
export interface ResponseEvent extends RequestEvent {
  /** HTTP status. */
  readonly status: number;
  /** The server's request id, when sent. */
  readonly requestId: string | undefined;
  /** Response headers without credentials. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** Time from sending to the response headers, in ms. */
  readonly durationMs: number;
}

/** An attempt that failed and will be retried. */
export interface RequestRetryEvent extends RequestEvent {
  /** The typed error of the failed attempt. */
  readonly error: unknown;
  /** Delay before the next attempt, in ms. */
  readonly delayMs: number;
}

/** Calls a hook, swallowing whatever it throws. */
export function runHook<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  notifyObserver("hook-event", event);
  try {
    hook(event);
  } catch {
    // A logging hook must not break the call.
  }
}
