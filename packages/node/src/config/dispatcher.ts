import type { Dispatcher } from "undici";
import { builtins, undici } from "../transport/lazy-require.js";
import { ConfigurationError } from "@cloud-images/core";

/** Options of {@link createConfiguredDispatcher}. */
export interface DispatcherConfig {
  /** Path of a PEM CA bundle trusted for TLS (clouds.yaml `cacert`, `OS_CACERT`). */
  readonly cacert?: string | undefined;
  /** Do not verify TLS certificates (clouds.yaml `verify: false`, `OS_INSECURE`). */
  readonly insecure?: boolean | undefined;
  /** Environment with `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (either case); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Most connections per origin (default 16). */
  readonly connections?: number | undefined;
}

/** The proxy settings found in an environment (`https_proxy` wins over `HTTPS_PROXY`, as curl does). */
export function proxyFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): { httpProxy?: string; httpsProxy?: string; noProxy?: string } {
  const pick = (name: string): string | undefined =>
    env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  const httpProxy = pick("http_proxy");
  const httpsProxy = pick("https_proxy") ?? httpProxy;
  const noProxy = pick("no_proxy");
  return {
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

/**
 * Reads a PEM CA bundle (clouds.yaml `cacert`, `OS_CACERT`).
 *
 * @throws ConfigurationError when the file cannot be read.
 */
export function readCaBundle(cacert: string): string {
  try {
    return builtins.fs().readFileSync(cacert, "utf8");
  } catch (error) {
    throw new ConfigurationError(`cannot read the CA bundle ${cacert}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * An undici dispatcher for a cloud: a keep-alive `Agent`, or an `EnvHttpProxyAgent` when
 * `HTTPS_PROXY`/`HTTP_PROXY` is set (honouring `NO_PROXY`); with the `cacert` bundle trusted both
 * for direct connections and through the proxy.
 *
 * @throws ConfigurationError when the CA bundle cannot be read.
 */
export function createConfiguredDispatcher(
  config: DispatcherConfig = {},
): Dispatcher {
  const ca = config.cacert ? readCaBundle(config.cacert) : undefined;
  const tls = {
    ...(ca ? { ca } : {}),
    ...(config.insecure ? { rejectUnauthorized: false } : {}),
  };
  const base = {
    connections: config.connections ?? 16,
    keepAliveTimeout: 30_000,
    ...(Object.keys(tls).length ? { connect: tls } : {}),
  };
  const proxy = proxyFromEnv(config.env ?? process.env);
  if (proxy.httpProxy || proxy.httpsProxy) {
    return new (undici().EnvHttpProxyAgent)({
      ...base,
      ...proxy,
      ...(Object.keys(tls).length ? { requestTls: tls } : {}),
    });
  }
  return new (undici().Agent)(base);
}
