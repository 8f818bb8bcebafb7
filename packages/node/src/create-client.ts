import {
  ImageClient,
  type IdentitySession,
  type ImageClientConfig,
  type Transport,
  type UploadImageRequest,
  type UploadImageResult,
} from "@cloud-images/core";
import type { CloudConfig } from "./config/index.js";
import { setUpService, type NodeServiceOptions } from "./service-setup.js";
import { NodeImageDataApi } from "./data/node-data-api.js";
import type { NodeUploadSource } from "./data/node-source.js";
import { autoHashFactory } from "./data/auto-hash-factory.js";

/** How the core client builds the Node data API (`ImageClientConfig.dataApi`). */
const NODE_DATA_API = { dataApi: NodeImageDataApi.create };

/**
 * Options of the Node {@link createClient}: the image client's settings and how to reach the
 * image service ({@link NodeServiceOptions}: `endpoint`, or `identity`/`cloud` and the catalog's
 * service of type `image`, by default named as the cloud says: `cloudImages` for the Rackspace profile).
 */
export interface NodeClientOptions extends Omit<ImageClientConfig, "transport" | "endpoint">, NodeServiceOptions {}

/**
 * A Glance v2 client for Node. `close()` releases what the client created (its transport and
 * connection pool); a transport, dispatcher or identity session passed in stays open.
 */
export class NodeImageClient extends ImageClient {
  /** The transport requests go through. */
  readonly transport: Transport;
  /**
   * Image data: the one `upload` (bytes, Blob, web stream, sized `AsyncIterable`, and in Node a
   * file path, a `file:` URL or a `Readable`), the one `download`, and `downloadToFile`.
   */
  declare readonly data: NodeImageDataApi;

  /** The identity session when the client authenticates itself (`identity` or `cloud`). */
  readonly identity: IdentitySession | undefined;
  /** The cloud configuration used, when `cloud` was given or loaded from the environment. */
  readonly cloud: CloudConfig | undefined;
  readonly #close: () => Promise<void>;

  /** @throws ValidationError for a bad `endpoint`, or none and no way to find one (see {@link NodeServiceOptions}). */
  constructor(options: NodeClientOptions) {
    const setup = setUpService("createClient", options, { override: (c) => ({ key: "image_endpoint_override", value: c.imageEndpointOverride }) });
    const { cloud, session, transport } = setup;
    // Set once the client exists: fills `projectId` from the token (sharing calls need it).
    const whenResolved: { projectId?: (id: string | undefined) => void } = {};
    const fromCatalog = session
      ? async (signal?: AbortSignal): Promise<string> => {
          const root = await session.endpointResolver({ type: "image", name: options.serviceName ?? cloud?.imageServiceName, region: options.region, interface: options.interface })(signal);
          whenResolved.projectId?.(session.current?.projectId);
          return root;
        }
      : undefined;
    // setUpService made sure there is an endpoint or a session.
    const endpoint = setup.endpoint ?? fromCatalog!;
    super({ hashFactory: autoHashFactory, ...options, ...NODE_DATA_API, runtime: setup.runtime, endpoint, headers: setup.headers, auth: options.auth ?? session, transport });
    whenResolved.projectId = (id) => {
      this.projectId ??= id;
    };
    this.transport = transport;
    this.identity = session;
    this.cloud = cloud;
    this.#close = setup.close;
  }

  /** {@link ImageClient.uploadImage}, whose `data` is any {@link NodeUploadSource} (a file path, a `Readable`…). */
  override async uploadImage(request: UploadImageRequest<NodeUploadSource>): Promise<UploadImageResult> {
    return super.uploadImage(request as UploadImageRequest);
  }

  /** Closes what the client created (its transport's connections); the client should not be used afterwards. */
  async close(): Promise<void> {
    await this.#close();
  }
}

/**
 * Creates a Glance v2 client for Node.
 *
 * @example
 * ```ts
 * import { createClient } from "@cloud-images/node";
 *
 * const glance = createClient({ endpoint, token }); // endpoint: e.g. "https://glance.example.com:9292"
 * for await (const image of glance.images.listAll({ status: "active" })) console.log(image.name);
 * await glance.close();
 * ```
 */
export function createClient(options: NodeClientOptions): NodeImageClient {
  return new NodeImageClient(options);
}
