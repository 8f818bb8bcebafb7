/**
 * The CLI's own errors and the exit code of every failure. Loaded only when a command runs or
 * fails (never for `--help` / `--version`).
 */
import { CloudImagesError } from "@cloud-images/core";

/**
 * Exit codes: distinct per kind of failure, so scripts can tell them apart.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | success |
 * | 1 | any other failure (a refused request, a failed wait or checksum) |
 * | 2 | usage: bad arguments or options, bad input caught before sending, bad configuration |
 * | 3 | not found (HTTP 404, no image of that name) |
 * | 4 | conflict (HTTP 409, several images of that name) |
 * | 5 | authentication or permission (HTTP 401/403, identity refused the credentials) |
 * | 6 | server or network (HTTP 5xx, connection failure, timeout) |
 */
export const EXIT = Object.freeze({ OK: 0, FAILURE: 1, USAGE: 2, NOT_FOUND: 3, CONFLICT: 4, AUTH: 5, SERVER: 6 });

/** A command used wrongly: bad option values, a missing argument the parser cannot see. Exit 2. */
export class UsageError extends CloudImagesError {
  static override readonly errorId: string = "UsageError";
  constructor(message: string) {
    super(message, "CLI_USAGE");
  }
}

/** No resource of that name or id (found by the CLI's name lookup). Exit 3. */
export class NameNotFoundError extends CloudImagesError {
  static override readonly errorId: string = "NameNotFoundError";
  constructor(kind: string, ref: string) {
    super(`No ${kind} found for ${ref}`, "CLI_NOT_FOUND");
  }
}

/** Several resources have that name. Exit 4. */
export class AmbiguousNameError extends CloudImagesError {
  static override readonly errorId: string = "AmbiguousNameError";
  constructor(kind: string, ref: string, count: number) {
    super(`More than one ${kind} exists with the name '${ref}' (${count} found); use its ID`, "CLI_AMBIGUOUS");
  }
}

/** A failure the CLI itself detects (e.g. a wait that ended in a failure state). Exit 1. */
export class CommandFailedError extends CloudImagesError {
  static override readonly errorId: string = "CommandFailedError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "CLI_FAILED", options);
  }
}

interface HttpLike {
  readonly status?: unknown;
  readonly requestId?: unknown;
  readonly code?: unknown;
}

/** The exit code of an error thrown by a command. */
export function exitCodeOf(error: unknown): number {
  if (!(error instanceof Error)) return EXIT.FAILURE;
  const e = error as Error & HttpLike;
  if (e instanceof UsageError) return EXIT.USAGE;
  if (e instanceof NameNotFoundError) return EXIT.NOT_FOUND;
  if (e instanceof AmbiguousNameError) return EXIT.CONFLICT;
  const status = typeof e.status === "number" ? e.status : undefined;
  if (status !== undefined) {
    if (status === 404) return EXIT.NOT_FOUND;
    if (status === 409) return EXIT.CONFLICT;
    if (status === 401 || status === 403) return EXIT.AUTH;
    if (status >= 500) return EXIT.SERVER;
    return EXIT.FAILURE;
  }
  switch (e.name) {
    case "ValidationError":
    case "ConfigurationError":
      return EXIT.USAGE;
    case "AuthenticationError":
      return EXIT.AUTH;
    case "ConnectionError":
    case "RequestTimeoutError":
    case "EndpointNotFoundError":
      return EXIT.SERVER;
    case "LegacyImageNotFoundError":
      return EXIT.NOT_FOUND;
    case "LegacyImageNotUniqueError":
      return EXIT.CONFLICT;
  }
  if (e.cause instanceof Error && e.name === "UploadImageError") return exitCodeOf(e.cause);
  return EXIT.FAILURE;
}

/**
 * The one line printed for a failure: the message, the HTTP status and the request id when
 * there is one. Messages of SDK errors are already redacted (no token, password or key).
 */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return `cloud-images: error: ${String(error)}`;
  const e = error as Error & HttpLike & { issues?: readonly { path: readonly unknown[]; message: string }[] };
  let message = e.message;
  if (Array.isArray(e.issues) && e.issues.length > 0 && !message.includes(e.issues[0]!.message))
    message += `: ${e.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`;
  const cause = e.cause as (Error & HttpLike) | undefined;
  const requestId = typeof e.requestId === "string" ? e.requestId : typeof cause?.requestId === "string" ? cause.requestId : undefined;
  if (e.name === "UploadImageError" && cause instanceof Error && !message.includes(cause.message)) message += `: ${cause.message}`;
  return `cloud-images: error: ${message}${requestId && !message.includes(requestId) ? ` (request id ${requestId})` : ""}`;
}
