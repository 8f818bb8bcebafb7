import type { HttpClient } from "../http/http-client.js";
import { endpointHttpClient, shownEndpoint, type ServiceClientConfig } from "../http/service-client-config.js";
import { ComputeWaiters } from "../waiters/compute-waiters.js";
import { ComputeImagesApi } from "./compute-images-api.js";
import { LegacyImageManager } from "./legacy-image-manager.js";

/** Settings of a compute client. */
export interface ComputeClientConfig extends ServiceClientConfig {
  /**
   * The compute endpoint, tenant id included (`…/v2/{tenant}` or `…/v1.0/{account}`), or a
   * function finding it before the first request (e.g. from an identity session's catalog).
   * A string must be an http(s) URL without query or fragment; user-info in it
   * (`http://user:pw@host`) is sent as Basic credentials and never shown.
   */
  readonly endpoint: string | ((signal?: AbortSignal) => Promise<string>);
}

/** Compute roots keep their path (the tenant is in it): only trailing slashes go. */
function http(operation: string, config: ComputeClientConfig): HttpClient {
  return endpointHttpClient(operation, config, config.endpoint, (endpoint) => endpoint.replace(/\/+$/, ""));
}

/** A client of the compute API v2 (Rackspace Cloud Servers next generation) for images. */
export class ComputeClient {
  /** Images, metadata and createImage. */
  readonly images: ComputeImagesApi;
  /** Waiters (same options as the image client's): `waitFor.image(id)` until ACTIVE, `waitFor.imageDeleted(id)`. */
  readonly waitFor: ComputeWaiters;
  /** The low-level HTTP layer. */
  readonly http: HttpClient;

  /** @throws ValidationError when `endpoint` is not an http(s) URL without query or fragment. */
  constructor(config: ComputeClientConfig) {
    this.http = http("ComputeClient", config);
    this.images = new ComputeImagesApi(this.http);
    this.waitFor = new ComputeWaiters(this.images);
  }

  /**
   * Releases what this client created. A core client creates nothing (its transport and
   * identity session belong to the caller), so this resolves at once; the Node client closes
   * the transport it made.
   */
  async close(): Promise<void> {}

  /** A readable summary without credentials. */
  toJSON(): { endpoint: string } {
    return { endpoint: shownEndpoint(this.http.root) };
  }

  /** Node's `util.inspect` hook: the endpoint only, never credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.constructor.name} { endpoint: '${shownEndpoint(this.http.root)}' }`;
  }
}

/** A client of the first-generation Cloud Servers v1.0 API for images. */
export class LegacyComputeClient {
  /** The python-cloudservers style image manager. */
  readonly images: LegacyImageManager;
  /** The low-level HTTP layer. */
  readonly http: HttpClient;

  /** @throws ValidationError when `endpoint` is not an http(s) URL without query or fragment. */
  constructor(config: ComputeClientConfig) {
    this.http = http("LegacyComputeClient", config);
    this.images = new LegacyImageManager(this.http);
  }

  /** Releases what this client created: nothing in the core (see {@link ComputeClient.close}). */
  async close(): Promise<void> {}

  /** A readable summary without credentials. */
  toJSON(): { endpoint: string } {
    return { endpoint: shownEndpoint(this.http.root) };
  }

  /** Node's `util.inspect` hook: the endpoint only, never credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.constructor.name} { endpoint: '${shownEndpoint(this.http.root)}' }`;
  }
}
