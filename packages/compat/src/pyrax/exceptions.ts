/**
 * pyrax's exceptions (`pyrax.exceptions`), as classes that also recognise the SDK's own errors:
 * `e instanceof exceptions.NotFound` is true for the shim's `NotFound` and for the SDK's
 * `NotFoundError` (a 404) and `LegacyImageNotFoundError`, so a ported `except exc.NotFound`
 * keeps working whichever layer raised it, and `instanceof NotFoundError` still works for code
 * written against the SDK.
 *
 * @packageDocumentation
 */
import {
  CloudImagesError,
  ForbiddenError,
  HttpError,
  ImageNotShareableError,
  LegacyImageNotFoundError,
  LegacyImageNotUniqueError,
  NotFoundError,
  NotImageMemberError,
  UnauthorizedError,
  BadRequestError,
  ConflictError,
  ServerError,
  ValidationError,
  AuthenticationError,
} from "@cloud-images/core";

type ErrorClass = abstract new (...args: never[]) => unknown;

/** `instanceof` for a shim class: its own brand, or any of the SDK classes it stands for. */
function also(own: ErrorClass, sdk: readonly ErrorClass[], value: unknown): boolean {
  return CloudImagesError[Symbol.hasInstance].call(own, value) || sdk.some((c) => value instanceof c);
}

/** Base of pyrax's exceptions (`pyrax.exceptions.PyraxException`). */
export class PyraxException extends CloudImagesError {
  static override readonly errorId: string = "PyraxException";

  constructor(message: string, code = "PYRAX", options?: { cause?: unknown }) {
    super(message, code, options);
  }
}

/** pyrax's `ClientException`: the server answered an HTTP error; also matches every SDK `HttpError`. */
export class ClientException extends PyraxException {
  static override readonly errorId: string = "PyraxClientException";
  /** The HTTP status (pyrax's `http_status`/`code`), when there was an answer. */
  readonly http_status: number | undefined;

  constructor(message: string, options?: { cause?: unknown; http_status?: number | undefined; code?: string }) {
    super(message, options?.code ?? "PYRAX_CLIENT", options);
    this.http_status = options?.http_status;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, this === ClientException ? [HttpError] : [], value);
  }
}

/** 400 (`BadRequest`); also matches the SDK's `BadRequestError` and `ValidationError` (refused before sending). */
export class BadRequest extends ClientException {
  static override readonly errorId: string = "PyraxBadRequest";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [BadRequestError, ValidationError], value);
  }
}

/** 401 (`Unauthorized`); also matches the SDK's `UnauthorizedError`. */
export class Unauthorized extends ClientException {
  static override readonly errorId: string = "PyraxUnauthorized";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [UnauthorizedError], value);
  }
}

/** 403 (`Forbidden`); also matches the SDK's `ForbiddenError`. */
export class Forbidden extends ClientException {
  static override readonly errorId: string = "PyraxForbidden";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [ForbiddenError], value);
  }
}

/** 404, or `find` matched nothing (`NotFound`); also matches the SDK's `NotFoundError` and `LegacyImageNotFoundError`. */
export class NotFound extends ClientException {
  static override readonly errorId: string = "PyraxNotFound";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, http_status: 404, code: "PYRAX_NOT_FOUND" });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [NotFoundError, LegacyImageNotFoundError], value);
  }
}

/** 409 (`Conflict`); also matches the SDK's `ConflictError`. */
export class Conflict extends ClientException {
  static override readonly errorId: string = "PyraxConflict";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [ConflictError], value);
  }
}

/** 5xx (`ServiceUnavailable` and friends); also matches the SDK's `ServerError`. */
export class ServiceUnavailable extends ClientException {
  static override readonly errorId: string = "PyraxServiceUnavailable";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [ServerError], value);
  }
}

/** `find` matched several items (`NoUniqueMatch`); also matches the SDK's `LegacyImageNotUniqueError`. */
export class NoUniqueMatch extends PyraxException {
  static override readonly errorId: string = "PyraxNoUniqueMatch";
  /** How many matched. */
  readonly count: number;

  constructor(message: string, count: number) {
    super(message, "PYRAX_NO_UNIQUE_MATCH");
    this.count = count;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [LegacyImageNotUniqueError], value);
  }
}

/** `update_image_member` by a project that is not a member of the image (`InvalidImageMember`); also matches the SDK's `NotImageMemberError`. */
export class InvalidImageMember extends PyraxException {
  static override readonly errorId: string = "PyraxInvalidImageMember";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "PYRAX_INVALID_IMAGE_MEMBER", options);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [NotImageMemberError], value);
  }
}

/** `update_image_member` with a status other than pending/accepted/rejected (`InvalidImageMemberStatus`), raised before sending. */
export class InvalidImageMemberStatus extends PyraxException {
  static override readonly errorId: string = "PyraxInvalidImageMemberStatus";

  constructor(message: string) {
    super(message, "PYRAX_INVALID_IMAGE_MEMBER_STATUS");
  }
}

/** Sharing a public image (`UnsharableImage`); also matches the SDK's `ImageNotShareableError`. */
export class UnsharableImage extends PyraxException {
  static override readonly errorId: string = "PyraxUnsharableImage";

  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [ImageNotShareableError], value);
  }
}

/** A call that needs credentials before `set_credentials` (`NotAuthenticated`). */
export class NotAuthenticated extends PyraxException {
  static override readonly errorId: string = "PyraxNotAuthenticated";

  constructor(message = "Authentication required before connecting to a service (call set_credentials or set_credential_file).") {
    super(message, "PYRAX_NOT_AUTHENTICATED");
  }
}

/** Login refused (`AuthenticationFailed`); also matches the SDK's `AuthenticationError`. */
export class AuthenticationFailed extends PyraxException {
  static override readonly errorId: string = "PyraxAuthenticationFailed";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "PYRAX_AUTHENTICATION_FAILED", options);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return also(this, [AuthenticationError], value);
  }
}

/** A credential file that cannot be read or lacks its keys (`InvalidCredentialFile`). */
export class InvalidCredentialFile extends PyraxException {
  static override readonly errorId: string = "PyraxInvalidCredentialFile";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "PYRAX_INVALID_CREDENTIAL_FILE", options);
  }
}

/** A region the catalog does not have (`NoSuchRegion`… pyrax raised `NoEndpointForRegion`). */
export class NoEndpointForRegion extends PyraxException {
  static override readonly errorId: string = "PyraxNoEndpointForRegion";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "PYRAX_NO_ENDPOINT_FOR_REGION", options);
  }
}

/** An unknown `identity_type` or setting (`InvalidSetting`). */
export class InvalidSetting extends PyraxException {
  static override readonly errorId: string = "PyraxInvalidSetting";

  constructor(message: string) {
    super(message, "PYRAX_INVALID_SETTING");
  }
}

/** `wait_until` on an object it cannot reload (`NoReloadError`). */
export class NoReloadError extends PyraxException {
  static override readonly errorId: string = "PyraxNoReloadError";

  constructor(message: string) {
    super(message, "PYRAX_NO_RELOAD");
  }
}

/** An object with no `name` where a name was needed (`MissingName`). */
export class MissingName extends PyraxException {
  static override readonly errorId: string = "PyraxMissingName";

  constructor(value: unknown) {
    super(`Expected a name or an object with a 'name', got ${typeof value}`, "PYRAX_MISSING_NAME");
  }
}

/** A Cloud Files container that does not exist (`NoSuchContainer`); the SDK's `NotFoundError` is its `cause`. */
export class NoSuchContainer extends PyraxException {
  static override readonly errorId: string = "PyraxNoSuchContainer";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "PYRAX_NO_SUCH_CONTAINER", options);
  }
}
