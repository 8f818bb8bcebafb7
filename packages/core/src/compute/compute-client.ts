import { DEFAULT_TIMEOUT_MS, tokenAuth } from "../client.js";
import { HttpClient, type AuthProvider } from "../http/http-client.js";
import type { Transport } from "../transport/transport.js";
import { ComputeImagesApi } from "./compute-images-api.js";
import { LegacyImageManager } from "./legacy-image-manager.js";

/** Settings of a compute client. */
export interface ComputeClientConfig {
  /** The compute endpoint from the catalog, tenant id included (`…/v2/{tenant}` or `…/v1.0/{account}`). */
  readonly endpoint: string;
  /** The runtime's transport. */
  readonly transport: Transport;
  /** A token sent as `X-Auth-Token`. */
  readonly token?: string | undefined;
  /** Supplies auth headers per request (identity sessions); used instead of `token`. */
  readonly auth?: AuthProvider | undefined;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Default total time per call in ms. */
  readonly timeoutMs?: number | undefined;
  /** Check answers against the spec's schemas (default `true`). */
  readonly validateResponses?: boolean | undefined;
}

function http(config: ComputeClientConfig): HttpClient {
  const auth = config.auth ?? (config.token === undefined ? undefined : tokenAuth(config.token));
  return new HttpClient({
    root: config.endpoint.replace(/\/+$/, ""),
    transport: config.transport,
    auth,
    headers: config.headers,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    validateResponses: config.validateResponses ?? true,
  });
}

/** A client of the compute API v2 (Rackspace Cloud Servers next generation) for images. */
export class ComputeClient {
  /** Images, metadata, createImage and the ACTIVE waiter. */
  readonly images: ComputeImagesApi;
  /** The low-level HTTP layer. */
  readonly http: HttpClient;

  constructor(config: ComputeClientConfig) {
    this.http = http(config);
    this.images = new ComputeImagesApi(this.http);
  }

  toJSON(): { endpoint: string } {
    return { endpoint: this.http.root };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ComputeClient { endpoint: '${this.http.root}' }`;
  }
}

/** A client of the first-generation Cloud Servers v1.0 API for images. */
export class LegacyComputeClient {
  /** The python-cloudservers style image manager. */
  readonly images: LegacyImageManager;
  /** The low-level HTTP layer. */
  readonly http: HttpClient;

  constructor(config: ComputeClientConfig) {
    this.http = http(config);
    this.images = new LegacyImageManager(this.http);
  }

  toJSON(): { endpoint: string } {
    return { endpoint: this.http.root };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `LegacyComputeClient { endpoint: '${this.http.root}' }`;
  }
}
