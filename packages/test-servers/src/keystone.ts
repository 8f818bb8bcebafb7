import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDebianPackages } from "./apt.js";
import { runToLog, spawnServer, tail, waitUntilReady } from "./server-process.js";
import { getFreePort } from "./glance.js";

/** Debian packages that provide Keystone 22 ("Zed") and the uwsgi python3 plugin it runs under. */
export const KEYSTONE_DEBIAN_PACKAGES = ["keystone", "uwsgi-plugin-python3"];

/** Options of {@link startKeystone}. */
export interface StartKeystoneOptions {
  /** `[token] expiration` in seconds (default 3600). 60 suits expiry tests. */
  tokenExpirationSeconds?: number;
  /** Password of the bootstrap `admin` user (default: a random one). */
  adminPassword?: string;
  /**
   * Origins whose pages may call Keystone (`[cors] allowed_origin`; `X-Subject-Token` is exposed
   * so a page can read the token). Default: none (no CORS).
   */
  corsOrigins?: string[];
  /** Extra settings merged into keystone.conf, by section then option. */
  extraConfig?: Record<string, Record<string, string>>;
  /** How long to wait for `GET /v3` to answer 200; default 60 000 ms. */
  startTimeoutMs?: number;
}

/** Answer of {@link KeystoneServer.request}. */
export interface KeystoneAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or the text when not JSON, or `undefined` when empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A user made by {@link KeystoneServer.createUser}. */
export interface KeystoneUser {
  id: string;
  name: string;
  password: string;
  domainId: string;
}

/** A project made by {@link KeystoneServer.createProject}. */
export interface KeystoneProject {
  id: string;
  name: string;
  domainId: string;
}

/** An application credential made by {@link KeystoneServer.createApplicationCredential}. */
export interface KeystoneApplicationCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
  projectId: string;
}

/** What {@link KeystoneServer.setupDemo} creates: two projects, each with a member user, and an application credential of the first user. */
export interface KeystoneDemo {
  projectA: KeystoneProject;
  projectB: KeystoneProject;
  userA: KeystoneUser;
  userB: KeystoneUser;
  appCredA: KeystoneApplicationCredential;
}

/** A running Keystone started by {@link startKeystone}. */
export interface KeystoneServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The v3 auth URL: `${url}/v3`. */
  authUrl: string;
  port: number;
  /** Region id created by bootstrap: `RegionOne`. */
  region: string;
  /** Throwaway directory with config, database, keys and the log; removed by `stop`. */
  dir: string;
  logFile: string;
  pid: number;
  /** Bootstrap admin (project `admin`, domain `Default`, role `admin`). */
  admin: {
    username: string;
    password: string;
    projectName: string;
    userDomainName: string;
    projectDomainName: string;
  };
  /** A project-scoped admin token (cached for the server's lifetime minus a margin). */
  adminToken(): Promise<string>;
  /** Sends a JSON request to Keystone with the admin token (or `token` when given; `null` for none). */
  request(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<KeystoneAnswer>;
  createProject(name: string): Promise<KeystoneProject>;
  /** Creates a user in `Default`; with `projectId`, grants `roles` (default `member`, `reader`) on it. */
  createUser(init: {
    name: string;
    password: string;
    projectId?: string;
    roles?: string[];
  }): Promise<KeystoneUser>;
  /** Grants a role (created when missing) to a user on a project. */
  grantRole(userId: string, projectId: string, roleName: string): Promise<void>;
  /** Creates (as the user, scoped to `projectId`) an application credential; returns its one-time secret. */
  createApplicationCredential(
    user: KeystoneUser,
    projectId: string,
    name: string,
  ): Promise<KeystoneApplicationCredential>;
  /** Registers a service with one endpoint per interface (all on `url`) in {@link region}. */
  registerService(init: {
    type: string;
    name: string;
    url: string;
    interfaces?: ("public" | "internal" | "admin")[];
  }): Promise<{ serviceId: string }>;
  /**
   * Creates the `glance` service user (project `service`, roles `service` and `admin`) and returns
   * the `[keystone_authtoken]` settings for `startGlance({ flavor: "keystone", keystone })`.
   * The middleware caches validated tokens in-process (its default, 300 s): a token revoked AFTER
   * Glance has seen it keeps working until then; pass `tokenCacheSeconds: -1` to validate every
   * request (slower: each call then waits for the single-threaded Keystone). Memoized: the first
   * call's options win.
   */
  glanceAuthtoken(options?: {
    tokenCacheSeconds?: number;
  }): Promise<Record<string, string>>;
  /** Two projects, two member users and an application credential (memoized). */
  setupDemo(): Promise<KeystoneDemo>;
  /** Kills uwsgi (SIGTERM then SIGKILL after 5 s), waits, removes `dir`. Idempotent. */
  stop(): Promise<void>;
}

type Ini = Record<string, Record<string, string>>;

function renderIni(ini: Ini): string {
  return Object.entries(ini)
    .map(
      ([section, options]) =>
        `[${section}]\n${Object.entries(options)
          .map(([k, v]) => `${k} = ${v}`)
          .join("\n")}\n`,
    )
    .join("\n");
}

/** Keystone package version, for the db_sync template's name. */
function keystoneVersion(): string {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Version}", "keystone"], {
    encoding: "utf8",
  });
  return (result.stdout || "unknown").replace(/[^A-Za-z0-9.+-]/g, "_");
}

/**
 * A sqlite database after `keystone-manage db_sync`, made once per Keystone version in
 * `os.tmpdir()` and copied by every server (db_sync costs ~3 s).
 */
async function dbTemplate(dir: string, logFile: string): Promise<string> {
  const template = join(
    tmpdir(),
    `cloud-images-keystone-db-${keystoneVersion()}.sqlite`,
  );
  if (existsSync(template)) return template;
  const scratch = join(dir, "template.db");
  const conf = join(dir, "db-sync.conf");
  writeFileSync(
    conf,
    renderIni({ database: { connection: `sqlite:///${scratch}` } }),
  );
  await runToLog(
    "/usr/bin/keystone-manage",
    ["--config-file", conf, "db_sync"],
    logFile,
    dir,
  );
  const partial = `${template}.${process.pid}.tmp`;
  copyFileSync(scratch, partial);
  renameSync(partial, template);
  rmSync(scratch, { force: true });
  return template;
}

/** `[cors]` of Keystone as oslo.config environment variables (none without origins). */
function corsEnvironment(origins: string[] | undefined): Record<string, string> {
  if (!origins?.length) return {};
  return {
    OS_CORS__ALLOWED_ORIGIN: origins.join(","),
    OS_CORS__ALLOW_HEADERS: "X-Auth-Token,X-Subject-Token,X-OpenStack-Request-ID,Content-Type,Openstack-Auth-Receipt",
    OS_CORS__EXPOSE_HEADERS: "X-Subject-Token,X-Auth-Token,X-OpenStack-Request-ID,Openstack-Auth-Receipt",
    OS_CORS__ALLOW_METHODS: "GET,PUT,POST,DELETE,PATCH,HEAD,OPTIONS",
  };
}

/**
 * Starts a real Keystone (Debian's `keystone` 22, "Zed") on a free 127.0.0.1 port.
 *
 * - Installs `keystone` and `uwsgi-plugin-python3` when missing ({@link ensureDebianPackages}).
 * - Throwaway directory: keystone.conf (sqlite, fernet tokens with the given `expiration`,
 *   `password_hash_rounds = 4`, dogpile memory cache), fernet and credential key repositories.
 * - Fernet and credential keys written directly; the `db_sync` database copied from a template
 *   made once per Keystone version in `os.tmpdir()`; `keystone-manage bootstrap` (admin user and
 *   project, region `RegionOne`, the identity service and its endpoints) run while uwsgi starts.
 * - Serves `keystone-wsgi-public` with uwsgi, one process and one thread (sqlite), in its own
 *   process group, and waits until `GET /v3` answers 200.
 *
 * About 6–8 s on a warm machine. `TEST_SERVERS_KEEP_DIR=1` keeps `dir` after `stop()`.
 */
export async function startKeystone(
  options: StartKeystoneOptions = {},
): Promise<KeystoneServer> {
  const started = Date.now();
  await ensureDebianPackages(KEYSTONE_DEBIAN_PACKAGES);

  const dir = mkdtempSync(join(tmpdir(), "cloud-images-keystone-"));
  const logFile = join(dir, "keystone.log");
  const confFile = join(dir, "keystone.conf");
  const fernetDir = join(dir, "fernet-keys");
  const credentialDir = join(dir, "credential-keys");
  mkdirSync(fernetDir);
  mkdirSync(credentialDir);
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const authUrl = `${url}/v3`;
  const region = "RegionOne";
  const adminPassword =
    options.adminPassword ?? `admin-${Math.random().toString(36).slice(2)}`;

  const conf: Ini = {
    DEFAULT: { use_stderr: "true", debug: "false", log_file: "" },
    database: { connection: `sqlite:///${join(dir, "keystone.db")}` },
    token: {
      provider: "fernet",
      expiration: String(options.tokenExpirationSeconds ?? 3600),
    },
    fernet_tokens: { key_repository: fernetDir, max_active_keys: "3" },
    fernet_receipts: { key_repository: fernetDir },
    credential: { key_repository: credentialDir },
    identity: { password_hash_rounds: "4" },
    cache: { enabled: "true", backend: "dogpile.cache.memory" },
    oslo_policy: { enforce_new_defaults: "false", enforce_scope: "false" },
  };
  for (const [section, values] of Object.entries(options.extraConfig ?? {}))
    conf[section] = { ...conf[section], ...values };
  writeFileSync(
    confFile,
    `# Written by @cloud-images/test-servers\n${renderIni(conf)}`,
  );

  const cleanupOnError = (): void => {
    if (!process.env.TEST_SERVERS_KEEP_DIR)
      rmSync(dir, { recursive: true, force: true });
  };
  const manage = (args: string[]): Promise<void> =>
    runToLog(
      "/usr/bin/keystone-manage",
      ["--config-file", confFile, ...args],
      logFile,
      dir,
    );
  // Fernet and credential keys are written directly (what `fernet_setup`/`credential_setup` do:
  // key 0 staged, key 1 primary, each 32 random bytes base64url), saving two 2.5 s python runs.
  for (const keyDir of [fernetDir, credentialDir]) {
    for (const name of ["0", "1"])
      writeFileSync(
        join(keyDir, name),
        randomBytes(32).toString("base64url") + "=",
        { mode: 0o600 },
      );
  }
  try {
    // db_sync's result does not depend on anything of this server: cache it per Keystone version.
    const template = await dbTemplate(dir, logFile);
    copyFileSync(template, join(dir, "keystone.db"));
  } catch (error) {
    cleanupOnError();
    throw new Error(`Keystone db_sync failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // bootstrap (~3 s of python start-up) runs while uwsgi loads the app (~4 s); readiness waits for both.
  const bootstrap = manage([
    "bootstrap",
    "--bootstrap-password",
    adminPassword,
    "--bootstrap-username",
    "admin",
    "--bootstrap-project-name",
    "admin",
    "--bootstrap-role-name",
    "admin",
    "--bootstrap-service-name",
    "keystone",
    "--bootstrap-region-id",
    region,
    "--bootstrap-admin-url",
    `${authUrl}/`,
    "--bootstrap-internal-url",
    `${authUrl}/`,
    "--bootstrap-public-url",
    `${authUrl}/`,
  ]).then(
    () => undefined,
    (error: unknown) => error as Error,
  );

  const server = spawnServer({
    command: "/usr/bin/uwsgi",
    args: [
        "--plugin",
        "python3",
        "--http-socket",
        `127.0.0.1:${port}`,
        "--wsgi-file",
        "/usr/bin/keystone-wsgi-public",
        "--processes",
        "1",
        "--threads",
        "1",
        "--buffer-size",
        "65535",
        // uwsgi's http-socket closes the connection after each answer without saying so; clients
        // that keep connections alive (keystoneauth in Glance) then fail with "RemoteDisconnected".
        // With one worker, real keep-alive would also block other clients: announce the close.
        "--add-header",
        "Connection: close",
        "--die-on-term",
        "--need-app",
        "--disable-logging",
      ],
    dir,
    logFile,
    // Keystone's CORS filter reads its own config (oslo_config_project = keystone: the files
    // in /etc, never OS_KEYSTONE_CONFIG_DIR), so `[cors]` is given through oslo.config's
    // environment source (OS_<GROUP>__<OPTION>), which every ConfigOpts reads.
    env: { OS_KEYSTONE_CONFIG_DIR: dir, ...corsEnvironment(options.corsOrigins) },
  });
  const stop = server.stop;

  const bootstrapError = await bootstrap;
  if (bootstrapError) {
    const logTail = tail(logFile);
    await stop();
    throw new Error(
      `Keystone bootstrap failed: ${bootstrapError.message}\n${logTail}`,
    );
  }
  await waitUntilReady(server, {
    label: "uwsgi (keystone)",
    url: authUrl,
    status: 200,
    timeoutMs: options.startTimeoutMs ?? 60_000,
    probeTimeoutMs: 5000,
    logFile,
  });

  const admin = {
    username: "admin",
    password: adminPassword,
    projectName: "admin",
    userDomainName: "Default",
    projectDomainName: "Default",
  };
  let adminTokenCache: { value: string; until: number } | undefined;

  async function rawRequest(
    method: string,
    path: string,
    body: unknown,
    token: string | null | undefined,
  ): Promise<KeystoneAnswer> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers["x-auth-token"] = token;
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  async function passwordToken(
    user: { name?: string; id?: string; password: string },
    scope: unknown,
  ): Promise<string> {
    const identityUser = user.id
      ? { id: user.id, password: user.password }
      : { name: user.name, domain: { id: "default" }, password: user.password };
    const answer = await rawRequest(
      "POST",
      "/v3/auth/tokens",
      {
        auth: {
          identity: { methods: ["password"], password: { user: identityUser } },
          scope,
        },
      },
      null,
    );
    if (answer.status !== 201)
      throw new Error(
        `Keystone password auth failed: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    return answer.headers.get("x-subject-token")!;
  }

  async function adminToken(): Promise<string> {
    if (adminTokenCache && adminTokenCache.until > Date.now())
      return adminTokenCache.value;
    const value = await passwordToken(
      { name: "admin", password: adminPassword },
      { project: { name: "admin", domain: { id: "default" } } },
    );
    const lifetime = (options.tokenExpirationSeconds ?? 3600) * 1000;
    adminTokenCache = { value, until: Date.now() + lifetime / 2 };
    return value;
  }

  async function request(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<KeystoneAnswer> {
    return rawRequest(
      method,
      path,
      body,
      token === undefined ? await adminToken() : token,
    );
  }

  async function expectOk(
    answer: Promise<KeystoneAnswer>,
    what: string,
  ): Promise<KeystoneAnswer> {
    const a = await answer;
    if (a.status >= 300)
      throw new Error(
        `Keystone: ${what} failed with ${a.status}: ${JSON.stringify(a.body)}`,
      );
    return a;
  }

  const roleIds = new Map<string, string>();
  async function roleId(name: string): Promise<string> {
    const known = roleIds.get(name);
    if (known) return known;
    const found = await expectOk(
      request("GET", `/v3/roles?name=${encodeURIComponent(name)}`),
      `find role ${name}`,
    );
    let id: string | undefined = found.body.roles[0]?.id;
    if (!id)
      id = (
        await expectOk(
          request("POST", "/v3/roles", { role: { name } }),
          `create role ${name}`,
        )
      ).body.role.id as string;
    roleIds.set(name, id);
    return id;
  }

  async function grantRole(
    userId: string,
    projectId: string,
    roleName: string,
  ): Promise<void> {
    await expectOk(
      request(
        "PUT",
        `/v3/projects/${projectId}/users/${userId}/roles/${await roleId(roleName)}`,
      ),
      `grant ${roleName}`,
    );
  }

  async function createProject(name: string): Promise<KeystoneProject> {
    const a = await expectOk(
      request("POST", "/v3/projects", {
        project: { name, domain_id: "default", enabled: true },
      }),
      `create project ${name}`,
    );
    return { id: a.body.project.id, name, domainId: "default" };
  }

  async function createUser(init: {
    name: string;
    password: string;
    projectId?: string;
    roles?: string[];
  }): Promise<KeystoneUser> {
    const body = {
      user: {
        name: init.name,
        password: init.password,
        domain_id: "default",
        enabled: true,
        ...(init.projectId ? { default_project_id: init.projectId } : {}),
      },
    };
    const a = await expectOk(
      request("POST", "/v3/users", body),
      `create user ${init.name}`,
    );
    const user: KeystoneUser = {
      id: a.body.user.id,
      name: init.name,
      password: init.password,
      domainId: "default",
    };
    if (init.projectId)
      for (const role of init.roles ?? ["member", "reader"])
        await grantRole(user.id, init.projectId, role);
    return user;
  }

  async function createApplicationCredential(
    user: KeystoneUser,
    projectId: string,
    name: string,
  ): Promise<KeystoneApplicationCredential> {
    const token = await passwordToken(
      { id: user.id, password: user.password },
      { project: { id: projectId } },
    );
    const a = await expectOk(
      request(
        "POST",
        `/v3/users/${user.id}/application_credentials`,
        { application_credential: { name, description: "cloud-images tests" } },
        token,
      ),
      `create application credential ${name}`,
    );
    const cred = a.body.application_credential;
    return {
      id: cred.id,
      name: cred.name,
      secret: cred.secret,
      userId: user.id,
      projectId,
    };
  }

  async function registerService(init: {
    type: string;
    name: string;
    url: string;
    interfaces?: ("public" | "internal" | "admin")[];
  }): Promise<{ serviceId: string }> {
    const s = await expectOk(
      request("POST", "/v3/services", {
        service: { type: init.type, name: init.name, enabled: true },
      }),
      `create service ${init.name}`,
    );
    const serviceId = s.body.service.id as string;
    for (const iface of init.interfaces ?? ["public", "internal", "admin"]) {
      await expectOk(
        request("POST", "/v3/endpoints", {
          endpoint: {
            service_id: serviceId,
            interface: iface,
            url: init.url,
            region_id: region,
            enabled: true,
          },
        }),
        `create ${iface} endpoint of ${init.name}`,
      );
    }
    return { serviceId };
  }

  let glanceSettings: Promise<Record<string, string>> | undefined;
  function glanceAuthtoken(
    settings: { tokenCacheSeconds?: number } = {},
  ): Promise<Record<string, string>> {
    glanceSettings ??= (async () => {
      const service = await createProject("service");
      const password = `glance-${Math.random().toString(36).slice(2)}`;
      await createUser({
        name: "glance",
        password,
        projectId: service.id,
        roles: ["service", "admin"],
      });
      return {
        www_authenticate_uri: url,
        auth_url: url,
        auth_type: "password",
        username: "glance",
        password,
        project_name: "service",
        user_domain_name: "Default",
        project_domain_name: "Default",
        service_token_roles_required: "true",
        ...(settings.tokenCacheSeconds === undefined
          ? {}
          : { token_cache_time: String(settings.tokenCacheSeconds) }),
      };
    })();
    return glanceSettings;
  }

  let demo: Promise<KeystoneDemo> | undefined;
  function setupDemo(): Promise<KeystoneDemo> {
    demo ??= (async () => {
      const projectA = await createProject("demo-a");
      const projectB = await createProject("demo-b");
      const userA = await createUser({
        name: "alice",
        password: "alice-secret-pw-1",
        projectId: projectA.id,
      });
      const userB = await createUser({
        name: "bob",
        password: "bob-secret-pw-2",
        projectId: projectB.id,
      });
      const appCredA = await createApplicationCredential(
        userA,
        projectA.id,
        "alice-ci",
      );
      return { projectA, projectB, userA, userB, appCredA };
    })();
    return demo;
  }

  process.stderr.write(
    `[test-servers] Keystone up at ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s; dir ${dir}\n`,
  );
  return {
    url,
    authUrl,
    port,
    region,
    dir,
    logFile,
    pid: server.pid,
    admin,
    adminToken,
    request,
    createProject,
    createUser,
    grantRole,
    createApplicationCredential,
    registerService,
    glanceAuthtoken,
    setupDemo,
    stop,
  };
}
