import { ConfigurationError, createFetchTransport, IdentitySession, ValidationError, type AuthMethod, type EndpointInterface, type ServiceClientConfig, type Transport } from "@cloud-images/core";
import { checkEndpointUrl } from "@cloud-images/core/internal";
import type { Dispatcher } from "undici";
import { CloudConfig, createConfiguredDispatcher, loadCloudConfig, type ConfigSources } from "./config/index.js";
import { proxyFromEnv, readCaBundle } from "./config/dispatcher.js";
import { createNodeHttpTransport, type NodeHttpTransportOptions } from "./transport/node-http-transport.js";
import { createUndiciTransport, type UndiciTransportOptions } from "./transport/undici-transport.js";

/** How a Node client reaches its service: what every Node client (image, compute…) accepts. */
export interface NodeServiceOptions extends Omit<ServiceClientConfig, "transport"> {
  /**
   * The service endpoint. Optional with `identity` or `cloud`: then it comes from the service
   * catalog (the region, interface and service name below). Without any of `endpoint`, `token`,
   * `auth`, `identity` and `cloud`, the cloud is loaded from `OS_CLOUD` / `OS_*` / clouds.yaml.
   * An http(s) URL without query or fragment; user-info (`http://user:pw@host`) is sent as
   * Basic credentials and never shown. A function finds the endpoint before the first request.
   */
  readonly endpoint?: string | ((signal?: AbortSignal) => Promise<string>) | undefined;
  /**
   * A cloud of clouds.yaml by name (secure.yaml merged, profiles applied), `true` for the one
   * `OS_CLOUD` or the `OS_*` variables describe, or a {@link CloudConfig} loaded already.
   * Its `cacert`, `verify` and the `HTTPS_PROXY`/`NO_PROXY` variables set up the undici transport.
   */
  readonly cloud?: string | true | CloudConfig | undefined;
  /** Where `cloud` is looked up (environment, current and home folders); default: the real ones. */
  readonly configSources?: ConfigSources | undefined;
  /** How to get tokens (`keystonePassword(…)`, `rackspaceApiKey(…)`…), or a shared {@link IdentitySession} (left open by `close()`). */
  readonly identity?: AuthMethod | IdentitySession | undefined;
  /** Region to pick endpoints in (default: the cloud's `region_name`, else the user's default region). */
  readonly region?: string | undefined;
  /** Endpoint interface (default: the cloud's, else `public`). */
  readonly interface?: EndpointInterface | undefined;
  /** Catalog name of the service (default: the cloud's setting, else the service's usual name). */
  readonly serviceName?: string | undefined;
  /**
   * `"node:http"` (Node's own `http`/`https` with keep-alive agents: nothing to load or
   * compile, the fastest first request, the least memory per transfer), `"undici"` (undici's
   * keep-alive pool; goes through `HTTPS_PROXY`/`HTTP_PROXY` for clients of a `cloud`),
   * `"fetch"` (Node's global fetch), or any {@link Transport} (left open by `close()`).
   *
   * Default: `"undici"` when `undici` settings are given or a `cloud` client has a proxy
   * variable set (only undici goes through proxies), else `"node:http"`.
   */
  readonly transport?: "undici" | "node:http" | "fetch" | Transport | undefined;
  /** Settings of the undici transport when `transport` is `"undici"` (a `dispatcher` given here is left open by `close()`). */
  readonly undici?: UndiciTransportOptions | undefined;
  /** Settings of the `node:http` transport when `transport` is `"node:http"` (a cloud's `cacert`/`verify` are added to them). */
  readonly nodeHttp?: NodeHttpTransportOptions | undefined;
}

/** What a service client needs, set up from {@link NodeServiceOptions}. */
export interface ServiceSetup {
  /** The cloud configuration used, when `cloud` was given or loaded from the environment. */
  readonly cloud: CloudConfig | undefined;
  /** The transport requests go through. */
  readonly transport: Transport;
  /** The identity session, when the client authenticates itself (`identity` or `cloud`). */
  readonly session: IdentitySession | undefined;
  /** The checked endpoint override (without user-info) or the caller's endpoint function, if one was given. */
  readonly endpoint: string | ((signal?: AbortSignal) => Promise<string>) | undefined;
  /** The headers to send: the caller's, plus Basic credentials from the endpoint's user-info. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The runtime's `User-Agent` token, `node/<version>`. */
  readonly runtime: string;
  /** Closes what was created here (transport, dispatcher), once; never what the caller passed. */
  readonly close: () => Promise<void>;
}

/** An endpoint as given: a checked URL (credentials taken out), or the caller's function. */
interface Endpoint {
  readonly url: string | ((signal?: AbortSignal) => Promise<string>);
  readonly authorization: string | undefined;
}

/** Where a service's settings come from in a cloud's configuration. */
export interface ServiceKind {
  /** The endpoint override of the cloud (`image_endpoint_override`…), with its key for messages. */
  readonly override?: ((cloud: CloudConfig) => { key: string; value: string | undefined }) | undefined;
}

/**
 * Checks the options (a bad `endpoint` is a `ValidationError` before anything else), loads the
 * cloud, and creates the transport and the identity session the options ask for.
 *
 * @throws ValidationError for a bad endpoint, or when no endpoint can be found (no `endpoint`, no `identity`, no `cloud`).
 * @throws ConfigurationError when the cloud configuration cannot be loaded or its endpoint override is bad.
 */
export function setUpService(operation: string, options: NodeServiceOptions, kind: ServiceKind = {}): ServiceSetup {
  const given: Endpoint | undefined =
    typeof options.endpoint === "function"
      ? { url: options.endpoint, authorization: undefined }
      : options.endpoint === undefined
        ? undefined
        : checkEndpointUrl(operation, options.endpoint);
  const cloud = pickCloud(options);
  const fromCloud = cloud && kind.override ? kind.override(cloud) : undefined;
  const endpoint = given ?? (cloud && fromCloud?.value ? cloudEndpoint(cloud, fromCloud.key, fromCloud.value) : undefined);
  const identitySource = options.identity ?? cloud?.authMethod();
  if (endpoint === undefined && identitySource === undefined) {
    throw new ValidationError(operation, [
      { path: ["endpoint"], message: "is needed without identity or cloud settings to find it in the service catalog" },
    ]);
  }

  const closers: (() => Promise<void>)[] = [];
  const transport = pickTransport(options, cloud, closers);
  const session =
    identitySource instanceof IdentitySession
      ? identitySource
      : identitySource
        ? new IdentitySession({ auth: identitySource, transport, region: options.region ?? cloud?.region, interface: options.interface ?? cloud?.interface })
        : undefined;
  const headers = endpoint?.authorization === undefined ? options.headers : { authorization: endpoint.authorization, ...options.headers };
  let closing: Promise<void> | undefined;
  return {
    cloud,
    transport,
    session,
    endpoint: endpoint?.url,
    headers,
    runtime: NODE_RUNTIME,
    close: () => (closing ??= closeAll(closers)),
  };
}

/** This runtime in the `User-Agent`: `node/20.20.2`. */
const NODE_RUNTIME = `node/${process.versions.node}`;

/** A cloud's endpoint override, checked like a given endpoint; a bad one is the configuration's fault. */
function cloudEndpoint(cloud: CloudConfig, key: string, value: string): Endpoint {
  try {
    return checkEndpointUrl(`cloud ${JSON.stringify(cloud.name)}`, value, [key]);
  } catch (error) {
    const where = `cloud ${JSON.stringify(cloud.name)}${cloud.file ? ` (${cloud.file})` : ""}`;
    const detail = error instanceof ValidationError ? (error.issues[0]?.message ?? "is not valid") : "is not valid";
    throw new ConfigurationError(`${where}: ${key} ${detail}`, { cause: error });
  }
}

/** The transport when none is named: see {@link NodeServiceOptions.transport}. */
function defaultTransport(options: NodeServiceOptions, cloud: CloudConfig | undefined): "undici" | "node:http" {
  if (options.undici !== undefined) return "undici";
  const proxy = cloud ? proxyFromEnv(options.configSources?.env ?? process.env) : {};
  return proxy.httpProxy || proxy.httpsProxy ? "undici" : "node:http";
}

/**
 * The `node:http` transport's settings: the caller's, with the cloud's CA bundle and `verify`.
 *
 * @throws ConfigurationError when the client is set up from a cloud configuration and
 * `HTTPS_PROXY`/`HTTP_PROXY` is set (this transport would bypass the proxy that the undici
 * transport goes through for such clients), or the CA bundle cannot be read.
 */
function nodeHttpOptions(options: NodeServiceOptions, cloud: CloudConfig | undefined): NodeHttpTransportOptions {
  const proxy = cloud ? proxyFromEnv(options.configSources?.env ?? process.env) : {};
  if (proxy.httpProxy || proxy.httpsProxy) {
    throw new ConfigurationError('an HTTP proxy is set (HTTPS_PROXY/HTTP_PROXY) and the "node:http" transport does not use proxies: use the "undici" transport');
  }
  const given = options.nodeHttp ?? {};
  if (!cloud || (!cloud.cacert && !cloud.insecure)) return given;
  const tls = { ...(cloud.cacert ? { ca: readCaBundle(cloud.cacert) } : {}), ...(cloud.insecure ? { rejectUnauthorized: false } : {}) };
  return { ...given, connect: { ...tls, ...given.connect } };
}

async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  for (const close of closers) await close();
}

function pickCloud(options: NodeServiceOptions): CloudConfig | undefined {
  if (options.cloud instanceof CloudConfig) return options.cloud;
  if (typeof options.cloud === "string") return loadCloudConfig({ ...options.configSources, cloud: options.cloud });
  if (options.cloud === true) return loadCloudConfig({ ...options.configSources });
  const nothingGiven = options.endpoint === undefined && options.token === undefined && options.auth === undefined && options.identity === undefined;
  return nothingGiven ? loadCloudConfig({ ...options.configSources }) : undefined;
}

/** The transport the options ask for; what is created here is registered in `closers`. */
function pickTransport(options: NodeServiceOptions, cloud: CloudConfig | undefined, closers: (() => Promise<void>)[]): Transport {
  const named = options.transport ?? defaultTransport(options, cloud);
  if (named === "node:http") {
    const transport = createNodeHttpTransport(nodeHttpOptions(options, cloud));
    closers.unshift(() => transport.close());
    return transport;
  }
  if (named === "fetch") return createFetchTransport();
  if (named !== "undici") return named;
  let undiciOptions = options.undici;
  if (cloud && options.undici?.dispatcher === undefined) {
    const dispatcher: Dispatcher = createConfiguredDispatcher({
      cacert: cloud.cacert,
      insecure: cloud.insecure,
      env: options.configSources?.env,
      connections: options.undici?.connections,
    });
    undiciOptions = { ...options.undici, dispatcher };
    closers.push(() => dispatcher.close());
  }
  const transport = createUndiciTransport(undiciOptions);
  // Closes only an Agent the transport made itself (never a given dispatcher).
  closers.unshift(() => transport.close());
  return transport;
}
