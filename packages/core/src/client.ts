import { normalizeEndpoint } from "./http/endpoint.js";
import { HttpClient, type AuthProvider } from "./http/http-client.js";
import { ImagesApi } from "./images/images-api.js";
import type { Transport } from "./transport/transport.js";
import { VersionsApi } from "./versions/versions-api.js";

/** Default total time of one call: 60 s. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Settings of an image client. */
export interface ImageClientConfig {
  /** Image service endpoint, with or without a version suffix (`https://glance:9292` or `…/v2`). */
  readonly endpoint: string;
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

/**
 * A client of one OpenStack image service (Glance v2). Create it with the Node or browser
 * package's `createClient`, or directly with any {@link Transport}.
 */
export class ImageClient {
  /** Image records: create, get, list, update, delete, tags, (de)activation. */
  readonly images: ImagesApi;
  /** API version discovery. */
  readonly versions: VersionsApi;
  /** The low-level HTTP layer, for operations the SDK does not wrap yet. */
  readonly http: HttpClient;

  constructor(config: ImageClientConfig) {
    const auth = config.auth ?? (config.token === undefined ? undefined : tokenAuth(config.token));
    this.http = new HttpClient({
      root: normalizeEndpoint(config.endpoint),
      transport: config.transport,
      auth,
      headers: config.headers,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      validateResponses: config.validateResponses ?? true,
    });
    this.images = new ImagesApi(this.http);
    this.versions = new VersionsApi(this.http);
  }

  /** A readable summary without credentials (also used by `util.inspect`). */
  toJSON(): { endpoint: string } {
    return { endpoint: this.http.root };
  }

  /** Node's `util.inspect` hook: shows the endpoint only, never credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ImageClient { endpoint: '${this.http.root}' }`;
  }
}

/** An {@link AuthProvider} sending a fixed token as `X-Auth-Token`; the token is not enumerable. */
export function tokenAuth(token: string): AuthProvider {
  const provider = {
    headers: () => ({ "x-auth-token": token }),
    toJSON: () => ({ type: "token" }),
    [Symbol.for("nodejs.util.inspect.custom")]: () => "TokenAuth { token: [REDACTED] }",
  };
  return provider;
}
