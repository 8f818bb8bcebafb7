import { CloudImagesError } from "./base.js";

/** Everything known about an HTTP error answer. Holds no credentials. */
export interface HttpErrorDetails {
  /** HTTP status code of the answer. */
  readonly status: number;
  /** HTTP method of the request. */
  readonly method: string;
  /** Request URL with credentials and signatures redacted. */
  readonly url: string;
  /** The server's `x-openstack-request-id` (or `x-compute-request-id`), when it sent one. */
  readonly requestId: string | undefined;
  /** The server's own message, parsed from its JSON or HTML error body. */
  readonly serverMessage: string | undefined;
  /** Response headers (lower-case names), with `set-cookie` removed. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw error body as text (truncated to 4 KiB). */
  readonly body: string | undefined;
}

/** The server answered with an HTTP error status. Subclasses exist per status. */
export class HttpError extends CloudImagesError implements HttpErrorDetails {
  static override readonly errorId: string = "HttpError";

  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  readonly serverMessage: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /**
   * Seconds to wait as the server asked through `Retry-After` (429, 413, 503 send it), or
   * `undefined` when it did not.
   */
  readonly retryAfterSeconds: number | undefined;

  /**
   * `options.code` lets a specialised class keep a code of its own (e.g. `SHARING_NOT_OWNER` for
   * a diagnosed 403); without it the code is `HTTP_<status>`.
   */
  constructor(details: HttpErrorDetails, options?: { cause?: unknown; code?: string }) {
    const what = details.serverMessage ? `: ${details.serverMessage}` : "";
    const rid = details.requestId ? ` [request ${details.requestId}]` : "";
    super(
      `${details.method} ${details.url} failed with ${details.status}${what}${rid}`,
      options?.code ?? `HTTP_${details.status}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.requestId = details.requestId;
    this.serverMessage = details.serverMessage;
    this.headers = details.headers;
    this.body = details.body;
    this.retryAfterSeconds = parseRetryAfter(details.headers["retry-after"]);
  }
}

/** 400: the server rejected the request as malformed. */
export class BadRequestError extends HttpError {
  static override readonly errorId: string = "BadRequestError";
}
/** 401: missing, invalid or expired credentials. */
export class UnauthorizedError extends HttpError {
  static override readonly errorId: string = "UnauthorizedError";
}
/** 403: authenticated, but not allowed (policy, ownership, read-only attribute). */
export class ForbiddenError extends HttpError {
  static override readonly errorId: string = "ForbiddenError";
}
/** 404: no such resource (or not visible to this project). */
export class NotFoundError extends HttpError {
  static override readonly errorId: string = "NotFoundError";
}
/** 409: the resource's state forbids the operation (e.g. upload to an active image, duplicate id). */
export class ConflictError extends HttpError {
  static override readonly errorId: string = "ConflictError";
}
/** 413: the request body is too large, or a quota is exceeded. May carry `Retry-After`. */
export class PayloadTooLargeError extends HttpError {
  static override readonly errorId: string = "PayloadTooLargeError";
}
/** 415: the body's media type is not accepted (e.g. a wrong PATCH content type). */
export class UnsupportedMediaTypeError extends HttpError {
  static override readonly errorId: string = "UnsupportedMediaTypeError";
}
/** 429: rate limited. Carries the server's `Retry-After`. */
export class TooManyRequestsError extends HttpError {
  static override readonly errorId: string = "TooManyRequestsError";
}
/** 5xx: the server failed. */
export class ServerError extends HttpError {
  static override readonly errorId: string = "ServerError";
}
/** 503: the service is temporarily unavailable; safe to retry idempotent calls later. */
export class ServiceUnavailableError extends ServerError {
  static override readonly errorId: string = "ServiceUnavailableError";
}

const BY_STATUS: Record<number, typeof HttpError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: TooManyRequestsError,
  503: ServiceUnavailableError,
};

/** Builds the error class that matches `details.status` (one factory for every HTTP error). */
export function createHttpError(details: HttpErrorDetails): HttpError {
  const Ctor = BY_STATUS[details.status] ?? (details.status >= 500 ? ServerError : HttpError);
  return new Ctor(details);
}

/**
 * Parses a `Retry-After` header: delta-seconds or an HTTP date. Returns seconds (≥ 0), or
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}
