import { normalizeEndpoint } from "./http/endpoint.js";
import type { HttpClient } from "./http/http-client.js";
import { endpointHttpClient, shownEndpoint, type ServiceClientConfig } from "./http/service-client-config.js";
import { ImagesApi } from "./images/images-api.js";
import { VersionsApi } from "./versions/versions-api.js";

/** Settings of an {@link ImageServiceClient} (and, with more, of an `ImageClient`). */
export interface ImageServiceClientConfig extends ServiceClientConfig {
  /**
   * Image service endpoint, with or without a version suffix (`https://glance:9292` or `…/v2`),
   * or a function finding it before the first request (e.g. `identitySession.endpointResolver({ type: "image" })`).
   */
  readonly endpoint: string | ((signal?: AbortSignal) => Promise<string>);
  /**
   * The project (tenant) id the client acts as. Needed by consumer-side sharing calls
   * (`members.accept`/`reject`/`updateStatus` set the status of the client's *own* membership)
   * and used to refuse the owner's classic mistakes before sending. Optional: without it those
   * calls ask for a `memberId`. Can also be set later through `client.projectId` (identity flows
   * fill it from the token).
   */
  readonly projectId?: string | undefined;
}

/**
 * The bare-bones client of an OpenStack image service (Glance v2): image records (`images`),
 * version discovery (`versions`) and the HTTP layer (`http`), nothing else. `ImageClient` is
 * this client plus every other API (members, tasks, data, imports, waiters, the server's
 * schemas, `uploadImage`); use `ImageClient` (or a runtime package's `createClient`) unless
 * the size of a page matters.
 *
 * What it is for: a bundle that imports only this class leaves out the code of every API it
 * does not name. A page that lists images with it is a few kB, where the full client brings
 * members, tasks, data, imports and waiters along. Each of those APIs is its own class, built
 * on this client's `http` and `images` when a page needs it, so the page pays only for what it
 * uses. Calls are the same as on the full client (`client.images.list()`…).
 *
 * @example
 * ```ts compile-only
 * import { ImageServiceClient, ImageDataApi, MembersApi, createFetchTransport, wasmHashFactory } from "@cloud-images/core";
 *
 * const glance = new ImageServiceClient({ endpoint: "https://glance.example.com:9292", token, transport: createFetchTransport() });
 * for await (const image of glance.images.listAll({ status: "active" })) console.log(image.name);
 *
 * // Only where a page also moves data or shares images:
 * const data = new ImageDataApi(glance.http, glance.images, wasmHashFactory);
 * const members = new MembersApi(glance.http, glance.images, () => glance.projectId);
 * ```
 */
export class ImageServiceClient {
  /** The name in messages and `inspect` output (a fixed string: minifiers rename classes). */
  protected static readonly clientName: string = "ImageServiceClient";

  /** The low-level HTTP layer, for operations the SDK does not wrap yet. */
  readonly http: HttpClient;
  /** Image records: create, get, list, update, delete, tags, (de)activation. */
  readonly images: ImagesApi;
  /** API version discovery. */
  readonly versions: VersionsApi;
  /** The project id the client acts as (config `projectId`), when known; may be set later. */
  projectId: string | undefined;

  /** @throws ValidationError when the configuration cannot work (endpoint, timeout, token, headers…). */
  constructor(config: ImageServiceClientConfig) {
    this.http = endpointHttpClient((new.target as typeof ImageServiceClient).clientName, config, config.endpoint, normalizeEndpoint);
    this.images = new ImagesApi(this.http);
    this.versions = new VersionsApi(this.http);
    this.projectId = config.projectId;
  }

  /** A readable summary without credentials (also used by `util.inspect`). */
  toJSON(): { endpoint: string } {
    return { endpoint: shownEndpoint(this.http.root) };
  }

  /** Node's `util.inspect` hook: shows the endpoint only, never credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${(this.constructor as typeof ImageServiceClient).clientName} { endpoint: '${shownEndpoint(this.http.root)}' }`;
  }
}
