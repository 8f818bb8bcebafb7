/**
 * Which cloud a command talks to, chosen as the openstack CLI chooses it:
 *
 * 1. `--local`: the embedded emulator (also the default when nothing below is configured).
 * 2. `--os-endpoint` (or `OS_ENDPOINT`) with `--os-token`, auth type `admin_token`/`none` or no
 *    identity URL: that image endpoint, the token sent as is.
 * 3. `--os-cloud` / `OS_CLOUD` (clouds.yaml, secure.yaml, profiles), else the `OS_*` variables,
 *    else the only cloud of clouds.yaml — the `--os-*` flags override them (flags win over
 *    variables, as in the openstack CLI); `--os-region-name`/`--region`, `--os-interface`/`--interface`.
 *
 * Rackspace API-key credentials: `--os-api-key`/`OS_API_KEY` (auth type `rackspace_apikey`),
 * or `api_key` in clouds.yaml.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import type { Cloud, CloudOptions } from "@cloud-images/node";
import type * as NodeSdk from "@cloud-images/node";
import { UsageError } from "./errors.js";
import type { Globals } from "./run-types.js";
import { commonJs } from "./commonjs.js";
import { ownValue, setOwn } from "@cloud-images/core/internal";

/** An open cloud and how to close it. */
export interface OpenedCloud {
  readonly cloud: Cloud;
  /** Set when the cloud is the local emulator. */
  readonly local?: { readonly url: string; readonly dataDir: string; readonly username: string } | undefined;
  close(): Promise<void>;
}

/** `--os-*` flag → the `OS_*` variable it overrides. */
const FLAG_ENV: readonly (readonly [keyof Globals, string])[] = [
  ["osAuthType", "OS_AUTH_TYPE"],
  ["osAuthUrl", "OS_AUTH_URL"],
  ["osUsername", "OS_USERNAME"],
  ["osUserId", "OS_USER_ID"],
  ["osPassword", "OS_PASSWORD"],
  ["osApiKey", "OS_API_KEY"],
  ["osProjectName", "OS_PROJECT_NAME"],
  ["osProjectId", "OS_PROJECT_ID"],
  ["osTenantName", "OS_TENANT_NAME"],
  ["osTenantId", "OS_TENANT_ID"],
  ["osUserDomainName", "OS_USER_DOMAIN_NAME"],
  ["osUserDomainId", "OS_USER_DOMAIN_ID"],
  ["osProjectDomainName", "OS_PROJECT_DOMAIN_NAME"],
  ["osProjectDomainId", "OS_PROJECT_DOMAIN_ID"],
  ["osApplicationCredentialId", "OS_APPLICATION_CREDENTIAL_ID"],
  ["osApplicationCredentialSecret", "OS_APPLICATION_CREDENTIAL_SECRET"],
  ["osToken", "OS_TOKEN"],
  ["osCacert", "OS_CACERT"],
  ["osImageUrl", "OS_IMAGE_ENDPOINT_OVERRIDE"],
  ["osComputeEndpoint", "OS_COMPUTE_ENDPOINT_OVERRIDE"],
];

/** The same flags as clouds.yaml `auth` keys, to lay over a named cloud. */
const FLAG_AUTH: readonly (readonly [keyof Globals, string])[] = [
  ["osAuthUrl", "auth_url"],
  ["osUsername", "username"],
  ["osUserId", "user_id"],
  ["osPassword", "password"],
  ["osApiKey", "api_key"],
  ["osProjectName", "project_name"],
  ["osProjectId", "project_id"],
  ["osTenantName", "tenant_name"],
  ["osTenantId", "tenant_id"],
  ["osUserDomainName", "user_domain_name"],
  ["osUserDomainId", "user_domain_id"],
  ["osProjectDomainName", "project_domain_name"],
  ["osProjectDomainId", "project_domain_id"],
  ["osApplicationCredentialId", "application_credential_id"],
  ["osApplicationCredentialSecret", "application_credential_secret"],
  ["osToken", "token"],
];

const NO_IDENTITY_AUTH = /^(admin_token|none|noauth|token_endpoint)$/i;

/** Where the local emulator keeps its state. */
export function localDataDir(g: Globals, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(homedir(), ".local", "share");
  return path.resolve(g.dataDir ?? env.CLOUD_IMAGES_DATA_DIR ?? path.join(base, "cloud-images", "emulator"));
}

/** What `cloud-images emulator start` writes into the data folder while it serves. */
export interface ServedEmulator {
  readonly url: string;
  readonly pid: number;
  readonly users: readonly { readonly username: string; readonly apiKey: string; readonly tenantId: string }[];
}

/** File name of {@link ServedEmulator} in the data folder. */
export const SERVED_FILE = "served.json";

function servedEmulator(dataDir: string): ServedEmulator | undefined {
  const file = path.join(dataDir, SERVED_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const served = JSON.parse(readFileSync(file, "utf8")) as ServedEmulator;
    process.kill(served.pid, 0);
    return served;
  } catch {
    return undefined;
  }
}

function debugHooks(g: Globals): Pick<CloudOptions, "onRequest" | "onResponse" | "onRetry"> {
  if (!g.debug) return {};
  const log = (line: string): void => void process.stderr.write(`DEBUG ${line}\n`);
  return {
    onRequest: (e) => log(`REQ ${e.method} ${e.url} (${e.operation}, attempt ${e.attempt})`),
    onResponse: (e) => log(`RESP ${e.status} request id ${e.requestId ?? "-"} in ${e.durationMs} ms`),
    onRetry: (e) => log(`RETRY ${e.operation} in ${e.delayMs} ms`),
  };
}

async function openLocal(g: Globals, common: Partial<CloudOptions>): Promise<OpenedCloud> {
  const dataDir = localDataDir(g);
  const node = await import("@cloud-images/node");
  const served = servedEmulator(dataDir);
  let url: string;
  let users: ServedEmulator["users"];
  let stop: (() => Promise<void>) | undefined;
  if (served) {
    ({ url, users } = served);
  } else {
    const { startEmulator } = await import("@cloud-images/emulator");
    const emulator = await startEmulator({ dataDir, mode: "glance" });
    url = emulator.url;
    users = emulator.users;
    stop = () => emulator.stop();
  }
  const username = g.osUsername ?? "demo";
  const user = users.find((u) => u.username === username);
  if (!user) {
    await stop?.();
    throw new UsageError(`the local emulator's users are ${users.map((u) => u.username).join(" and ")}, not ${username}`);
  }
  const transport = unconfiguredTransport(node, g);
  const cloud = node.createCloud({
    ...common,
    ...transport.options,
    identity: node.rackspaceApiKey({ authUrl: `${url}/identity/v2.0`, username: user.username, apiKey: user.apiKey }),
    region: g.region ?? g.osRegionName ?? "DFW",
  });
  return {
    cloud,
    local: { url, dataDir, username },
    close: async () => {
      await cloud.close();
      await transport.close();
      await stop?.();
    },
  };
}

function usesProxy(node: NodeModule): boolean {
  const proxy = node.proxyFromEnv(process.env);
  return proxy.httpProxy !== undefined || proxy.httpsProxy !== undefined;
}

/**
 * The transport settings of a cloud given without a configuration (`--os-endpoint`, `--local`):
 * with a proxy set, an undici dispatcher that goes through it (honouring `NO_PROXY`), as the
 * openstack CLI honours the proxy variables for every request; a cloud configuration gets the
 * same from the SDK itself, with its CA bundle.
 */
function unconfiguredTransport(node: NodeModule, g: Globals): { options: Partial<CloudOptions>; close: () => Promise<void> } {
  if (!usesProxy(node)) return { options: {}, close: async () => {} };
  const dispatcher = node.createConfiguredDispatcher({ env: process.env, cacert: g.osCacert ?? process.env.OS_CACERT, insecure: g.insecure });
  return { options: { undici: { dispatcher } }, close: () => dispatcher.close() };
}

/** Opens the cloud the global options and the environment select. */
export async function openCloud(g: Globals, notice: (text: string) => void): Promise<OpenedCloud> {
  const node = await import("@cloud-images/node");
  const common: Partial<CloudOptions> = {
    userAgent: "cloud-images-cli",
    // No transport named: the SDK's default is node:http (the fastest first answer of a short
    // process), undici for a cloud configuration with a proxy variable; the other paths get
    // undici through the proxy from unconfiguredTransport.
    ...(g.timeout ? { timeoutMs: g.timeout * 1000 } : {}),
    ...debugHooks(g),
  };
  if (g.local) return openLocal(g, common);

  const env: Record<string, string | undefined> = { ...process.env };
  for (const [flag, name] of FLAG_ENV) {
    const v = g[flag];
    if (typeof v === "string") env[name] = v;
  }
  if (g.insecure) env.OS_INSECURE = "true";
  const region = g.region ?? g.osRegionName;
  const iface = (g.interface ?? g.osInterface) as CloudOptions["interface"];
  const placement = { ...(region ? { region } : {}), ...(iface ? { interface: iface } : {}) };

  const endpoint = g.osEndpoint ?? env.OS_ENDPOINT;
  const authType = env.OS_AUTH_TYPE;
  if (endpoint && ((authType !== undefined && NO_IDENTITY_AUTH.test(authType)) || !env.OS_AUTH_URL)) {
    const token = env.OS_TOKEN;
    const transport = unconfiguredTransport(node, g);
    const cloud = node.createCloud({
      ...common,
      ...transport.options,
      ...placement,
      endpoints: { image: endpoint, ...(g.osComputeEndpoint ? { compute: g.osComputeEndpoint } : {}) },
      ...(token ? { token } : {}),
      ...(env.OS_PROJECT_ID ? { projectId: env.OS_PROJECT_ID } : {}),
    });
    return {
      cloud,
      close: async () => {
        await cloud.close();
        await transport.close();
      },
    };
  }
  if (authType !== undefined && NO_IDENTITY_AUTH.test(authType)) throw new UsageError(`--os-auth-type ${authType} needs --os-endpoint`);

  const cloudName = g.osCloud ?? (env.OS_CLOUD || undefined);
  // A cloud is configured by a name, an identity URL, a Rackspace API key or a clouds.yaml;
  // a user name alone (`--os-username partner`) is not one (it picks the emulator's account).
  const configured = cloudName !== undefined || !!env.OS_AUTH_URL || !!env.OS_API_KEY || node.cloudsYamlCandidates({ env }).some((f) => existsSync(f));
  if (!configured) {
    if (process.stderr.isTTY) notice(`cloud-images: no cloud configured (--os-cloud, OS_CLOUD, OS_AUTH_URL, clouds.yaml): using the local emulator in ${localDataDir(g)}`);
    return openLocal(g, common);
  }

  const flagAuth: Record<string, string> = {};
  for (const [flag, key] of FLAG_AUTH) {
    const v = g[flag];
    if (typeof v === "string") flagAuth[key] = v;
  }
  const config =
    cloudName !== undefined && Object.keys(flagAuth).length > 0
      ? await namedCloudWithFlags(node, cloudName, env, flagAuth, g)
      : node.loadCloudConfig({ cloud: cloudName, env });
  const cloud = node.createCloud({ ...common, ...placement, cloud: config });
  return { cloud, close: () => cloud.close() };
}

type NodeModule = typeof NodeSdk;
type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);
function merge(a: Plain, b: Plain): Plain {
  const out: Plain = { ...a };
  for (const [k, v] of Object.entries(b)) setOwn(out, k, isPlain(v) && Object.hasOwn(out, k) && isPlain(out[k]) ? merge(out[k] as Plain, v) : v);
  return out;
}

/**
 * A cloud of clouds.yaml (secure.yaml merged) with the `--os-*` flags laid over its `auth`
 * section, as the openstack CLI does for `--os-cloud x --os-password …`.
 */
async function namedCloudWithFlags(node: NodeModule, name: string, env: Record<string, string | undefined>, flagAuth: Record<string, string>, g: Globals) {
  const { parse } = commonJs(await import("yaml"));
  const read = (file: string | undefined): Plain => (file ? ((parse(readFileSync(file, "utf8")) as Plain | null) ?? {}) : {});
  const cloudsFile = node.cloudsYamlCandidates({ env }).find((f) => existsSync(f));
  const secureFile = node.secureYamlCandidates({ env }).find((f) => existsSync(f));
  const doc = merge(read(cloudsFile), read(secureFile));
  const clouds = isPlain(doc.clouds) ? doc.clouds : {};
  const raw = ownValue(clouds, name);
  if (!isPlain(raw)) return node.loadCloudConfig({ cloud: name, env }); // its error names the files searched
  const withFlags: Plain = merge(raw, { auth: flagAuth });
  if (g.osCacert) withFlags.cacert = g.osCacert;
  if (g.insecure) withFlags.insecure = true;
  if (g.osImageUrl) withFlags.image_endpoint_override = g.osImageUrl;
  if (g.osComputeEndpoint) withFlags.compute_endpoint_override = g.osComputeEndpoint;
  if (g.osAuthType) withFlags.auth_type = g.osAuthType;
  return node.cloudConfigFromRaw(name, cloudsFile, withFlags);
}
