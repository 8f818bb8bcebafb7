import {
  createFetchTransport,
  IdentitySession,
  ImageClient,
  type AuthMethod,
  type EndpointInterface,
  type ImageClientConfig,
  type Transport,
} from "@cloud-images/core";
import type { Dispatcher } from "undici";
import { createUndiciTransport, type UndiciTransportOptions } from "./transport/undici-transport.js";
import { CloudConfig, createConfiguredDispatcher, loadCloudConfig, type ConfigSources } from "./config/index.js";
import { NodeFileData } from "./data/file-data.js";
import { nodeHashFactory } from "./data/node-hash-factory.js";

/** Options of the Node {@link createClient}. */
export interface NodeClientOptions extends Omit<ImageClientConfig, "transport" | "endpoint"> {
  /**
   * Image service endpoint. Optional with `identity` or `cloud`: then it comes from the service
   * catalog (type `image`, the region and interface below). Without any of `endpoint`, `token`,
   * `auth`, `identity` and `cloud`, the cloud is loaded from `OS_CLOUD` / `OS_*` / clouds.yaml.
   */
  readonly endpoint?: ImageClientConfig["endpoint"] | undefined;
  /**
   * A cloud of clouds.yaml by name (secure.yaml merged, profiles applied), `true` for the one
   * `OS_CLOUD` or the `OS_*` variables describe, or a {@link CloudConfig} loaded already.
   * Its `cacert`, `verify` and the `HTTPS_PROXY`/`NO_PROXY` variables set up the undici transport.
   */
  readonly cloud?: string | true | CloudConfig | undefined;
  /** Where `cloud` is looked up (environment, current and home folders); default: the real ones. */
  readonly configSources?: ConfigSources | undefined;
  /** How to get tokens (`keystonePassword(…)`, `rackspaceApiKey(…)`…), or a shared {@link IdentitySession}. */
  readonly identity?: AuthMethod | IdentitySession | undefined;
  /** Region to pick endpoints in (default: the cloud's `region_name`, else the user's default region). */
  readonly region?: string | undefined;
  /** Endpoint interface (default: the cloud's, else `public`). */
  readonly interface?: EndpointInterface | undefined;
  /** Catalog name of the image service (default: any service of type `image`; `cloudImages` for the Rackspace profile). */
  readonly serviceName?: string | undefined;
  /**
   * `"undici"` (default: keep-alive pool), `"fetch"` (Node's global fetch), or any
   * {@link Transport}.
   */
  readonly transport?: "undici" | "fetch" | Transport;
  /** Settings of the undici transport when `transport` is `"undici"`. */
  readonly undici?: UndiciTransportOptions;
}

/** A Glance v2 client for Node that owns its transport and can release its connections. */
export class NodeImageClient extends ImageClient {
  /** The transport requests go through. */
  readonly transport: Transport;
  /** Files and Node streams: upload from a path or `Readable`, download to a path (temp + rename). */
  readonly files: NodeFileData;

  /** The identity session when the client authenticates itself (`identity` or `cloud`). */
  readonly identity: IdentitySession | undefined;
  /** The cloud configuration used, when `cloud` was given or loaded from the environment. */
  readonly cloud: CloudConfig | undefined;
  readonly #dispatcher: Dispatcher | undefined;

  constructor(options: NodeClientOptions) {
    const cloud = pickCloud(options);
    let dispatcher: Dispatcher | undefined;
    let transportOptions = options;
    if (cloud && (options.transport === undefined || options.transport === "undici") && options.undici?.dispatcher === undefined) {
      dispatcher = createConfiguredDispatcher({ cacert: cloud.cacert, insecure: cloud.insecure, env: options.configSources?.env, connections: options.undici?.connections });
      transportOptions = { ...options, undici: { ...options.undici, dispatcher } };
    }
    const transport = pickTransport(transportOptions);
    const identitySource = options.identity ?? cloud?.authMethod();
    const session =
      identitySource instanceof IdentitySession
        ? identitySource
        : identitySource
          ? new IdentitySession({ auth: identitySource, transport, region: options.region ?? cloud?.region, interface: options.interface ?? cloud?.interface })
          : undefined;
    const endpointOverride = options.endpoint ?? cloud?.imageEndpointOverride;
    // Set once the client exists: fills `projectId` from the token (sharing calls need it).
    const whenResolved: { projectId?: (id: string | undefined) => void } = {};
    const fromCatalog = session
      ? async (signal?: AbortSignal): Promise<string> => {
          const root = await session.endpointResolver({ type: "image", name: options.serviceName ?? cloud?.imageServiceName, region: options.region, interface: options.interface })(signal);
          whenResolved.projectId?.(session.current?.projectId);
          return root;
        }
      : undefined;
    const endpoint = endpointOverride ?? fromCatalog;
    if (endpoint === undefined) throw new TypeError("createClient needs an endpoint, or identity/cloud settings to find it in the service catalog");
    super({ hashFactory: nodeHashFactory, ...options, endpoint, auth: options.auth ?? session, transport });
    whenResolved.projectId = (id) => {
      this.projectId ??= id;
    };
    this.transport = transport;
    this.identity = session;
    this.cloud = cloud;
    this.#dispatcher = dispatcher;
    this.files = new NodeFileData(this);
  }

  /** Closes pooled connections; the client should not be used afterwards. */
  async close(): Promise<void> {
    await this.transport.close?.();
    await this.#dispatcher?.close();
  }
}

/**
 * Creates a Glance v2 client for Node.
 *
 * @example
 * ```ts
 * const glance = createClient({ endpoint: "https://glance.example.com:9292", token });
 * for await (const image of glance.images.listAll({ status: "active" })) console.log(image.name);
 * ```
 */
export function createClient(options: NodeClientOptions): NodeImageClient {
  return new NodeImageClient(options);
}

function pickCloud(options: NodeClientOptions): CloudConfig | undefined {
  if (options.cloud instanceof CloudConfig) return options.cloud;
  if (typeof options.cloud === "string") return loadCloudConfig({ ...options.configSources, cloud: options.cloud });
  if (options.cloud === true) return loadCloudConfig({ ...options.configSources });
  const nothingGiven = options.endpoint === undefined && options.token === undefined && options.auth === undefined && options.identity === undefined;
  return nothingGiven ? loadCloudConfig({ ...options.configSources }) : undefined;
}

function pickTransport(options: NodeClientOptions): Transport {
  if (options.transport === undefined || options.transport === "undici") return createUndiciTransport(options.undici);
  if (options.transport === "fetch") return createFetchTransport();
  return options.transport;
}
