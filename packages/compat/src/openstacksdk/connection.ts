import { cloudConfigFromRaw, createCloud, type Cloud, type ConfigSources, type NodeImageClient, type Transport } from "@cloud-images/node";
import { ImageProxy } from "./proxy.js";

/**
 * The arguments of `openstack.connect(...)`: a cloud of clouds.yaml by name (`cloud`), or the
 * settings of one inline (`auth`, `auth_type`, `region_name`, `interface`,
 * `image_endpoint_override`…, as clouds.yaml spells them), or a native client (`session`).
 * With none of them, the cloud comes from `OS_CLOUD` / the `OS_*` variables, as openstacksdk
 * finds it.
 */
export interface ConnectOptions {
  /** A cloud of clouds.yaml (secure.yaml merged, profiles applied). */
  readonly cloud?: string | undefined;
  /** Inline credentials: `auth_url`, `username`, `password`, `project_name`, `user_domain_name`… (or `api_key` for Rackspace). */
  readonly auth?: Readonly<Record<string, string>> | undefined;
  /** `password` (default), `v3applicationcredential`, `v3token`, `rackspace_apikey`… */
  readonly auth_type?: string | undefined;
  /** The region. */
  readonly region_name?: string | undefined;
  /** `public` (default), `internal` or `admin`. */
  readonly interface?: string | undefined;
  /** Use this image endpoint instead of the catalog's. */
  readonly image_endpoint_override?: string | undefined;
  /** Other clouds.yaml keys of an inline cloud (`cacert`, `verify`, `image_service_name`…). */
  readonly [key: string]: unknown;
  /** A native image client to use as is (`createClient(...)` of `@cloud-images/node`); left open by `close()`. */
  readonly session?: NodeImageClient | undefined;
  /** A transport to use (left open by `close()`). */
  readonly transport?: Transport | undefined;
  /** Where clouds.yaml and `OS_*` are looked up (default: the real environment and folders). */
  readonly config_sources?: ConfigSources | undefined;
}

/**
 * `openstack.connection.Connection`: `conn.image` is the image proxy. Its image client knows
 * the cloud's object store from the catalog, so uploads work on clouds that import through
 * Cloud Files (Rackspace). `close()` releases the connections it opened.
 */
export class Connection {
  /** The image service proxy (`conn.image.images()`, `conn.image.create_image(...)`…). */
  readonly image: ImageProxy;
  readonly #owned: Cloud | undefined;

  /** @param options - see {@link ConnectOptions}. */
  constructor(options: ConnectOptions = {}) {
    if (options.session) {
      this.image = new ImageProxy(options.session);
      this.#owned = undefined;
      return;
    }
    const cloud = cloudFor(options);
    this.image = new ImageProxy(cloud.images);
    this.#owned = cloud;
  }

  /** Releases the connections this connection opened. */
  async close(): Promise<void> {
    await this.#owned?.close();
  }
}

/** `openstack.connect(...)`: a {@link Connection}. */
export function connect(options: ConnectOptions = {}): Connection {
  return new Connection(options);
}

/** `openstack.connection.from_config(cloud=...)`: a {@link Connection} to a cloud of clouds.yaml. */
export function from_config(options: { readonly cloud?: string; readonly config_sources?: ConfigSources } = {}): Connection {
  return new Connection(options);
}

const NOT_CLOUD_KEYS = new Set(["cloud", "session", "transport", "config_sources"]);

function cloudFor(options: ConnectOptions): Cloud {
  const common = {
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.config_sources ? { configSources: options.config_sources } : {}),
  };
  if (options.auth !== undefined || options.image_endpoint_override !== undefined) {
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) if (!NOT_CLOUD_KEYS.has(key) && value !== undefined) raw[key] = value;
    return createCloud({ ...common, cloud: cloudConfigFromRaw(options.cloud ?? "openstack", undefined, raw) });
  }
  return createCloud({ ...common, cloud: options.cloud ?? true });
}
