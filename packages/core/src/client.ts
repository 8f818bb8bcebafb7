import { endpointHttpClient } from "./http/service-client-config.js";
import { ImageServiceClient, type ImageServiceClientConfig } from "./image-service-client.js";
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

/** Settings of an image client: those of an {@link ImageServiceClient}, and of the APIs it adds. */
export interface ImageClientConfig extends ImageServiceClientConfig {
  /** Hashes for image data (default: `hash-wasm`, each algorithm loaded when first used; the Node package supplies `node:crypto`). */
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
 * A client of one OpenStack image service (Glance v2) with every API of the SDK. Create it with
 * the Node or browser package's `createClient`, or directly with any {@link Transport}.
 *
 * It is the bare-bones {@link ImageServiceClient} (`images`, `versions`, `http`) with the other
 * APIs built on it. A web page whose bundle size matters can start from `ImageServiceClient`
 * and build only the APIs it uses (see there); everyone else uses this one.
 */
export class ImageClient extends ImageServiceClient {
  /** The name in messages and `inspect` output. */
  protected static override readonly clientName: string = "ImageClient";

  /** Image sharing: members (owner side) and accept/reject/listing (consumer side). */
  readonly members: MembersApi;
  /** Tasks (`import`/`export`): create, get, list, wait. */
  readonly tasks: TasksApi;
  /** Glance's JSON schemas, and checks of image patches against the server's `image` schema. */
  readonly schemas: SchemasApi;
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
    super(config);
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
}
