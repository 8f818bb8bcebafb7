import type { HttpClient } from "../http/http-client.js";
import { serviceHttpClient, type ServiceClientConfig } from "../http/service-client-config.js";
import { ComputeImagesApi } from "./compute-images-api.js";
import { LegacyImageManager } from "./legacy-image-manager.js";

/** Settings of a compute client. */
export interface ComputeClientConfig extends ServiceClientConfig {
  /** The compute endpoint from the catalog, tenant id included (`…/v2/{tenant}` or `…/v1.0/{account}`). */
  readonly endpoint: string;
}

function http(config: ComputeClientConfig): HttpClient {
  return serviceHttpClient(config, { root: config.endpoint.replace(/\/+$/, "") });
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
