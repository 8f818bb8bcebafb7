import { UnauthorizedError, type HttpErrorDetails } from "./http-errors.js";

/**
 * The server answered 401; the SDK got a new token but could not send the request again because
 * its body was a stream that has already been (partly) read. Send the body as bytes
 * (`Uint8Array`) to get the automatic re-authentication and replay, or retry the call yourself:
 * the next call uses the new token. Still an {@link UnauthorizedError}.
 */
export class RequestNotReplayableError extends UnauthorizedError {
  static override readonly errorId: string = "RequestNotReplayableError";

  /** Always `false`: why this error exists. */
  readonly replayable = false;

  constructor(details: HttpErrorDetails) {
    super(details, { code: "REQUEST_NOT_REPLAYABLE" });
    this.message +=
      " — the token was renewed, but the request was not replayed because its body is a stream that cannot be sent twice; retry the call, or send the body as bytes to allow an automatic replay";
  }
}
