import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDebianPackages } from "./apt.js";
import { runToLog, spawnServer, waitUntilReady } from "./server-process.js";

/** Debian package that provides `glance-api` and `glance-manage` (Glance 25.1 "Zed" on bookworm). */
export const GLANCE_DEBIAN_PACKAGE = "glance-api";

/**
 * How Glance authenticates requests:
 * - `trusted-auth` (default): no Keystone; the `context` middleware trusts the
 *   `X-Identity-Status`/`X-Project-Id`/`X-User-Id`/`X-Roles` headers (see {@link trustedAuthHeaders}).
 *   Lets tests act as several projects and as members or admins.
 * - `keystone`: the shipped keystone pipeline (`authtoken` + `context`); configure
 *   `[keystone_authtoken]` through {@link StartGlanceOptions.keystone}.
 * - `none`: unauthenticated context: every request is an admin without a project.
 */
export type GlanceFlavor = "trusted-auth" | "keystone" | "none";

/** Options of {@link startGlance}. */
export interface StartGlanceOptions {
  /** Authentication pipeline; default `"trusted-auth"`. */
  flavor?: GlanceFlavor;
  /**
   * Extra `[keystone_authtoken]` settings (e.g. `www_authenticate_uri`, `auth_url`, `auth_type`,
   * `username`, `password`, `project_name`), written verbatim. Only meaningful with `flavor: "keystone"`.
   */
  keystone?: Record<string, string>;
  /**
   * Ports of `http://127.0.0.1:PORT/…` sources that web-download may fetch from
   * (`[import_filtering_opts] allowed_ports`). When omitted or empty, `allowed_ports = []` is
   * written, which Glance reads as "any port" — hosts stay restricted to `127.0.0.1`.
   */
  importAllowedPorts?: number[];
  /** CORS allowed origins; default `["http://127.0.0.1:8080"]`. */
  corsOrigins?: string[];
  /**
   * Extra settings merged into glance-api.conf, by section then option; they override the
   * generated ones. Values are written verbatim (remember the `[a,b]` syntax for bounded lists).
   */
  extraConfig?: Record<string, Record<string, string>>;
  /** How long to wait for `GET /` to answer 300; default 60 000 ms. */
  startTimeoutMs?: number;
}

/** A running Glance API started by {@link startGlance}. */
export interface GlanceServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:40123`. `GET ${url}/v2/images`. */
  url: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Throwaway directory holding config, database, stores and the log; removed by `stop`. */
  dir: string;
  /** glance-api (and glance-manage) output. */
  logFile: string;
  /** PID of the glance-api process (leader of its own process group). */
  pid: number;
  /** Kills the process group (SIGTERM, then SIGKILL after 5 s), waits for exit, removes `dir`. Idempotent. */
  stop(): Promise<void>;
}

/** Project id (32 hex) used by tests as the main, owning project. */
export const PROJECT_A = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0";
/** Project id (32 hex) of a second, unrelated project: must not see PROJECT_A's private images. */
export const PROJECT_B = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";
/** Project id (32 hex) of the cloud admin used by {@link ADMIN_HEADERS}. */
export const ADMIN_PROJECT = "adadadadadadadadadadadadadadadad";

/** Options of {@link trustedAuthHeaders}. */
export interface TrustedAuthIdentity {
  /** Project id sent as `X-Tenant-Id` and `X-Project-Id`. */
  project: string;
  /** Roles sent as `X-Roles`; default `["member", "reader"]`. */
  roles?: string[];
  /** User id sent as `X-User-Id`; default `user-<project>`. */
  user?: string;
}

/**
 * Request headers that a `trusted-auth` Glance (see {@link GlanceFlavor}) turns into a request
 * context: `X-Identity-Status: Confirmed` (without it Glance answers 401), `X-Tenant-Id` and
 * `X-Project-Id`, `X-User-Id`, `X-Roles`. Merge them into `fetch` headers.
 *
 * @example
 * await fetch(`${glanceUrl}/v2/images`, { headers: trustedAuthHeaders({ project: PROJECT_A }) });
 */
export function trustedAuthHeaders(identity: TrustedAuthIdentity): Record<string, string> {
  const roles = identity.roles ?? ["member", "reader"];
  return {
    "X-Identity-Status": "Confirmed",
    "X-Tenant-Id": identity.project,
    "X-Project-Id": identity.project,
    "X-User-Id": identity.user ?? `user-${identity.project}`,
    "X-Roles": roles.join(","),
  };
}

/** Trusted-auth headers of a cloud admin (roles `admin,member,reader` in {@link ADMIN_PROJECT}). */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = Object.freeze(
  trustedAuthHeaders({ project: ADMIN_PROJECT, roles: ["admin", "member", "reader"], user: "cloud-admin" }),
);

/** Finds a free TCP port on 127.0.0.1 (bind to port 0, read it, close). */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not get a free port"))));
    });
  });
}

/** `glance-api` executable; override with the `GLANCE_API_BIN` env var. */
function glanceApiBin(): string {
  return process.env.GLANCE_API_BIN || "/usr/bin/glance-api";
}

/** `glance-manage` executable; override with the `GLANCE_MANAGE_BIN` env var. */
function glanceManageBin(): string {
  return process.env.GLANCE_MANAGE_BIN || "/usr/bin/glance-manage";
}

type Ini = Record<string, Record<string, string>>;

function renderIni(ini: Ini): string {
  return Object.entries(ini)
    .map(([section, options]) => {
      const lines = Object.entries(options).map(([key, value]) => `${key} = ${value}`);
      return `[${section}]\n${lines.join("\n")}\n`;
    })
    .join("\n");
}

function mergeIni(base: Ini, extra: Ini | undefined): Ini {
  const out: Ini = {};
  for (const [section, options] of Object.entries(base)) out[section] = { ...options };
  for (const [section, options] of Object.entries(extra ?? {})) out[section] = { ...out[section], ...options };
  return out;
}

const CORS_ALLOW_HEADERS = [
  "Content-MD5",
  "Content-Type",
  "Range",
  "X-Auth-Token",
  "X-Identity-Status",
  "X-Roles",
  "X-Service-Catalog",
  "X-User-Id",
  "X-Tenant-Id",
  "X-Project-Id",
  "X-OpenStack-Request-ID",
  "X-Image-Meta-Checksum",
  "X-Openstack-Append",
  "X-Image-Meta-Store",
  "X-Image-Meta-Size",
];
const CORS_EXPOSE_HEADERS = [
  "Content-MD5",
  "Content-Range",
  "Location",
  "OpenStack-image-import-methods",
  "OpenStack-image-store-ids",
  "X-OpenStack-Request-ID",
];

/** Paste pipelines: the shipped ones plus `glance-api-trusted-auth` (Zed ships none). */
function pasteIni(confFile: string): string {
  const common = "cors healthcheck http_proxy_to_wsgi versionnegotiation osprofiler";
  return `# Written by @cloud-images/test-servers
[pipeline:glance-api]
pipeline = ${common} unauthenticated-context rootapp

[pipeline:glance-api-keystone]
pipeline = ${common} authtoken context rootapp

[pipeline:glance-api-trusted-auth]
pipeline = ${common} context rootapp

[composite:rootapp]
paste.composite_factory = glance.api:root_app_factory
/: apiversions
/v2: apiv2app

[app:apiversions]
paste.app_factory = glance.api.versions:create_resource

[app:apiv2app]
paste.app_factory = glance.api.v2.router:API.factory

[filter:healthcheck]
paste.filter_factory = oslo_middleware:Healthcheck.factory
backends = disable_by_file
disable_by_file_path = ${confFile}.healthcheck_disable

[filter:versionnegotiation]
paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory

[filter:context]
paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory

[filter:unauthenticated-context]
paste.filter_factory = glance.api.middleware.context:UnauthenticatedContextMiddleware.factory

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true

[filter:osprofiler]
paste.filter_factory = osprofiler.web:WsgiMiddleware.factory

[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = glance
oslo_config_program = glance-api
oslo_config_file = ${confFile}

[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware:HTTPProxyToWSGI.factory
`;
}

/**
 * Policy overrides: the tasks API is admin-only by default; open it to members. Everything else
 * keeps Zed's defaults (members manage their project's images; `publicize_image` stays admin-only).
 */
const POLICY_YAML = `# Written by @cloud-images/test-servers
"tasks_api_access": "role:admin or role:member"
`;

/**
 * Starts a real Glance API (Debian's `glance-api`, Glance 25.1 "Zed") on a free 127.0.0.1 port.
 *
 * - Installs the `glance-api` Debian package when missing ({@link ensureDebianPackages}).
 * - Writes everything into a throwaway directory under `os.tmpdir()`: glance-api.conf (sqlite
 *   database, two file stores `fs` (default) and `fs2` for copy-image/multi-store, staging and
 *   tasks stores, `enabled_import_methods = [glance-direct,web-download,copy-image]`, import
 *   filtering allowing `127.0.0.1`, CORS, `workers = 0`), a paste file with a trusted-auth
 *   pipeline, and a policy file opening the tasks API to members.
 * - Runs `glance-manage db_sync`, spawns `glance-api` in its own process group with output to
 *   `logFile`, and waits until `GET /` answers 300.
 *
 * `GLANCE_API_BIN` / `GLANCE_MANAGE_BIN` env vars override the executables.
 * Set `TEST_SERVERS_KEEP_DIR=1` to keep `dir` after `stop()` for debugging.
 *
 * @throws Error (with the last 40 log lines) when Glance cannot be installed or does not come up.
 */
export async function startGlance(options: StartGlanceOptions = {}): Promise<GlanceServer> {
  const flavor = options.flavor ?? "trusted-auth";
  const started = Date.now();
  await ensureDebianPackages([GLANCE_DEBIAN_PACKAGE]);

  const dir = mkdtempSync(join(tmpdir(), "cloud-images-glance-"));
  const logFile = join(dir, "glance.log");
  const confFile = join(dir, "glance-api.conf");
  const pasteFile = join(dir, "glance-api-paste.ini");
  const policyFile = join(dir, "policy.yaml");
  const sub = (name: string): string => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };

  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const ports = options.importAllowedPorts ?? [];

  const conf: Ini = {
    DEFAULT: {
      bind_host: "127.0.0.1",
      bind_port: String(port),
      workers: "0",
      use_stderr: "true",
      debug: "false",
      enabled_backends: "fs:file,fs2:file",
      enabled_import_methods: "[glance-direct,web-download,copy-image]",
      show_image_direct_url: "false",
      show_multiple_locations: "false",
      image_member_quota: "128",
      image_tag_quota: "128",
      worker_self_reference_url: url,
    },
    database: { connection: `sqlite:///${join(dir, "glance.sqlite")}` },
    glance_store: { default_backend: "fs" },
    fs: { filesystem_store_datadir: sub("images-fs"), store_description: "file store fs (default)" },
    fs2: { filesystem_store_datadir: sub("images-fs2"), store_description: "file store fs2" },
    os_glance_staging_store: { filesystem_store_datadir: sub("staging") },
    os_glance_tasks_store: { filesystem_store_datadir: sub("tasks") },
    task: { work_dir: sub("task-work") },
    oslo_concurrency: { lock_path: sub("locks") },
    oslo_policy: { policy_file: policyFile },
    import_filtering_opts: {
      allowed_schemes: "[http,https]",
      allowed_hosts: "[127.0.0.1]",
      allowed_ports: `[${ports.join(",")}]`,
    },
    cors: {
      allowed_origin: (options.corsOrigins ?? ["http://127.0.0.1:8080"]).join(","),
      allow_credentials: "true",
      allow_methods: "GET,PUT,POST,DELETE,PATCH,HEAD,OPTIONS",
      allow_headers: CORS_ALLOW_HEADERS.join(","),
      expose_headers: CORS_EXPOSE_HEADERS.join(","),
    },
    paste_deploy: { config_file: pasteFile, ...(flavor === "none" ? {} : { flavor }) },
  };
  if (flavor === "keystone") conf.keystone_authtoken = { ...options.keystone };

  writeFileSync(confFile, `# Written by @cloud-images/test-servers\n${renderIni(mergeIni(conf, options.extraConfig))}`);
  writeFileSync(pasteFile, pasteIni(confFile));
  writeFileSync(policyFile, POLICY_YAML);

  const cleanupOnError = (): void => {
    if (!process.env.TEST_SERVERS_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  };

  try {
    await runToLog(glanceManageBin(), ["--config-file", confFile, "db_sync"], logFile, dir);
  } catch (error) {
    cleanupOnError();
    throw new Error(`Glance db_sync failed: ${(error as Error).message}`, { cause: error });
  }

  const server = spawnServer({ command: glanceApiBin(), args: ["--config-file", confFile], dir, logFile });
  await waitUntilReady(server, {
    label: "glance-api",
    url: `${url}/`,
    status: 300,
    timeoutMs: options.startTimeoutMs ?? 60_000,
    logFile,
  });

  process.stderr.write(`[test-servers] Glance (${flavor}) up at ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s; dir ${dir}\n`);
  return { url, port, dir, logFile, pid: server.pid, stop: server.stop };
}
