import { CloudImagesError, ForbiddenError, HttpError, NotFoundError, type HttpErrorDetails } from "@cloud-images/core";

/**
 * Guzzle's `BadResponseException` as php-opencloud let it through: the server answered with an
 * HTTP error status that php-opencloud did not translate. It is an `HttpError` of the SDK
 * (status, method, redacted URL, request id, the server's message), with the SDK's own typed
 * error (e.g. `ConflictError`) as `cause`.
 */
export class BadResponseException extends HttpError {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudBadResponseException";

  constructor(details: HttpErrorDetails, options?: { cause?: unknown; code?: string }) {
    super(details, { cause: options?.cause, code: options?.code ?? "PHP_OPENCLOUD_BAD_RESPONSE" });
  }

  /** The HTTP status, as Guzzle's `$e->getResponse()->getStatusCode()` gave it. */
  getStatusCode(): number {
    return this.status;
  }
}

/** Guzzle's `ClientErrorResponseException`: a 4xx answer php-opencloud did not translate. */
export class ClientErrorResponseException extends BadResponseException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudClientErrorResponseException";

  constructor(details: HttpErrorDetails, options?: { cause?: unknown; code?: string }) {
    super(details, { cause: options?.cause, code: options?.code ?? "PHP_OPENCLOUD_CLIENT_ERROR_RESPONSE" });
  }
}

/** Guzzle's `ServerErrorResponseException`: a 5xx answer. */
export class ServerErrorResponseException extends BadResponseException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudServerErrorResponseException";

  constructor(details: HttpErrorDetails, options?: { cause?: unknown; code?: string }) {
    super(details, { cause: options?.cause, code: options?.code ?? "PHP_OPENCLOUD_SERVER_ERROR_RESPONSE" });
  }
}

/**
 * `OpenCloud\Common\Exceptions\ForbiddenOperationException`: the server answered 403 (for
 * example a read-only attribute in `update`, or a member status change by the image's owner).
 * Also a `ClientErrorResponseException`, so code catching Guzzle's class still catches it.
 */
export class ForbiddenOperationException extends ClientErrorResponseException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudForbiddenOperationException";

  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    super(details, { cause: options?.cause, code: "PHP_OPENCLOUD_FORBIDDEN_OPERATION" });
  }
}

/** `OpenCloud\Common\Exceptions\ResourceNotFoundException`: the server answered 404. */
export class ResourceNotFoundException extends ClientErrorResponseException {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudResourceNotFoundException";

  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    super(details, { cause: options?.cause, code: "PHP_OPENCLOUD_RESOURCE_NOT_FOUND" });
  }
}

/**
 * PHP's `InvalidArgumentException` as php-opencloud threw it: a bad argument (e.g. a member
 * status that is not a {@link MemberStatus} value, a non-boolean first argument of
 * `imageList`). Thrown before any request is sent.
 */
export class InvalidArgumentException extends CloudImagesError {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudInvalidArgumentException";

  constructor(message: string) {
    super(message, "PHP_OPENCLOUD_INVALID_ARGUMENT");
  }
}

/**
 * PHP's `RuntimeException` as `Image::update` threw it: a property that is not in the image
 * schema while the schema allows no additional properties, or a value the schema refuses.
 * Thrown before any request is sent.
 */
export class RuntimeException extends CloudImagesError {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudRuntimeException";

  constructor(message: string) {
    super(message, "PHP_OPENCLOUD_RUNTIME");
  }
}

/** `OpenCloud\Compute\Exception\ImageError`: `createImage` was called without a name. */
export class ImageError extends CloudImagesError {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static override readonly errorId: string = "PhpOpenCloudImageError";

  constructor(message: string) {
    super(message, "PHP_OPENCLOUD_IMAGE_ERROR");
  }
}

/**
 * Runs a native SDK call and turns its HTTP errors into the exceptions php-opencloud users
 * catch: 403 → {@link ForbiddenOperationException}, 404 → {@link ResourceNotFoundException},
 * other 4xx → {@link ClientErrorResponseException}, 5xx → {@link ServerErrorResponseException}.
 * The SDK's error is kept as `cause`; every other error (validation, timeouts, connection
 * failures) passes through unchanged.
 */
export async function phpCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateError(error);
  }
}

/** The php-opencloud exception for an SDK error (see {@link phpCall}). */
export function translateError(error: unknown): unknown {
  if (!(error instanceof HttpError) || error instanceof BadResponseException) return error;
  const options = { cause: error };
  if (error instanceof ForbiddenError || error.status === 403) return new ForbiddenOperationException(error, options);
  if (error instanceof NotFoundError || error.status === 404) return new ResourceNotFoundException(error, options);
  if (error.status >= 500) return new ServerErrorResponseException(error, options);
  return new ClientErrorResponseException(error, options);
}
