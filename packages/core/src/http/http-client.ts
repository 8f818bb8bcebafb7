import type { Infer, ResponseSchema } from "../validation/validator.js";
import { ConnectionError, RequestAbortedError, RequestTimeoutError, TransportError } from "../errors/transport-errors.js";
import { createHttpError, HttpError } from "../errors/http-errors.js";
import { CloudImagesError } from "../errors/base.js";
import { ResponseValidationError } from "../errors/response-validation-error.js";
import { RequestNotReplayableError } from "../errors/not-replayable-error.js";
import type { RequestBody, Transport, TransportResponse } from "../transport/transport.js";
import { InputChecker } from "../validation/checker.js";
import { checkCallOptions, type CallOptions } from "./call-options.js";
import { recordResponse } from "./api-promise.js";
import { delay, raceSignal, startDeadline, type Deadline } from "./deadline.js";
import { parseErrorMessage } from "./error-body.js";
import { checkHeaders } from "./header-check.js";
import { runHook, type RequestEvent, type RequestHooks } from "./hooks.js";
import { pathProblem } from "./path-check.js";
import { unicodeProblem } from "./spec-request.js";
import { encodeQuery, type QueryEntries } from "./query.js";
import { redactUrl, safeHeaders } from "../errors/redact.js";
import { DEFAULT_REQUEST_RETRY, isRetryable, requestRetryDelay, settlingRetryDelay, type RequestRetrySettings } from "./request-retry.js";
import { setOwn } from "../records/own-keys.js";

export type { CallOptions } from "./call-options.js";

/** Supplies authentication headers for each request (a token, or trusted headers). */
export interface AuthProvider {
  /** Headers to add to a request. Called once per attempt (and again for a replay). */
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
  /** Path below the endpoint root, already encoded, e.g. `/v2/images/ID`. No segment may be empty or a dot segment. */
  readonly path: string;
  /** Query parameters. */
  readonly query?: QueryEntries | undefined;
  /** Headers of this operation (content type…). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Request body. */
  readonly body?: RequestBody | undefined;
  /** Statuses that count as success; others become `HttpError`s. */
  readonly expect: readonly number[];
  /**
   * Whether sending the request twice has the effect of sending it once. Default: true for
   * GET, HEAD, PUT, DELETE; set it for a POST that is safe to repeat (a create with a
   * client-chosen id, a login).
   */
  readonly idempotent?: boolean | undefined;
  /**
   * Statuses that, answered to a retry after an attempt of this call was cut without an answer,
   * mean the server is still settling the cut attempt — Glance answers 409 to a data upload
   * retried while the cut one is still `saving`, then goes back to `queued`. They are retried
   * like a 503 (growing delays, at least the base delay), within `maxRetries` and the deadline.
   */
  readonly settlingStatuses?: readonly number[] | undefined;
  /** The answer carries image data: passed to the transport as its `largeBody` hint. */
  readonly largeBody?: boolean | undefined;
}

/** Settings of an {@link HttpClient}. */
export interface HttpClientConfig {
  /** Endpoint root (see `normalizeEndpoint`); ignored while `resolveRoot` has not answered. */
  readonly root: string;
  /**
   * Optional: finds the endpoint root before the first request (e.g. from a service catalog).
   * Runs under the first call's deadline; a failure is thrown by the call and retried by the next one.
   */
  readonly resolveRoot?: ((signal?: AbortSignal) => Promise<string>) | undefined;
  /** The runtime's transport. */
  readonly transport: Transport;
  /** Authentication, if any. */
  readonly auth?: AuthProvider | undefined;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Default total time per call in milliseconds (`Infinity`: none). */
  readonly timeoutMs: number;
  /** Whether response bodies are checked against the spec's schemas. */
  readonly validateResponses: boolean;
  /** Retries of idempotent requests (default {@link DEFAULT_REQUEST_RETRY}). */
  readonly retry?: Partial<RequestRetrySettings> | undefined;
  /** Logging and metrics hooks. */
  readonly hooks?: RequestHooks | undefined;
  /** The `User-Agent` header sent (unless a call sets its own). */
  readonly userAgent?: string | undefined;
  /** Source of randomness for retry jitter (tests pass a fixed one). */
  readonly random?: (() => number) | undefined;
}

/** What a successful call answered: status, headers and request id. */
export interface ResponseInfo {
  /** HTTP status. */
  readonly status: number;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The server's request id, when sent. */
  readonly requestId: string | undefined;
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
 * The one request pipeline of the SDK. Every call goes: input check (call options, path
 * segments, header values) → endpoint (catalog) → auth → send, retrying idempotent requests →
 * error mapping → (for JSON) validation, all under one deadline that covers the whole call.
 */
export class HttpClient {
  readonly #config: HttpClientConfig;
  readonly #retry: RequestRetrySettings;
  #root: string;
  #resolving: Promise<string> | undefined;

  constructor(config: HttpClientConfig) {
    this.#config = config;
    this.#retry = { ...DEFAULT_REQUEST_RETRY, ...definedOnly(config.retry) };
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
        this.#root = root.replace(/\/+$/, "");
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
    this.#check(op, options);
    const deadline = startDeadline(options.signal, options.timeoutMs ?? this.#config.timeoutMs);
    let description = shownRequest(op.method, this.#root + op.path);
    const classify = (error: unknown): unknown => classifyFailure(error, deadline, description, options.signal);
    try {
      if (this.#root === "" && this.#config.resolveRoot) await raceSignal(this.resolveRoot(deadline.signal), deadline.signal);
      const url = this.url(op.path, op.query);
      description = shownRequest(op.method, url);
      const response = await this.#send(op, options, url, description, deadline, classify);
      const requestId = requestIdOf(response.headers);
      recordResponse(options, { status: response.status, headers: response.headers, requestId });
      return {
        response,
        requestId,
        url: description.url,
        async read<T>(read: (r: TransportResponse) => Promise<T>): Promise<T> {
          try {
            return await raceSignal(read(response), deadline.signal);
          } catch (error) {
            throw classify(error);
          } finally {
            deadline.release();
          }
        },
        release: deadline.release,
      };
    } catch (error) {
      deadline.release();
      throw classify(error);
    }
  }

  /** Sends a request, reads its JSON answer and validates it with `schema` (an SDK validator or a zod schema). */
  async json<S extends ResponseSchema>(op: OperationRequest, schema: S, options?: CallOptions): Promise<ResponseInfo & { data: Infer<S> }> {
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
  async empty(op: OperationRequest, options?: CallOptions): Promise<ResponseInfo> {
    const result = await this.call(op, options);
    await result.read((r) => r.discard());
    return { status: result.response.status, headers: result.response.headers, requestId: result.requestId };
  }

  /** Validates a decoded body against a schema (unless validation is off). */
  validate<S extends ResponseSchema>(schema: S, value: unknown, context: { method: string; url: string; status: number; requestId: string | undefined }): Infer<S> {
    if (!this.#config.validateResponses) return value as Infer<S>;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as Infer<S>;
    throw new ResponseValidationError({
      ...context,
      problems: parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "(body)"}: ${i.message}`),
    });
  }

  /** Refuses, before anything is sent, call options, paths and headers that cannot be sent as they are. */
  #check(op: OperationRequest, options: CallOptions): void {
    const check = new InputChecker(op.operation);
    checkCallOptions(check, options);
    const problem = pathProblem(op.path);
    if (problem !== undefined) check.fail(["path"], problem);
    for (const [name, value] of op.query ?? []) {
      const bad = unicodeProblem(name) ?? unicodeProblem(value);
      if (bad !== undefined) check.fail(["query", name], bad);
    }
    // The client's own headers were checked once, when it was built (checkServiceClientConfig).
    checkHeaders(check, ["headers"], op.headers);
    if (options !== null && typeof options === "object") checkHeaders(check, ["options", "headers"], options.headers);
    check.throwIfInvalid();
  }

  /** The attempts of one request: auth, send, one 401 replay, retries; resolves with an expected response. */
  async #send(
    op: OperationRequest,
    options: CallOptions,
    url: string,
    description: { method: string; url: string },
    deadline: Deadline,
    classify: (error: unknown) => unknown,
  ): Promise<TransportResponse> {
    const auth = this.#config.auth;
    const hooks = this.#config.hooks;
    const observed = hooks !== undefined && (hooks.onRequest !== undefined || hooks.onResponse !== undefined || hooks.onRetry !== undefined);
    // 401 with an auth provider that can renew: re-authenticate once and replay (see AuthProvider.invalidate).
    const mayRenew = auth?.invalidate !== undefined && !op.expect.includes(401);
    const replayable = op.body === undefined || op.body instanceof Uint8Array;
    const retryable = isRetryable(op.method, op.idempotent, op.body);
    const settings = options.maxRetries === undefined ? this.#retry : { ...this.#retry, maxRetries: options.maxRetries };
    let renewed = false;
    let retries = 0;
    // Whether an earlier attempt of this call got no answer (cut, reset, timed out per attempt).
    let cutBefore = false;
    for (let attempt = 1; ; attempt++) {
      let event: RequestEvent | undefined;
      let failure: unknown;
      try {
        if (deadline.signal.aborted) throw deadline.signal.reason;
        const authHeaders = auth ? await raceSignal(Promise.resolve(auth.headers(deadline.signal)), deadline.signal) : undefined;
        if (authHeaders) this.#checkAuthHeaders(op.operation, authHeaders);
        const headers: Record<string, string> = { accept: "application/json" };
        if (this.#config.userAgent !== undefined) headers["user-agent"] = this.#config.userAgent;
        assignLower(headers, this.#config.headers);
        assignLower(headers, authHeaders);
        assignLower(headers, op.headers);
        assignLower(headers, options.headers);
        // Redacted views are built only when someone listens.
        if (observed) {
          event = { operation: op.operation, method: op.method, url: description.url, headers: safeHeaders(headers), attempt };
          runHook(hooks?.onRequest, event);
        }
        const sentAt = observed ? Date.now() : 0;
        const response = await raceSignal(
          this.#config.transport.request({ method: op.method, url, headers, body: op.body, signal: deadline.signal, ...(op.largeBody ? { largeBody: true } : {}) }),
          deadline.signal,
          (late) => void late.discard().catch(() => undefined),
        );
        const requestId = requestIdOf(response.headers);
        if (event && hooks?.onResponse) runHook(hooks.onResponse, { ...event, status: response.status, requestId, responseHeaders: safeHeaders(response.headers), durationMs: Date.now() - sentAt });
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
        if (op.expect.includes(response.status)) return response;
        const error = await this.#httpError(op, response, description, requestId, deadline);
        if (response.status === 401 && renewed && !replayable) throw new RequestNotReplayableError(error);
        failure = error;
      } catch (error) {
        failure = classify(error);
      }
      // Retry when the request is idempotent, the failure transient, and the deadline leaves room.
      const wait =
        retryable && !deadline.signal.aborted && !(failure instanceof RequestAbortedError)
          ? this.#retryDelay(op, failure, retries, settings, cutBefore)
          : undefined;
      if (isCut(failure)) cutBefore = true;
      if (wait === undefined || wait >= deadline.remainingMs()) throw failure;
      retries += 1;
      if (hooks?.onRetry) runHook(hooks.onRetry, { ...(event ?? { operation: op.operation, method: op.method, url: description.url, headers: {}, attempt }), error: failure, delayMs: wait });
      try {
        await delay(wait, deadline.signal);
      } catch (error) {
        throw classify(error);
      }
    }
  }

  /**
   * The wait before the next attempt, or `undefined` when the failure is final. An operation with
   * `settlingStatuses` whose attempt was cut gives the server time to settle it: its settling
   * statuses become retryable, and every retry waits at least the settling delay.
   */
  #retryDelay(op: OperationRequest, failure: unknown, retries: number, settings: RequestRetrySettings, cutBefore: boolean): number | undefined {
    const settling = op.settlingStatuses !== undefined && (cutBefore || isCut(failure));
    if (!settling) return requestRetryDelay(failure, retries, settings, this.#config.random);
    const settle = settlingRetryDelay(retries, settings);
    if (settle === undefined) return undefined;
    if (failure instanceof HttpError && op.settlingStatuses!.includes(failure.status)) return cutBefore ? settle : undefined;
    const wait = requestRetryDelay(failure, retries, settings, this.#config.random);
    return wait === undefined ? undefined : Math.max(wait, settle);
  }

  #checkAuthHeaders(operation: string, headers: Readonly<Record<string, string>>): void {
    const check = new InputChecker(operation);
    checkHeaders(check, ["auth"], headers);
    check.throwIfInvalid();
  }

  async #httpError(op: OperationRequest, response: TransportResponse, description: { method: string; url: string }, requestId: string | undefined, deadline: Deadline): Promise<HttpError> {
    let body: string | undefined;
    try {
      body = await raceSignal(response.text(), deadline.signal);
    } catch {
      body = undefined;
    }
    return createHttpError({
      status: response.status,
      method: description.method,
      url: description.url,
      requestId,
      serverMessage: body === undefined ? undefined : parseErrorMessage(body, response.headers["content-type"]),
      headers: safeHeaders(response.headers),
      body: body === undefined ? undefined : body.slice(0, MAX_ERROR_BODY),
    });
  }
}

/** Whether an attempt failed without an answer (reset, refused, cut, timed out by the transport) — not by the user's abort. */
function isCut(failure: unknown): boolean {
  return failure instanceof TransportError && !(failure instanceof RequestAbortedError);
}

/** Turns whatever a step of a call threw into the SDK's typed error. */
function classifyFailure(error: unknown, deadline: Deadline, description: { method: string; url: string }, userSignal: AbortSignal | undefined): unknown {
  if (error instanceof CloudImagesError && !(error instanceof TransportError)) return error;
  if (deadline.userAborted()) return error instanceof RequestAbortedError ? error : new RequestAbortedError(description, { cause: userSignal?.reason });
  if (deadline.timedOut()) return error instanceof RequestTimeoutError && error.timeoutMs === deadline.timeoutMs ? error : new RequestTimeoutError(description, deadline.timeoutMs, { cause: error });
  if (error instanceof CloudImagesError) return error;
  if ((error as { name?: unknown } | null)?.name === "TimeoutError") return new RequestTimeoutError(description, undefined, { cause: error });
  return new ConnectionError(description, { cause: error });
}

/**
 * How a request is shown in errors and hooks: its method, and its URL as the transport sends it
 * (the WHATWG parser's form) with credentials redacted. The URL is worked out only when asked
 * for (an error, a hook), not on every successful call.
 */
function shownRequest(method: string, url: string): { readonly method: string; readonly url: string } {
  let shown: string | undefined;
  return {
    method,
    get url(): string {
      if (shown === undefined) {
        let sent = url;
        try {
          sent = new URL(url).href;
        } catch {
          // not parseable: shown as built
        }
        shown = redactUrl(sent);
      }
      return shown;
    },
  };
}

function requestIdOf(headers: Readonly<Record<string, string>>): string | undefined {
  return headers["x-openstack-request-id"] ?? headers["x-compute-request-id"] ?? headers["x-trans-id"];
}

function assignLower(target: Record<string, string>, source: Readonly<Record<string, string>> | undefined): void {
  if (!source) return;
  // Not plain assignment: a header named `__proto__` must stay a header, not set the prototype.
  for (const [name, value] of Object.entries(source)) setOwn(target, name.toLowerCase(), value);
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
