import { type IdentitySession, type Transport } from "@cloud-images/core";
import { checkEndpointUrl } from "@cloud-images/core/internal";
import type { CloudConfig } from "./config/index.js";
import { NodeImageClient, type NodeClientOptions } from "./create-client.js";
import { NodeComputeClient, NodeLegacyComputeClient } from "./create-compute-client.js";
import { setUpService, type NodeServiceOptions, type ServiceSetup } from "./service-setup.js";

/** One setting per service of a cloud. */
export interface PerService<T> {
  /** The image service (Glance v2, Cloud Images). */
  readonly image?: T | undefined;
  /** The compute v2 service (next-gen Cloud Servers). */
  readonly compute?: T | undefined;
  /** The first-generation Cloud Servers v1.0 service. */
  readonly legacyCompute?: T | undefined;
  /** Cloud Files (type `object-store`), used by the image client's `uploadImage` on clouds that import through tasks. */
  readonly objectStore?: T | undefined;
}

/**
 * Options of {@link createCloud}: how to reach the cloud ({@link NodeServiceOptions} without
 * the single `endpoint` and `serviceName`, given per service instead), plus the image client's
 * own settings.
 */
export interface CloudOptions
  extends Omit<NodeServiceOptions, "endpoint" | "serviceName">,
    Pick<NodeClientOptions, "projectId" | "hashFactory"> {
  /** Endpoint overrides per service (else the service catalog, or the cloud's `*_endpoint_override`). */
  readonly endpoints?: PerService<string> | undefined;
  /** Catalog names per service (defaults as for each client). */
  readonly serviceNames?: PerService<string> | undefined;
}

/**
 * The clients of one cloud, created on first use and sharing one transport (one connection
 * pool) and one identity session (one login, one token): what `pyrax.images` and
 * `pyrax.cloudservers` give. Each client's own `close()` leaves the shared pieces open; the
 * cloud's `close()` closes what the cloud created, once.
 */
export class Cloud {
  /** The cloud configuration used, when `cloud` was given or loaded from the environment. */
  readonly config: CloudConfig | undefined;
  /** The identity session all clients share (`undefined` with a fixed `token`). */
  readonly identity: IdentitySession | undefined;
  /** The transport all clients share. */
  readonly transport: Transport;
  readonly #options: CloudOptions;
  readonly #setup: ServiceSetup;
  #images: NodeImageClient | undefined;
  #compute: NodeComputeClient | undefined;
  #legacyCompute: NodeLegacyComputeClient | undefined;

  /**
   * @throws ValidationError for a bad endpoint, before anything else.
   * @throws ConfigurationError when the cloud configuration cannot be loaded.
   */
  constructor(options: CloudOptions = {}) {
    for (const key of ["image", "compute", "legacyCompute", "objectStore"] as const) {
      const value = options.endpoints?.[key];
      if (value !== undefined) checkEndpointUrl("createCloud", value, ["endpoints", key]);
    }
    const fixed = [options.endpoints?.image, options.endpoints?.compute, options.endpoints?.legacyCompute].find((e) => e !== undefined);
    // With only endpoints and a token, nothing is loaded from the environment; a session is optional.
    this.#setup = setUpService("createCloud", { ...options, endpoint: options.identity || options.cloud ? undefined : fixed });
    this.#options = options;
    this.config = this.#setup.cloud;
    this.identity = this.#setup.session;
    this.transport = this.#setup.transport;
  }

  /** The options of one client: the shared transport and session, the cloud, that service's endpoint and name. */
  #clientOptions(service: keyof PerService<string>): NodeServiceOptions {
    const { endpoints, serviceNames, ...rest } = this.#options;
    return {
      ...rest,
      cloud: this.config,
      identity: this.identity,
      transport: this.transport,
      endpoint: endpoints?.[service],
      serviceName: serviceNames?.[service],
    };
  }

  /**
   * The image client (Glance v2), with the cloud's object store (`endpoints.objectStore`, else
   * the catalog's `object-store` service) for `uploadImage`'s task path.
   * @throws ValidationError without an endpoint or a session to find one.
   */
  get images(): NodeImageClient {
    return (this.#images ??= new NodeImageClient({ ...this.#clientOptions("image"), objectStoreEndpoint: this.#objectStoreEndpoint() }));
  }

  /** Where Cloud Files is: the override, else the catalog (found on first use; a catalog without one fails only the task path). */
  #objectStoreEndpoint(): string | ((signal?: AbortSignal) => Promise<string>) | undefined {
    const given = this.#options.endpoints?.objectStore;
    if (given !== undefined) return given;
    const session = this.identity;
    if (session === undefined) return undefined;
    const { region, interface: endpointInterface, serviceNames } = this.#options;
    return async (signal) => (await session.endpoint({ type: "object-store", name: serviceNames?.objectStore, region, interface: endpointInterface }, signal)).url;
  }

  /** The compute v2 client. @throws ValidationError without an endpoint or a session to find one. */
  get compute(): NodeComputeClient {
    return (this.#compute ??= new NodeComputeClient(this.#clientOptions("compute")));
  }

  /** The Cloud Servers v1.0 client. @throws ValidationError without an endpoint or a session to find one. */
  get legacyCompute(): NodeLegacyComputeClient {
    return (this.#legacyCompute ??= new NodeLegacyComputeClient(this.#clientOptions("legacyCompute")));
  }

  /** Closes the transport and connection pool the cloud created (not a transport, dispatcher or session passed in). */
  async close(): Promise<void> {
    await this.#setup.close();
  }

  /** A summary without credentials. */
  toJSON(): Record<string, unknown> {
    return { cloud: this.config?.name, identity: this.identity?.toJSON(), clients: [this.#images, this.#compute, this.#legacyCompute].filter((c) => c !== undefined).map((c) => c.toJSON()) };
  }

  /** Node's `util.inspect` hook: no credentials. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Cloud ${JSON.stringify(this.toJSON())}`;
  }
}

/**
 * The image, compute and legacy compute clients of one cloud, sharing one identity session and
 * one transport; each client is created on first use.
 *
 * @example
 * ```ts
 * import { createCloud } from "@cloud-images/node";
 *
 * const cloud = createCloud({ identity, region: "DFW" }); // or { cloud: "rackspace-dfw" } from clouds.yaml
 * const [server] = await cloud.compute.images.listServers();
 * const snapshot = await cloud.compute.images.createImage(server!.id, { name: "nightly" });
 * await cloud.compute.waitFor.image(snapshot.id);
 * const copy = await cloud.images.images.get(snapshot.id); // same token, same connections
 * console.log(copy.status, copy.size);
 * await cloud.close();
 * ```
 */
export function createCloud(options: CloudOptions = {}): Cloud {
  return new Cloud(options);
}
