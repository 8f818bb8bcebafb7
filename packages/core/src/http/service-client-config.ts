import type { Transport } from "../transport/transport.js";
import { checkEndpointUrl } from "../transport/endpoint-url.js";
import { redactUrl } from "../errors/redact.js";
import { InputChecker } from "../validation/checker.js";
import { checkMaxRetries, checkTimeout } from "./call-options.js";
import { checkHeaders } from "./header-check.js";
import type { RequestHooks } from "./hooks.js";
import { HttpClient, type AuthProvider } from "./http-client.js";
import type { RequestRetrySettings } from "./request-retry.js";
import { buildUserAgent, isUserAgentSuffix } from "./user-agent.js";

/** Default total time of one call: 60 s. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** How a service client (image, compute…) reaches its service: transport, auth, defaults. */
export interface ServiceClientConfig extends RequestHooks {
  /** The runtime's transport (the Node and browser packages supply one). */
  readonly transport: Transport;
  /** A token sent as `X-Auth-Token`. Kept out of errors, logs and `inspect` output. */
  readonly token?: string | undefined;
  /** Supplies auth headers per request (identity flows); used instead of `token`. */
  readonly auth?: AuthProvider | undefined;
  /** Headers sent with every request (e.g. trusted-auth headers behind a proxy). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Default total time per call in milliseconds (default {@link DEFAULT_TIMEOUT_MS}); a
   * positive number up to 2^31−1, or `Infinity` for none.
   */
  readonly timeoutMs?: number | undefined;
  /** Check answers against the spec's schemas (default `true`). */
  readonly validateResponses?: boolean | undefined;
  /** Retries of a failed idempotent request (default 2; 0 turns retries off). Calls may override it. */
  readonly maxRetries?: number | undefined;
  /** Backoff of those retries (base and cap of the delay, longest `Retry-After` honoured). */
  readonly retry?: Partial<Omit<RequestRetrySettings, "maxRetries">> | undefined;
  /** Appended to the `User-Agent` (`cloud-images/<version> <runtime>/<version> <this>`), e.g. `my-app/1.2`. */
  readonly userAgent?: string | undefined;
  /** The runtime's `User-Agent` token (`node/20.20.2`), given by the runtime package. */
  readonly runtime?: string | undefined;
}

/** An {@link AuthProvider} sending a fixed token as `X-Auth-Token`; the token is not enumerable. */
export function tokenAuth(token: string): AuthProvider {
  return {
    headers: () => ({ "x-auth-token": token }),
    toJSON: () => ({ type: "token" }),
    [Symbol.for("nodejs.util.inspect.custom")]: () => "TokenAuth { token: [REDACTED] }",
  } as AuthProvider;
}

/** Refuses a service client configuration that could not work, before anything is sent. */
export function checkServiceClientConfig(operation: string, config: ServiceClientConfig): void {
  const check = new InputChecker(operation);
  if (typeof config.transport?.request !== "function") check.fail(["transport"], "must be a Transport (an object with a request() method)");
  if (config.timeoutMs !== undefined) checkTimeout(check, ["timeoutMs"], config.timeoutMs);
  if (config.maxRetries !== undefined) checkMaxRetries(check, ["maxRetries"], config.maxRetries);
  if (config.token !== undefined && (typeof config.token !== "string" || config.token === "")) check.fail(["token"], "must be a non-empty string");
  else if (config.token !== undefined) checkHeaders(check, ["token"], { "x-auth-token": config.token });
  checkHeaders(check, ["headers"], config.headers);
  if (config.userAgent !== undefined && (typeof config.userAgent !== "string" || !isUserAgentSuffix(config.userAgent))) {
    check.fail(["userAgent"], "must be product/version tokens separated by spaces, e.g. \"my-app/1.2\"");
  }
  for (const name of ["onRequest", "onResponse", "onRetry"] as const) {
    if (config[name] !== undefined && typeof config[name] !== "function") check.fail([name], "must be a function");
  }
  check.throwIfInvalid();
}

/** Builds the {@link HttpClient} of a service client from its config and endpoint root. */
export function serviceHttpClient(
  config: ServiceClientConfig,
  endpoint: { readonly root: string; readonly resolveRoot?: ((signal?: AbortSignal) => Promise<string>) | undefined },
): HttpClient {
  checkServiceClientConfig("client configuration", config);
  return new HttpClient({
    root: endpoint.root,
    resolveRoot: endpoint.resolveRoot,
    transport: config.transport,
    auth: config.auth ?? (config.token === undefined ? undefined : tokenAuth(config.token)),
    headers: config.headers,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    validateResponses: config.validateResponses ?? true,
    retry: { ...config.retry, maxRetries: config.maxRetries },
    hooks: { onRequest: config.onRequest, onResponse: config.onResponse, onRetry: config.onRetry },
    userAgent: buildUserAgent(config.runtime, config.userAgent),
  });
}

/** Where a service client finds its endpoint: a URL, or a function finding it (a service catalog). */
export type ServiceEndpoint = string | ((signal?: AbortSignal) => Promise<string>);

/**
 * Builds the {@link HttpClient} of a service client from its config and endpoint. A string
 * endpoint is checked (an http(s) URL without query or fragment, else a `ValidationError` naming
 * `operation`) and its user-info is sent as Basic credentials instead of being kept in the URL;
 * `toRoot` turns an endpoint (given, or found by the function) into the root paths follow.
 */
export function endpointHttpClient(operation: string, config: ServiceClientConfig, endpoint: ServiceEndpoint, toRoot: (endpoint: string) => string): HttpClient {
  if (typeof endpoint === "function") return serviceHttpClient(config, { root: "", resolveRoot: async (signal) => toRoot(await endpoint(signal)) });
  const checked = checkEndpointUrl(operation, endpoint);
  const headers = checked.authorization === undefined ? config.headers : { authorization: checked.authorization, ...config.headers };
  return serviceHttpClient({ ...config, headers }, { root: toRoot(checked.url) });
}

/** How a client shows its endpoint in `toJSON`/`inspect`: redacted, or where it will come from. */
export function shownEndpoint(root: string): string {
  return root === "" ? "(from the service catalog)" : redactUrl(root);
}
