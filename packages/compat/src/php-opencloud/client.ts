import {
  createClient,
  createComputeClient,
  createUndiciTransport,
  IdentitySession,
  keystonePassword,
  RACKSPACE_COMPUTE_SERVICE,
  RACKSPACE_IDENTITY_UK,
  RACKSPACE_IDENTITY_US,
  RACKSPACE_IMAGE_SERVICE,
  rackspaceApiKey,
  rackspacePassword,
  ValidationError,
  type AuthMethod,
  type EndpointInterface,
  type NodeServiceOptions,
  type Transport,
} from "@cloud-images/node";
import { ComputeService } from "./compute.js";
import { ImageService } from "./image-service.js";
import { ownValue } from "@cloud-images/core/internal";

/** The credentials of `new OpenStack(url, secret)`, as php-opencloud's array keys spell them. */
export interface OpenStackSecret {
  /** The user's name. */
  readonly username?: string | undefined;
  /** The user's id (instead of `username`). */
  readonly userId?: string | undefined;
  /** The password. */
  readonly password: string;
  /** The project (tenant) id to scope to. */
  readonly tenantId?: string | undefined;
  /** The project (tenant) name to scope to. */
  readonly tenantName?: string | undefined;
  /** The domain of the user and project (Keystone v3; default `Default`). */
  readonly domainName?: string | undefined;
}

/** The credentials of `new Rackspace(url, secret)`: an API key, or a password. */
export type RackspaceSecret =
  | { readonly username: string; readonly apiKey: string; readonly tenantId?: string | undefined; readonly tenantName?: string | undefined }
  | { readonly username: string; readonly password: string; readonly tenantId?: string | undefined; readonly tenantName?: string | undefined };

/**
 * Settings php-opencloud took as Guzzle options: the transport, timeouts, retries, hooks and
 * extra headers of every client the services use.
 */
export type ClientOptions = Pick<NodeServiceOptions, "timeoutMs" | "maxRetries" | "headers" | "userAgent" | "onRequest" | "onResponse" | "onRetry"> & {
  /** A transport to share (left open by `close()`); default: one undici pool for every service. */
  readonly transport?: Transport | undefined;
};

/** php-opencloud's `urlType` values and the interface each names. */
const URL_TYPES: Readonly<Record<string, EndpointInterface>> = { publicURL: "public", internalURL: "internal", adminURL: "admin" };

/**
 * `OpenCloud\OpenStack`: a Keystone-authenticated client whose `imageService()` and
 * `computeService()` share one token. `close()` releases its connections.
 */
export class OpenStack {
  /** The identity session every service shares (authenticates on the first call). */
  readonly identity: IdentitySession;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #options: ClientOptions;
  readonly #closers: (() => Promise<void>)[] = [];

  /**
   * @param url - the identity endpoint (Keystone; a `/v2.0` URL is used as its `/v3` sibling).
   * @param secret - `{ username, password, tenantId | tenantName }`.
   * @param options - transport, timeouts, hooks (see {@link ClientOptions}).
   */
  constructor(url: string, secret: OpenStackSecret, options: ClientOptions = {}) {
    this.#options = options;
    this.#ownsTransport = options.transport === undefined;
    this.#transport = options.transport ?? createUndiciTransport();
    this.identity = new IdentitySession({ auth: this.authMethod(url, secret), transport: this.#transport });
  }

  /** How this client authenticates (overridden by {@link Rackspace}). */
  protected authMethod(url: string, secret: object): AuthMethod {
    const s = secret as OpenStackSecret;
    if (typeof s.password !== "string") throw new ValidationError("OpenStack", [{ path: ["password"], message: "is required" }]);
    const domain = s.domainName ?? "Default";
    return keystonePassword({
      authUrl: url.replace(/\/v2\.0\/?$/, "/v3"),
      password: s.password,
      ...(s.userId ? { userId: s.userId } : { username: s.username, userDomainName: domain }),
      ...(s.tenantId ? { projectId: s.tenantId } : s.tenantName ? { projectName: s.tenantName, projectDomainName: domain } : {}),
    });
  }

  /** The catalog name `imageService(null, …)` picks. */
  protected defaultImageServiceName(): string | undefined {
    return undefined;
  }

  /** The catalog name `computeService(null, …)` picks. */
  protected defaultComputeServiceName(): string | undefined {
    return undefined;
  }

  /**
   * The image service (Glance v2): `name` is its catalog name (`null` for the default:
   * `cloudImages` on Rackspace, the `image` entry elsewhere), `region` its region, `urlType`
   * `publicURL` (default) or `internalURL`.
   */
  imageService(name?: string | null, region?: string | null, urlType?: string | null): ImageService {
    const client = createClient({ ...this.#serviceOptions(name ?? this.defaultImageServiceName(), region, urlType) });
    this.#closers.push(() => client.close());
    return new ImageService(client);
  }

  /** The compute service (next-generation Cloud Servers / Nova), for its image calls. */
  computeService(name?: string | null, region?: string | null, urlType?: string | null): ComputeService {
    const client = createComputeClient({ ...this.#serviceOptions(name ?? this.defaultComputeServiceName(), region, urlType) });
    this.#closers.push(() => client.close());
    return new ComputeService(client);
  }

  /** Closes every service's client and the connections this client opened. */
  async close(): Promise<void> {
    for (const close of this.#closers.splice(0)) await close();
    if (this.#ownsTransport) await (this.#transport as Transport & { close?: () => Promise<void> }).close?.();
  }

  #serviceOptions(name: string | undefined, region: string | null | undefined, urlType: string | null | undefined): NodeServiceOptions {
    const { transport: _ignored, ...rest } = this.#options;
    const iface = urlType ? ownValue(URL_TYPES, urlType) : undefined;
    if (urlType && !iface) throw new ValidationError("service", [{ path: ["urlType"], message: "is publicURL, internalURL or adminURL" }]);
    return {
      ...rest,
      identity: this.identity,
      transport: this.#transport,
      ...(name ? { serviceName: name } : {}),
      ...(region ? { region } : {}),
      ...(iface ? { interface: iface } : {}),
    };
  }
}

/**
 * `OpenCloud\Rackspace`: `new Rackspace(Rackspace.US_IDENTITY_ENDPOINT, { username, apiKey })`
 * (or `password`). Services default to Rackspace's catalog names (`cloudImages`,
 * `cloudServersOpenStack`).
 */
export class Rackspace extends OpenStack {
  /** The US identity endpoint. */
  static readonly US_IDENTITY_ENDPOINT: string = `${RACKSPACE_IDENTITY_US}/`;
  /** The UK identity endpoint. */
  static readonly UK_IDENTITY_ENDPOINT: string = `${RACKSPACE_IDENTITY_UK}/`;

  /**
   * @param url - `Rackspace.US_IDENTITY_ENDPOINT`, `Rackspace.UK_IDENTITY_ENDPOINT`, or another identity v2.0 root.
   * @param secret - `{ username, apiKey }` or `{ username, password }`.
   * @param options - transport, timeouts, hooks (see {@link ClientOptions}).
   */
  constructor(url: string, secret: RackspaceSecret, options: ClientOptions = {}) {
    super(url, secret as unknown as OpenStackSecret, options);
  }

  /** API key (or password) authentication against Rackspace identity v2.0. */
  protected override authMethod(url: string, secret: object): AuthMethod {
    const s = secret as { username?: unknown; apiKey?: unknown; password?: unknown; tenantId?: string; tenantName?: string };
    if (typeof s.username !== "string" || s.username === "") {
      throw new ValidationError("Rackspace", [{ path: ["username"], message: "is required" }]);
    }
    const common = {
      authUrl: url.replace(/\/+$/, ""),
      username: s.username,
      ...(s.tenantId ? { tenantId: s.tenantId } : {}),
      ...(s.tenantName ? { tenantName: s.tenantName } : {}),
    };
    if (typeof s.apiKey === "string") return rackspaceApiKey({ ...common, apiKey: s.apiKey });
    if (typeof s.password === "string") return rackspacePassword({ ...common, password: s.password });
    throw new ValidationError("Rackspace", [{ path: ["apiKey"], message: "an apiKey (or a password) is required" }]);
  }

  /** `cloudImages`, Rackspace's catalog name of Cloud Images. */
  protected override defaultImageServiceName(): string {
    return RACKSPACE_IMAGE_SERVICE;
  }

  /** `cloudServersOpenStack`, Rackspace's catalog name of next-generation Cloud Servers. */
  protected override defaultComputeServiceName(): string {
    return RACKSPACE_COMPUTE_SERVICE;
  }
}
