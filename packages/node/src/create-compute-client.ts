import { ComputeClient, LegacyComputeClient, type IdentitySession, type Transport } from "@cloud-images/core";
import type { CloudConfig } from "./config/index.js";
import { setUpService, type NodeServiceOptions, type ServiceSetup } from "./service-setup.js";

/** Catalog name of Rackspace's next-generation Cloud Servers (compute v2). */
export const RACKSPACE_COMPUTE_SERVICE = "cloudServersOpenStack";
/** Catalog name of Rackspace's first-generation Cloud Servers (v1.0). */
export const RACKSPACE_LEGACY_COMPUTE_SERVICE = "cloudServers";

/**
 * Options of {@link createComputeClient} and {@link createLegacyComputeClient}: the same as the
 * image client's ({@link NodeServiceOptions}). From the catalog they pick the service of type
 * `compute` named `serviceName`, by default the cloud's `compute_service_name`, else
 * `cloudServersOpenStack` when the catalog has it (next-gen) and `cloudServers` (legacy).
 */
export type NodeComputeClientOptions = NodeServiceOptions;

interface NodeParts {
  readonly setup: ServiceSetup;
  readonly endpoint: string | ((signal?: AbortSignal) => Promise<string>);
}

function computeParts(operation: string, options: NodeComputeClientOptions, legacy: boolean): NodeParts {
  const setup = setUpService(operation, options, {
    override: legacy ? undefined : (c) => ({ key: "compute_endpoint_override", value: c.computeEndpointOverride }),
  });
  const { session, cloud } = setup;
  if (setup.endpoint !== undefined) return { setup, endpoint: setup.endpoint };
  // setUpService made sure there is an endpoint or a session.
  const found = session!;
  const endpoint = async (signal?: AbortSignal): Promise<string> => {
    const name = options.serviceName ?? (legacy ? RACKSPACE_LEGACY_COMPUTE_SERVICE : await nextGenName(found, cloud, signal));
    const selected = await found.endpoint({ type: "compute", name, region: options.region, interface: options.interface }, signal);
    return selected.url;
  };
  return { setup, endpoint };
}

/** The cloud's compute service name, else Rackspace's next-gen one when the catalog has it, else any `compute`. */
async function nextGenName(session: IdentitySession, cloud: CloudConfig | undefined, signal?: AbortSignal): Promise<string | undefined> {
  if (cloud?.computeServiceName !== undefined) return cloud.computeServiceName;
  const catalog = await session.catalog(signal);
  return catalog.some((s) => s.name === RACKSPACE_COMPUTE_SERVICE) ? RACKSPACE_COMPUTE_SERVICE : undefined;
}

/**
 * A compute v2 client (next-gen Cloud Servers `/images`) for Node. `close()` releases what the
 * client created; a transport, dispatcher or identity session passed in stays open.
 */
export class NodeComputeClient extends ComputeClient {
  /** The transport requests go through. */
  readonly transport: Transport;
  /** The identity session when the client authenticates itself (`identity` or `cloud`). */
  readonly identity: IdentitySession | undefined;
  /** The cloud configuration used, when `cloud` was given or loaded from the environment. */
  readonly cloud: CloudConfig | undefined;
  readonly #close: () => Promise<void>;

  /** @throws ValidationError for a bad `endpoint`, or none and no way to find one. */
  constructor(options: NodeComputeClientOptions) {
    const { setup, endpoint } = computeParts("createComputeClient", options, false);
    super({ ...options, runtime: setup.runtime, endpoint, headers: setup.headers, auth: options.auth ?? setup.session, transport: setup.transport });
    this.transport = setup.transport;
    this.identity = setup.session;
    this.cloud = setup.cloud;
    this.#close = setup.close;
  }

  /** Closes what the client created (its transport's connections). */
  override async close(): Promise<void> {
    await this.#close();
  }
}

/**
 * A first-generation Cloud Servers v1.0 client for Node. `close()` releases what the client
 * created; a transport, dispatcher or identity session passed in stays open.
 */
export class NodeLegacyComputeClient extends LegacyComputeClient {
  /** The transport requests go through. */
  readonly transport: Transport;
  /** The identity session when the client authenticates itself (`identity` or `cloud`). */
  readonly identity: IdentitySession | undefined;
  /** The cloud configuration used, when `cloud` was given or loaded from the environment. */
  readonly cloud: CloudConfig | undefined;
  readonly #close: () => Promise<void>;

  /** @throws ValidationError for a bad `endpoint`, or none and no way to find one. */
  constructor(options: NodeComputeClientOptions) {
    const { setup, endpoint } = computeParts("createLegacyComputeClient", options, true);
    super({ ...options, runtime: setup.runtime, endpoint, headers: setup.headers, auth: options.auth ?? setup.session, transport: setup.transport });
    this.transport = setup.transport;
    this.identity = setup.session;
    this.cloud = setup.cloud;
    this.#close = setup.close;
  }

  /** Closes what the client created (its transport's connections). */
  override async close(): Promise<void> {
    await this.#close();
  }
}

/**
 * Creates a compute v2 client (next-gen Cloud Servers images) for Node, with the image client's
 * options: an `endpoint` and `token`, or `identity`/`cloud` and the service catalog.
 *
 * @example
 * ```ts
 * import { createComputeClient } from "@cloud-images/node";
 *
 * const compute = createComputeClient({ identity, region: "DFW" }); // identity: e.g. rackspaceApiKey({ username, apiKey })
 * const snapshot = await compute.images.createImage(serverId, { name: "nightly" });
 * console.log((await compute.images.get(snapshot.id)).status); // SAVING, then ACTIVE
 * await compute.close();
 * ```
 */
export function createComputeClient(options: NodeComputeClientOptions): NodeComputeClient {
  return new NodeComputeClient(options);
}

/**
 * Creates a first-generation Cloud Servers v1.0 client for Node (catalog name `cloudServers`
 * unless `serviceName` says otherwise).
 *
 * @example
 * ```ts
 * import { createLegacyComputeClient } from "@cloud-images/node";
 *
 * const legacy = createLegacyComputeClient({ identity });
 * const centos = await legacy.images.find({ name: "CentOS 5.5" });
 * console.log(centos.id, centos.status);
 * await legacy.close();
 * ```
 */
export function createLegacyComputeClient(options: NodeComputeClientOptions): NodeLegacyComputeClient {
  return new NodeLegacyComputeClient(options);
}
