export { CloudImagesError, type CloudImagesErrorClass } from "./base.js";
export { ValidationError, type ValidationIssue } from "./validation-error.js";
export {
  TransportError,
  ConnectionError,
  RequestTimeoutError,
  RequestAbortedError,
  type RequestDescription,
} from "./transport-errors.js";
export {
  HttpError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  TooManyRequestsError,
  ServerError,
  ServiceUnavailableError,
  createHttpError,
  parseRetryAfter,
  type HttpErrorDetails,
} from "./http-errors.js";
export { ResponseValidationError } from "./response-validation-error.js";
export { RequestNotReplayableError } from "./not-replayable-error.js";
