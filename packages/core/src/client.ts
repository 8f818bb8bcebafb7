import { normalizeEndpoint } from "./http/endpoint.js";
import type { HttpClient } from "./http/http-client.js";
import { endpointHttpClient, shownEndpoint, type ServiceClientConfig } from "./http/service-client-config.js";
import { ImagesApi } from "./images/images-api.js";
import { VersionsApi } from "./versions/versions-api.js";
import { MembersApi } from "./members/members-api.js";
import { SchemasApi } from "./schemas-api/schemas-api.js";
import { TasksApi } from "./tasks/tasks-api.js";
import { ImageDataApi, type ImageDataApiFactory } from "./data/image-data-api.js";
import { ImageWaiters } from "./waiters/image-waiters.js";
import { visibilitiesFromImageSchema } from "./members/sharing-model.js";
import type { HashFactory } from "./hashing/hash-factory.js";
import { wasmHashFactory } from "./hashing/wasm-hash-factory.js";
import { ImportsApi } from "./imports/imports-api.js";
import { uploadImage, type UploadImageRequest, type UploadImageResult } from "./imports/upload-image.js";
import { ObjectStoreApi } from "./object-store/object-store-api.js";

/** Settings of an image client. */
export interface ImageClientConfig extends ServiceClientConfig {
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
  /** Hashes for image data (default: `hash-wasm`; the Node package supplies `node:crypto`). */
  readonly hashFactory?: HashFactory | undefined;
  /** Builds the client's data API (the Node client installs one that also reads paths and `Readable`s). */
  readonly dataApi?: ImageDataApiFactory | undefined;
  /**
   * The Cloud Files (Swift) storage URL of the same account, `/v1/{account}` included (the
   * catalog's `object-store` endpoint), or a function finding it. With it, `uploadImage` works
   * on clouds that refuse `POST /v2/images` (Rackspace Cloud Images): data to Cloud Files, then
   * an import task. Same transport, auth and defaults as the image service.
   */
  readonly objectStoreEndpoint?: string | ((signal?: AbortSignal) => Promise<string>) | undefined;
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
  /** Image sharing: members (owner side) and accept/reject/listing (consumer side). */
  readonly members: MembersApi;
  /** Tasks (`import`/`export`): create, get, list, wait. */
  readonly tasks: TasksApi;
  /** Glance's JSON schemas, and checks of image patches against the server's `image` schema. */
  readonly schemas: SchemasApi;
  /** The project id the client acts as (config `projectId`), when known; may be set later. */
  projectId: string | undefined;
  /** Image data: streamed upload/download with hashing, verification, progress and resume. */
  readonly data: ImageDataApi;
  /** Interoperable import (glance-direct, web-download, copy-image), stores and usage. */
  readonly imports: ImportsApi;
  /** Waiters, one options shape for all: `waitFor.image(id, { status })`, `waitFor.imageDeleted(id)`, `waitFor.task(id)`. */
  readonly waitFor: ImageWaiters;
  /** Cloud Files of the same account (config `objectStoreEndpoint`), used by `uploadImage`'s task path. */
  readonly objectStore: ObjectStoreApi | undefined;

  /** @throws ValidationError when the configuration cannot work (endpoint, timeout, token, headers…). */
  constructor(config: ImageClientConfig) {
    this.http = endpointHttpClient("ImageClient", config, config.endpoint, normalizeEndpoint);
    this.images = new ImagesApi(this.http);
    this.versions = new VersionsApi(this.http);
    this.projectId = config.projectId;
    this.schemas = new SchemasApi(this.http, this.images);
    this.members = new MembersApi(this.http, this.images, () => this.projectId, (options) => this.schemas.image(options).then(visibilitiesFromImageSchema));
    this.tasks = new TasksApi(this.http);
    const hashFactory = config.hashFactory ?? wasmHashFactory;
    this.data = config.dataApi ? config.dataApi({ http: this.http, images: this.images, hashFactory }) : new ImageDataApi(this.http, this.images, hashFactory);
    this.imports = new ImportsApi(this.http, this.images);
    this.waitFor = new ImageWaiters(this.images, this.tasks, this.http);
    this.objectStore =
      config.objectStoreEndpoint === undefined
        ? undefined
        : new ObjectStoreApi(endpointHttpClient("ImageClient objectStoreEndpoint", config, config.objectStoreEndpoint, (endpoint) => endpoint.replace(/\/+$/, "")));
  }

  /**
   * Creates an image (client-chosen id), gets its data in (upload, stage + glance-direct, or
   * web-download), waits until active and verifies it; deletes it on failure unless
   * `keepOnFailure`. Safe to retry with the same `attributes.id`.
   */
  async uploadImage(request: UploadImageRequest): Promise<UploadImageResult> {
    return uploadImage({ http: this.http, images: this.images, data: this.data, imports: this.imports, waitFor: this.waitFor, tasks: this.tasks, objectStore: this.objectStore }, request);
  }

  /** A readable summary without credentials (also used by `util.inspect`). */
  toJSON(): { endpoint: string } {
    return { endpoint: shownEndpoint(this.http.root) };
  }

  /** Node's `util.inspect` hook: shows the endpoint only, never credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ImageClient { endpoint: '${shownEndpoint(this.http.root)}' }`;
  }
}
