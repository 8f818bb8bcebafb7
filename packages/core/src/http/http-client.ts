import type { z } from "zod";
import { ConnectionError, RequestAbortedError, RequestTimeoutError } from "../errors/transport-errors.js";
import { createHttpError } from "../errors/http-errors.js";
import { CloudImagesError } from "../errors/base.js";
import { ResponseValidationError } from "../errors/response-validation-error.js";
import type { RequestBody, Transport, TransportResponse } from "../transport/transport.js";
import { parseErrorMessage } from "./error-body.js";
import { encodeQuery, type QueryEntries } from "./query.js";
import { redactUrl, safeHeaders } from "./redact.js";
import { normalizeEndpoint } from "./endpoint.js";
import { RequestNotReplayableError } from "../identity/errors.js";

/** Options every SDK call accepts. */
export interface CallOptions {
  /** Aborts the call. An aborted call throws `RequestAbortedError`. */
  readonly signal?: AbortSignal | undefined;
  /** Total time allowed for the call, in milliseconds (default: the client's `timeoutMs`). */
  readonly timeoutMs?: number | undefined;
  /** Extra request headers for this call only. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Supplies authentication headers for each request (a token, or trusted headers). */
export interface AuthProvider {
  /** Headers to add to a request. Called once per request (and again for a replay). */
  headers(signal?: AbortSignal): Record<string, string> | Promise<Record<string, string>>;
  /**
   * Optional: the server answered 401 to a request sent with `rejected` (the headers this
   * provider gave). A provider that can get a new token drops the rejected one here; the HTTP
   * layer then asks for headers again and replays the request ONCE when its body is replayable
   * (none, or bytes), else throws `RequestNotReplayableError`. Without this method a 401 is
   * simply an `UnauthorizedError`.
   */
  invalidate?(rejected: Readonly<Record<string, string>>): void | Promise<void>;
}

/** A request as operations describe it, before endpoint, auth and defaults are applied. */
export interface OperationRequest {
  /** Operation name used in validation and error messages, e.g. `images.get`. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the endpoint root, already encoded, e.g. `/v2/images/ID`. */
  readonly path: string;
  /** Query parameters. */
  readonly query?: QueryEntries | undefined;
  /** Headers of this operation (content type…). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Request body. */
  readonly body?: RequestBody | undefined;
  /** Statuses that count as success; others become `HttpError`s. */
  readonly expect: readonly number[];
}

/** Settings of an {@link HttpClient}. */
export interface HttpClientConfig {
  /** Endpoint root (see `normalizeEndpoint`); ignored while `resolveRoot` has not answered. */
  readonly root: string;
  /**
   * Optional: finds the endpoint root before the first request (e.g. from a service catalog).
   * Called once; a failure is thrown by the call and retried by the next one.
   */
  readonly resolveRoot?: ((signal?: AbortSignal) => Promise<string>) | undefined;
  /** The runtime's transport. */
  readonly transport: Transport;
  /** Authentication, if any. */
  readonly auth?: AuthProvider | undefined;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Default total time per call in milliseconds. */
  readonly timeoutMs: number;
  /** Whether response bodies are checked against the spec's schemas. */
  readonly validateResponses: boolean;
}

/** A response whose status was expected, with its deadline still running until released. */
export interface CallResult {
  /** The transport's response; consume its body once. */
  readonly response: TransportResponse;
  /** The server's request id, when sent. */
  readonly requestId: string | undefined;
  /** Redacted URL of the request, for messages. */
  readonly url: string;
  /** Runs `read` on the body under the call's deadline, mapping transport failures. */
  read<T>(read: (response: TransportResponse) => Promise<T>): Promise<T>;
  /** Stops the call's timer; call once the body is consumed or handed to the caller. */
  release(): void;
}

const MAX_ERROR_BODY = 4096;

/**
 * Sends operation requests through a transport: applies the endpoint, default and auth
 * headers, deadlines and abort signals; maps failures to typed errors; validates JSON answers.
 */
export class HttpClient {
  readonly #config: HttpClientConfig;
  #root: string;
  #resolving: Promise<string> | undefined;

  constructor(config: HttpClientConfig) {
    this.#config = config;
    this.#root = config.resolveRoot ? "" : config.root;
  }

  /** The endpoint root requests are sent to (empty until a `resolveRoot` has answered). */
  get root(): string {
    return this.#root;
  }

  /** Resolves the root through `resolveRoot` once (single-flight); a no-op when already known. */
  async resolveRoot(signal?: AbortSignal): Promise<string> {
    if (this.#root !== "" || !this.#config.resolveRoot) return this.#root;
    this.#resolving ??= this.#config.resolveRoot(signal).then(
      (root) => {
        this.#root = normalizeEndpoint(root);
        return this.#root;
      },
      (error: unknown) => {
        this.#resolving = undefined;
        throw error;
      },
    );
    return this.#resolving;
  }

  /** Whether JSON answers are validated against the spec's schemas. */
  get validatesResponses(): boolean {
    return this.#config.validateResponses;
  }

  /** Builds the absolute URL of a path and query below the root. */
  url(path: string, query?: QueryEntries): string {
    return this.#root + path + encodeQuery(query ?? []);
  }

  /** Sends a request and returns the response once its status is known to be expected. */
  async call(op: OperationRequest, options: CallOptions = {}): Promise<CallResult> {
    if (this.#root === "" && this.#config.resolveRoot) await this.resolveRoot(options.signal);
    const url = this.url(op.path, op.query);
    const shownUrl = redactUrl(url);
    const description = { method: op.method, url: shownUrl };
    const deadline = createDeadline(options.signal, options.timeoutMs ?? this.#config.timeoutMs);
    const classify = (error: unknown): unknown => {
      if (error instanceof CloudImagesError) return error;
      if (deadline.userAborted()) return new RequestAbortedError(description, { cause: options.signal?.reason });
      if (deadline.timedOut()) return new RequestTimeoutError(description, deadline.timeoutMs, { cause: error });
      const name = (error as { name?: unknown } | null)?.name;
      if (name === "TimeoutError" || (error as { code?: unknown } | null)?.code === "UND_ERR_HEADERS_TIMEOUT" || (error as { code?: unknown } | null)?.code === "UND_ERR_BODY_TIMEOUT") {
        return new RequestTimeoutError(description, undefined, { cause: error });
      }
      return new ConnectionError(description, { cause: error });
    };

    let response: TransportResponse;
    const auth = this.#config.auth;
    // 401 with an auth provider that can renew: re-authenticate once and replay (see AuthProvider.invalidate).
    const mayRenew = auth?.invalidate !== undefined && !op.expect.includes(401);
    const replayable = op.body === undefined || op.body instanceof Uint8Array;
    let renewed = false;
    for (;;) {
      let authHeaders: Record<string, string> | undefined;
      try {
        if (deadline.signal.aborted) throw deadline.signal.reason;
        authHeaders = auth ? await auth.headers(deadline.signal) : undefined;
        const headers: Record<string, string> = { accept: "application/json" };
        assignLower(headers, this.#config.headers);
        assignLower(headers, authHeaders);
        assignLower(headers, op.headers);
        assignLower(headers, options.headers);
        response = await this.#config.transport.request({
          method: op.method,
          url,
          headers,
          body: op.body,
          signal: deadline.signal,
        });
        if (response.status === 401 && mayRenew && !renewed) {
          renewed = true;
          const rejected: Record<string, string> = {};
          assignLower(rejected, authHeaders);
          await auth!.invalidate!(rejected);
          if (replayable) {
            await response.discard().catch(() => undefined);
            continue;
          }
        }
      } catch (error) {
        deadline.release();
        throw classify(error);
      }
      break;
    }

    const requestId = response.headers["x-openstack-request-id"] ?? response.headers["x-compute-request-id"];
    if (!op.expect.includes(response.status)) {
      let body: string | undefined;
      try {
        body = await response.text();
      } catch {
        body = undefined;
      } finally {
        deadline.release();
      }
      const headers = safeHeaders(response.headers);
      const details = {
        status: response.status,
        method: op.method,
        url: shownUrl,
        requestId,
        serverMessage: body === undefined ? undefined : parseErrorMessage(body, response.headers["content-type"]),
        headers,
        body: body === undefined ? undefined : body.slice(0, MAX_ERROR_BODY),
      };
      if (response.status === 401 && renewed && !replayable) throw new RequestNotReplayableError(details);
      throw createHttpError(details);
    }

    return {
      response,
      requestId,
      url: shownUrl,
      async read<T>(read: (r: TransportResponse) => Promise<T>): Promise<T> {
        try {
          return await read(response);
        } catch (error) {
          throw classify(error);
        } finally {
          deadline.release();
        }
      },
      release: deadline.release,
    };
  }

  /** Sends a request, reads its JSON answer and validates it with `schema`. */
  async json<S extends z.ZodType>(
    op: OperationRequest,
    schema: S,
    options?: CallOptions,
  ): Promise<{ data: z.infer<S>; status: number; headers: Readonly<Record<string, string>>; requestId: string | undefined }> {
    const result = await this.call(op, options);
    const text = await result.read((r) => r.text());
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ResponseValidationError({
        method: op.method,
        url: result.url,
        status: result.response.status,
        requestId: result.requestId,
        problems: [`body is not JSON: ${text.slice(0, 200)}`],
        cause: error,
      });
    }
    const data = this.validate(schema, value, { method: op.method, url: result.url, status: result.response.status, requestId: result.requestId });
    return { data, status: result.response.status, headers: result.response.headers, requestId: result.requestId };
  }

  /** Sends a request whose answer has no body worth reading; returns the response headers. */
  async empty(op: OperationRequest, options?: CallOptions): Promise<{ status: number; headers: Readonly<Record<string, string>>; requestId: string | undefined }> {
    const result = await this.call(op, options);
    await result.read((r) => r.discard());
    return { status: result.response.status, headers: result.response.headers, requestId: result.requestId };
  }

  /** Validates a decoded body against a schema (unless validation is off). */
  validate<S extends z.ZodType>(
    schema: S,
    value: unknown,
    context: { method: string; url: string; status: number; requestId: string | undefined },
  ): z.infer<S> {
    if (!this.#config.validateResponses) return value as z.infer<S>;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ResponseValidationError({
      ...context,
      problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`),
    });
  }
}

function assignLower(target: Record<string, string>, source: Readonly<Record<string, string>> | undefined): void {
  if (!source) return;
  for (const [name, value] of Object.entries(source)) target[name.toLowerCase()] = value;
}

interface Deadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  timedOut(): boolean;
  userAborted(): boolean;
  release(): void;
}

function createDeadline(userSignal: AbortSignal | undefined, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let released = false;
  const timer =
    Number.isFinite(timeoutMs) && timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
        }, timeoutMs)
      : undefined;
  const onAbort = (): void => controller.abort(userSignal?.reason);
  if (userSignal) {
    if (userSignal.aborted) controller.abort(userSignal.reason);
    else userSignal.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timeoutMs,
    timedOut: () => timedOut,
    userAborted: () => userSignal?.aborted === true && !timedOut,
    release: () => {
      if (released) return;
      released = true;
      if (timer !== undefined) clearTimeout(timer);
      userSignal?.removeEventListener("abort", onAbort);
    },
  };
}
