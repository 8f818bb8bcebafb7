import { CloudImagesError } from "./base.js";

/**
 * The server answered successfully, but its body does not match the API's schema (from
 * `spec/`). Carries the request id so the answer can be traced on the server.
 */
export class ResponseValidationError extends CloudImagesError {
  static override readonly errorId: string = "ResponseValidationError";

  /** HTTP method of the request. */
  readonly method: string;
  /** Redacted request URL. */
  readonly url: string;
  /** HTTP status of the answer. */
  readonly status: number;
  /** The server's request id, when sent. */
  readonly requestId: string | undefined;
  /** What did not match, one line per problem. */
  readonly problems: readonly string[];

  constructor(init: { method: string; url: string; status: number; requestId: string | undefined; problems: readonly string[]; cause?: unknown }) {
    super(
      `${init.method} ${init.url}: the ${init.status} answer does not match the API schema: ${init.problems.slice(0, 5).join("; ")}`,
      "RESPONSE_VALIDATION",
      { cause: init.cause },
    );
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.requestId = init.requestId;
    this.problems = init.problems;
  }
}
