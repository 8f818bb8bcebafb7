import { CloudImagesError } from "./base.js";

/** What the SDK knows about the request that failed; never holds credentials. */
export interface RequestDescription {
  /** HTTP method. */
  readonly method: string;
  /** The URL with credentials and signature-like query parameters redacted. */
  readonly url: string;
}

/** The request never produced an HTTP response: base of connection, timeout and abort errors. */
export class TransportError extends CloudImagesError {
  static override readonly errorId: string = "TransportError";

  /** HTTP method of the failed request. */
  readonly method: string;
  /** Redacted URL of the failed request. */
  readonly url: string;

  constructor(message: string, code: string, request: RequestDescription, options?: { cause?: unknown }) {
    super(`${message} (${request.method} ${request.url})`, code, options);
    this.method = request.method;
    this.url = request.url;
  }
}

/** The connection could not be made or broke (refused, reset, DNS, TLS…). */
export class ConnectionError extends TransportError {
  static override readonly errorId: string = "ConnectionError";

  constructor(request: RequestDescription, options?: { cause?: unknown }) {
    const detail = describeCause(options?.cause);
    super(`Connection failed${detail ? `: ${detail}` : ""}`, "CONNECTION", request, options);
  }
}

/** The call did not finish within its timeout. */
export class RequestTimeoutError extends TransportError {
  static override readonly errorId: string = "RequestTimeoutError";

  /** The timeout that was exceeded, in milliseconds. */
  readonly timeoutMs: number | undefined;

  constructor(request: RequestDescription, timeoutMs: number | undefined, options?: { cause?: unknown }) {
    super(`Request timed out${timeoutMs === undefined ? "" : ` after ${timeoutMs} ms`}`, "TIMEOUT", request, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the call through its `AbortSignal`. */
export class RequestAbortedError extends TransportError {
  static override readonly errorId: string = "RequestAbortedError";

  constructor(request: RequestDescription, options?: { cause?: unknown }) {
    super("Request aborted", "ABORTED", request, options);
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return cause === undefined ? "" : String(cause);
}
