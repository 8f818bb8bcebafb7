import { CloudImagesError, HttpError, type HttpErrorDetails } from "@cloud-images/core";

/**
 * `openstack.exceptions.SDKException`: the base of every exception the shim throws on its own
 * (timeouts of `wait_for_status`, duplicate names, bad requests caught before sending). HTTP
 * errors are {@link HttpException}s, which extend the SDK's `HttpError` instead.
 */
export class SDKException extends CloudImagesError {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkException";

  /** @param message - what went wrong. @param options - `cause`, and a code for subclasses. */
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options?.code ?? "OPENSTACKSDK_SDK_EXCEPTION", options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/**
 * `openstack.exceptions.HttpException`: the server answered with an HTTP error. It is the SDK's
 * `HttpError` (status, method, redacted URL, request id, the server's message) with the
 * attribute names openstacksdk code reads — `status_code`, `http_status`, `request_id`,
 * `details` — and the SDK's own typed error (`NotFoundError`, `ConflictError`…) as `cause`.
 */
export class HttpException extends HttpError {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkHttpException";

  /** @param details - the answer. @param options - the SDK error (`cause`) and a code for subclasses. */
  constructor(details: HttpErrorDetails, options?: { cause?: unknown; code?: string }) {
    super(details, { cause: options?.cause, code: options?.code ?? "OPENSTACKSDK_HTTP_EXCEPTION" });
  }

  /** The HTTP status (`e.status_code`). */
  get status_code(): number {
    return this.status;
  }

  /** The HTTP status (`e.http_status`). */
  get http_status(): number {
    return this.status;
  }

  /** The server's request id (`e.request_id`). */
  get request_id(): string | undefined {
    return this.requestId;
  }

  /** The server's own message (`e.details`). */
  get details(): string | undefined {
    return this.serverMessage;
  }
}

/** `openstack.exceptions.BadRequestException`: a 400. */
export class BadRequestException extends HttpException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkBadRequestException";

  /** @param details - the answer. @param options - the SDK error as `cause`. */
  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    super(details, { cause: options?.cause, code: "OPENSTACKSDK_BAD_REQUEST" });
  }
}

/** `openstack.exceptions.ForbiddenException`: a 403. */
export class ForbiddenException extends HttpException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkForbiddenException";

  /** @param details - the answer. @param options - the SDK error as `cause`. */
  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    super(details, { cause: options?.cause, code: "OPENSTACKSDK_FORBIDDEN" });
  }
}

/**
 * `openstack.exceptions.ResourceNotFound` (also exported as `NotFoundException`, the same
 * class, as in openstacksdk): a 404, or no resource with that name or id.
 */
export class ResourceNotFound extends HttpException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkResourceNotFound";

  /** @param details - the answer (or a made-up 404 for a name not found). @param options - the SDK error as `cause`. */
  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    super(details, { cause: options?.cause, code: "OPENSTACKSDK_RESOURCE_NOT_FOUND" });
  }
}

/** `openstack.exceptions.NotFoundException`: the same class as {@link ResourceNotFound}. */
export const NotFoundException = ResourceNotFound;
/** `openstack.exceptions.NotFoundException`. */
export type NotFoundException = ResourceNotFound;

/** `openstack.exceptions.ConflictException`: a 409 (e.g. a duplicate id, a wrong image state). */
export class ConflictException extends HttpException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkConflictException";

  /** @param details - the answer. @param options - the SDK error as `cause`. */
  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    super(details, { cause: options?.cause, code: "OPENSTACKSDK_CONFLICT" });
  }
}

/** `openstack.exceptions.PreconditionFailedException`: a 412. */
export class PreconditionFailedException extends HttpException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkPreconditionFailedException";

  /** @param details - the answer. @param options - the SDK error as `cause`. */
  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    super(details, { cause: options?.cause, code: "OPENSTACKSDK_PRECONDITION_FAILED" });
  }
}

/** `openstack.exceptions.DuplicateResource`: `find_*` matched more than one resource. */
export class DuplicateResource extends SDKException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkDuplicateResource";

  /** @param message - what matched more than once. */
  constructor(message: string) {
    super(message, { code: "OPENSTACKSDK_DUPLICATE_RESOURCE" });
  }
}

/** `openstack.exceptions.ResourceTimeout`: `wait_for_status` / `wait_for_delete` ran out of time. */
export class ResourceTimeout extends SDKException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkResourceTimeout";

  /** @param message - what was waited for. */
  constructor(message: string) {
    super(message, { code: "OPENSTACKSDK_RESOURCE_TIMEOUT" });
  }
}

/** `openstack.exceptions.ResourceFailure`: the resource reached one of the failure statuses. */
export class ResourceFailure extends SDKException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkResourceFailure";

  /** @param message - which status was reached. */
  constructor(message: string) {
    super(message, { code: "OPENSTACKSDK_RESOURCE_FAILURE" });
  }
}

/** `openstack.exceptions.InvalidRequest`: a request refused before it was sent. */
export class InvalidRequest extends SDKException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "OpenStackSdkInvalidRequest";

  /** @param message - what is wrong with the request. */
  constructor(message: string) {
    super(message, { code: "OPENSTACKSDK_INVALID_REQUEST" });
  }
}

/**
 * The exceptions as `openstack.exceptions` groups them: `catch (e) { if (e instanceof
 * exceptions.ResourceNotFound) … }`.
 */
export const exceptions = Object.freeze({
  SDKException,
  OpenStackCloudException: SDKException,
  HttpException,
  BadRequestException,
  ForbiddenException,
  ResourceNotFound,
  NotFoundException,
  ConflictException,
  PreconditionFailedException,
  DuplicateResource,
  ResourceTimeout,
  ResourceFailure,
  InvalidRequest,
});

/**
 * Runs a native SDK call and turns its HTTP errors into openstacksdk's: 400 →
 * {@link BadRequestException}, 403 → {@link ForbiddenException}, 404 → `ResourceNotFound`,
 * 409 → {@link ConflictException}, 412 → {@link PreconditionFailedException}, others →
 * {@link HttpException}; the SDK's error is kept as `cause`. Other errors pass through.
 */
export async function sdkCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateError(error);
  }
}

/** The openstacksdk exception for an SDK error (see {@link sdkCall}). */
export function translateError(error: unknown): unknown {
  if (!(error instanceof HttpError) || error instanceof HttpException) return error;
  const options = { cause: error };
  switch (error.status) {
    case 400:
      return new BadRequestException(error, options);
    case 403:
      return new ForbiddenException(error, options);
    case 404:
      return new ResourceNotFound(error, options);
    case 409:
      return new ConflictException(error, options);
    case 412:
      return new PreconditionFailedException(error, options);
    default:
      return new HttpException(error, options);
  }
}

/** A 404 for a resource looked up by name (no HTTP answer said so). */
export function notFound(what: string): ResourceNotFound {
  return new ResourceNotFound({
    status: 404,
    method: "GET",
    url: "",
    requestId: undefined,
    serverMessage: `No ${what} found`,
    headers: {},
    body: undefined,
  });
}
