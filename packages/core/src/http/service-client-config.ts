import type { Transport } from "../transport/transport.js";
import { HttpClient, type AuthProvider } from "./http-client.js";

/** Default total time of one call: 60 s. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** How a service client (image, compute…) reaches its service: transport, auth, defaults. */
export interface ServiceClientConfig {
  /** The runtime's transport (the Node and browser packages supply one). */
  readonly transport: Transport;
  /** A token sent as `X-Auth-Token`. Kept out of errors, logs and `inspect` output. */
  readonly token?: string | undefined;
  /** Supplies auth headers per request (identity flows); used instead of `token`. */
  readonly auth?: AuthProvider | undefined;
  /** Headers sent with every request (e.g. trusted-auth headers behind a proxy). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Default total time per call in milliseconds (default {@link DEFAULT_TIMEOUT_MS}). */
  readonly timeoutMs?: number | undefined;
  /** Check answers against the spec's schemas (default `true`). */
  readonly validateResponses?: boolean | undefined;
}

/** An {@link AuthProvider} sending a fixed token as `X-Auth-Token`; the token is not enumerable. */
export function tokenAuth(token: string): AuthProvider {
  return {
    headers: () => ({ "x-auth-token": token }),
    toJSON: () => ({ type: "token" }),
    [Symbol.for("nodejs.util.inspect.custom")]: () => "TokenAuth { token: [REDACTED] }",
  } as AuthProvider;
}

/** Builds the {@link HttpClient} of a service client from its config and endpoint root. */
export function serviceHttpClient(
  config: ServiceClientConfig,
  endpoint: { readonly root: string; readonly resolveRoot?: ((signal?: AbortSignal) => Promise<string>) | undefined },
): HttpClient {
  return new HttpClient({
    root: endpoint.root,
    resolveRoot: endpoint.resolveRoot,
    transport: config.transport,
    auth: config.auth ?? (config.token === undefined ? undefined : tokenAuth(config.token)),
    headers: config.headers,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    validateResponses: config.validateResponses ?? true,
  });
}
