import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import {
  ConfigurationError,
  RACKSPACE_IDENTITY_US,
  RACKSPACE_IMAGE_SERVICE,
  RACKSPACE_REGIONS,
  keystoneApplicationCredential,
  keystonePassword,
  keystoneToken,
  normalizeInterface,
  rackspaceApiKey,
  rackspacePassword,
  type AuthMethod,
  type EndpointInterface,
} from "@cloud-images/core";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** `auth_type` values the SDK understands (with openstacksdk's aliases). */
export type AuthType =
  | "password"
  | "v3applicationcredential"
  | "v3token"
  | "rackspace_apikey"
  | "rackspace_password";

const AUTH_TYPE_ALIASES: Record<string, AuthType> = {
  password: "password",
  v3password: "password",
  v3applicationcredential: "v3applicationcredential",
  applicationcredential: "v3applicationcredential",
  application_credential: "v3applicationcredential",
  v3token: "v3token",
  token: "v3token",
  rackspace_apikey: "rackspace_apikey",
  "rackspace-apikey": "rackspace_apikey",
  rax_apikey: "rackspace_apikey",
  rackspace_password: "rackspace_password",
};

/** Keys of the `auth` section that hold secrets: never shown. */
const SECRET_KEYS = new Set([
  "password",
  "application_credential_secret",
  "token",
  "api_key",
]);

/** Vendor profiles (openstacksdk's `profile:`): defaults merged under a cloud's own settings. */
export const PROFILES: Readonly<
  Record<string, Readonly<Record<string, unknown>>>
> = Object.freeze({
  rackspace: Object.freeze({
    auth: { auth_url: RACKSPACE_IDENTITY_US },
    identity_api_version: "2.0",
    interface: "public",
    regions: [...RACKSPACE_REGIONS],
    image_service_name: RACKSPACE_IMAGE_SERVICE,
  }),
});

/** Where configuration comes from; defaults to the real process environment and folders. */
export interface ConfigSources {
  /** Environment variables (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Current folder (default `process.cwd()`). */
  readonly cwd?: string | undefined;
  /** Home folder (default `os.homedir()`). */
  readonly home?: string | undefined;
  /** System folder (default `/etc/openstack`). */
  readonly etcDir?: string | undefined;
}

/** Options of {@link loadCloudConfig}. */
export interface LoadCloudOptions extends ConfigSources {
  /** Cloud name in clouds.yaml; default `OS_CLOUD`, else the `OS_*` variables, else the only cloud. */
  readonly cloud?: string | undefined;
}

/**
 * One cloud's settings after clouds.yaml, secure.yaml, the profile and the environment were
 * combined. Secrets are held privately: `JSON.stringify`/`util.inspect` show `[REDACTED]`.
 */
export class CloudConfig {
  /** Cloud name (`envvars` when it came from `OS_*` variables). */
  readonly name: string;
  /** The clouds.yaml file it came from, if any. */
  readonly file: string | undefined;
  readonly authType: AuthType;
  /** `region_name`; `undefined` lets the SDK use the user's default region (Rackspace) or the only one. */
  readonly region: string | undefined;
  readonly interface: EndpointInterface;
  /** Path of a CA bundle (`cacert`). */
  readonly cacert: string | undefined;
  /** `verify: false` / `insecure: true`: do not check TLS certificates. */
  readonly insecure: boolean;
  /** Name of the image service to pick from the catalog (`cloudImages` for Rackspace), if set. */
  readonly imageServiceName: string | undefined;
  /** `image_endpoint_override`: use this image endpoint instead of the catalog's. */
  readonly imageEndpointOverride: string | undefined;
  /** The non-secret `auth` keys. */
  readonly auth: Readonly<Record<string, string>>;
  readonly #secrets: Readonly<Record<string, string>>;

  constructor(init: {
    name: string;
    file: string | undefined;
    authType: AuthType;
    region: string | undefined;
    interface: EndpointInterface;
    cacert: string | undefined;
    insecure: boolean;
    imageServiceName: string | undefined;
    imageEndpointOverride: string | undefined;
    auth: Record<string, string>;
  }) {
    this.name = init.name;
    this.file = init.file;
    this.authType = init.authType;
    this.region = init.region;
    this.interface = init.interface;
    this.cacert = init.cacert;
    this.insecure = init.insecure;
    this.imageServiceName = init.imageServiceName;
    this.imageEndpointOverride = init.imageEndpointOverride;
    const pub: Record<string, string> = {};
    const sec: Record<string, string> = {};
    for (const [k, v] of Object.entries(init.auth))
      (SECRET_KEYS.has(k) ? sec : pub)[k] = v;
    this.auth = Object.freeze(pub);
    this.#secrets = Object.freeze(sec);
  }

  /** Which secret keys are set (never their values). */
  get secretKeys(): string[] {
    return Object.keys(this.#secrets);
  }

  /** Builds the auth method this cloud describes. */
  authMethod(): AuthMethod {
    const a = { ...this.auth, ...this.#secrets };
    const where = `cloud ${JSON.stringify(this.name)}${this.file ? ` (${this.file})` : ""}`;
    const need = (key: string): string => {
      const v = a[key];
      if (v === undefined || v === "")
        throw new ConfigurationError(
          `${where}: auth_type ${this.authType} needs auth.${key}`,
        );
      return v;
    };
    const common = {
      userId: a.user_id,
      username: a.username,
      userDomainId: a.user_domain_id,
      userDomainName: a.user_domain_name,
      defaultDomainId: a.default_domain_id ?? a.default_domain,
      defaultDomainName: a.default_domain_name,
    };
    const scope = {
      projectId: a.project_id ?? a.tenant_id,
      projectName: a.project_name ?? a.tenant_name,
      projectDomainId: a.project_domain_id,
      projectDomainName: a.project_domain_name,
      domainId: a.domain_id,
      domainName: a.domain_name,
      system: a.system_scope === "all" ? true : undefined,
    };
    try {
      switch (this.authType) {
        case "password":
          return keystonePassword({
            authUrl: need("auth_url"),
            ...common,
            ...scope,
            password: need("password"),
          });
        case "v3applicationcredential":
          return keystoneApplicationCredential({
            authUrl: need("auth_url"),
            ...common,
            applicationCredentialId: a.application_credential_id,
            applicationCredentialName: a.application_credential_name,
            applicationCredentialSecret: need("application_credential_secret"),
          });
        case "v3token":
          return keystoneToken({
            authUrl: need("auth_url"),
            ...scope,
            defaultDomainId: common.defaultDomainId,
            defaultDomainName: common.defaultDomainName,
            token: need("token"),
          });
        case "rackspace_apikey":
          return rackspaceApiKey({
            authUrl: a.auth_url,
            username: need("username"),
            apiKey: need("api_key"),
            tenantId: a.tenant_id ?? a.project_id,
            tenantName: a.tenant_name ?? a.project_name,
          });
        case "rackspace_password":
          return rackspacePassword({
            authUrl: a.auth_url,
            username: need("username"),
            password: need("password"),
            tenantId: a.tenant_id ?? a.project_id,
            tenantName: a.tenant_name ?? a.project_name,
          });
      }
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(`${where}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      file: this.file,
      authType: this.authType,
      region: this.region,
      interface: this.interface,
      cacert: this.cacert,
      insecure: this.insecure,
      auth: {
        ...this.auth,
        ...Object.fromEntries(
          Object.keys(this.#secrets).map((k) => [k, "[REDACTED]"]),
        ),
      },
    };
  }

  [INSPECT](): string {
    return `CloudConfig ${JSON.stringify(this.toJSON())}`;
  }
}

/** The clouds.yaml paths in openstacksdk's order: `OS_CLIENT_CONFIG_FILE`, the current folder, `~/.config/openstack`, `/etc/openstack`. */
export function cloudsYamlCandidates(sources: ConfigSources = {}): string[] {
  return candidates(
    "clouds",
    sources.env?.OS_CLIENT_CONFIG_FILE ??
      (sources.env ? undefined : process.env.OS_CLIENT_CONFIG_FILE),
    sources,
  );
}

/** The secure.yaml paths in the same order (`OS_CLIENT_SECURE_FILE` first). */
export function secureYamlCandidates(sources: ConfigSources = {}): string[] {
  return candidates(
    "secure",
    sources.env?.OS_CLIENT_SECURE_FILE ??
      (sources.env ? undefined : process.env.OS_CLIENT_SECURE_FILE),
    sources,
  );
}

function candidates(
  base: string,
  explicit: string | undefined,
  sources: ConfigSources,
): string[] {
  const cwd = sources.cwd ?? process.cwd();
  const home = sources.home ?? homedir();
  const etc = sources.etcDir ?? "/etc/openstack";
  const dirs = [cwd, join(home, ".config", "openstack"), etc];
  const out = explicit ? [resolve(cwd, explicit)] : [];
  for (const dir of dirs)
    for (const ext of ["yaml", "yml"]) out.push(join(dir, `${base}.${ext}`));
  return out;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge: `over` wins; objects merge, everything else replaces. */
export function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isPlain(v) && isPlain(out[k]) ? deepMerge(out[k] as Plain, v) : v;
  return out;
}

function readYaml(file: string): Plain {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `cannot read ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    // yaml's messages quote the offending line, which may hold a secret: give the position only.
    const pos = (error as { linePos?: { line: number; col: number }[] })
      .linePos?.[0];
    throw new ConfigurationError(
      `${file} is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`,
    );
  }
  if (value === null || value === undefined) return {};
  if (!isPlain(value))
    throw new ConfigurationError(
      `${file}: expected a mapping at the top level`,
    );
  return value;
}

/** The `OS_*` variables that make an `envvars` cloud, mapped to clouds.yaml keys (auth keys under `auth.`). */
const ENV_KEYS: Record<string, string> = {
  OS_AUTH_URL: "auth.auth_url",
  OS_USERNAME: "auth.username",
  OS_USER_ID: "auth.user_id",
  OS_PASSWORD: "auth.password",
  OS_PROJECT_NAME: "auth.project_name",
  OS_PROJECT_ID: "auth.project_id",
  OS_TENANT_NAME: "auth.tenant_name",
  OS_TENANT_ID: "auth.tenant_id",
  OS_USER_DOMAIN_NAME: "auth.user_domain_name",
  OS_USER_DOMAIN_ID: "auth.user_domain_id",
  OS_PROJECT_DOMAIN_NAME: "auth.project_domain_name",
  OS_PROJECT_DOMAIN_ID: "auth.project_domain_id",
  OS_DOMAIN_NAME: "auth.domain_name",
  OS_DOMAIN_ID: "auth.domain_id",
  OS_DEFAULT_DOMAIN: "auth.default_domain",
  OS_DEFAULT_DOMAIN_ID: "auth.default_domain_id",
  OS_DEFAULT_DOMAIN_NAME: "auth.default_domain_name",
  OS_SYSTEM_SCOPE: "auth.system_scope",
  OS_APPLICATION_CREDENTIAL_ID: "auth.application_credential_id",
  OS_APPLICATION_CREDENTIAL_NAME: "auth.application_credential_name",
  OS_APPLICATION_CREDENTIAL_SECRET: "auth.application_credential_secret",
  OS_TOKEN: "auth.token",
  OS_API_KEY: "auth.api_key",
  OS_AUTH_TYPE: "auth_type",
  OS_REGION_NAME: "region_name",
  OS_INTERFACE: "interface",
  OS_ENDPOINT_TYPE: "interface",
  OS_CACERT: "cacert",
  OS_INSECURE: "insecure",
  OS_PROFILE: "profile",
  OS_IMAGE_ENDPOINT_OVERRIDE: "image_endpoint_override",
};

/** The cloud described by `OS_*` variables, or `undefined` when none of the auth ones is set. */
export function cloudFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Plain | undefined {
  const out: Plain = {};
  const auth: Plain = {};
  let any = false;
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    if (key.startsWith("auth.")) {
      auth[key.slice(5)] = value;
      any = true;
    } else out[key] = value;
  }
  if (!any) return undefined;
  return { ...out, auth };
}

const truthy = (v: unknown): boolean =>
  v === true || (typeof v === "string" && /^(1|true|yes|on)$/i.test(v));

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlain(value))
    throw new ConfigurationError(`${where}: auth must be a mapping`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    if (
      typeof v === "string" ||
      typeof v === "number" ||
      typeof v === "boolean"
    )
      out[k] = String(v);
  }
  return out;
}

function inferAuthType(auth: Record<string, string>, raw: Plain): AuthType {
  if (auth.application_credential_secret) return "v3applicationcredential";
  if (auth.api_key) return "rackspace_apikey";
  if (auth.token && !auth.password) return "v3token";
  const rackspace =
    raw.profile === "rackspace" ||
    raw.identity_api_version === "2.0" ||
    /\/v2\.0\/?$/.test(auth.auth_url ?? "");
  return rackspace ? "rackspace_password" : "password";
}

/** Turns one cloud's raw (merged) mapping into a {@link CloudConfig}. */
export function cloudConfigFromRaw(
  name: string,
  file: string | undefined,
  rawIn: Plain,
): CloudConfig {
  const where = `cloud ${JSON.stringify(name)}${file ? ` (${file})` : ""}`;
  let raw = rawIn;
  const profileName = (raw.profile ?? raw.cloud) as unknown;
  if (typeof profileName === "string") {
    const profile = PROFILES[profileName];
    if (!profile)
      throw new ConfigurationError(
        `${where}: unknown profile ${JSON.stringify(profileName)}; known: ${Object.keys(PROFILES).join(", ")}`,
      );
    raw = deepMerge(profile as Plain, raw);
  }
  const auth = stringMap(raw.auth, where);
  const typeName =
    typeof raw.auth_type === "string" ? raw.auth_type.toLowerCase() : undefined;
  let authType: AuthType;
  if (typeName === undefined) authType = inferAuthType(auth, raw);
  else {
    const known = AUTH_TYPE_ALIASES[typeName];
    if (!known)
      throw new ConfigurationError(
        `${where}: auth_type ${JSON.stringify(raw.auth_type)} is not supported; use one of ${[...new Set(Object.values(AUTH_TYPE_ALIASES))].join(", ")}`,
      );
    // `password` against a v2.0 (Rackspace) identity is Rackspace's passwordCredentials.
    authType =
      known === "password" &&
      inferAuthType({ auth_url: auth.auth_url ?? "" }, raw) ===
        "rackspace_password"
        ? "rackspace_password"
        : known;
  }
  const ifaceRaw =
    typeof raw.interface === "string" ? raw.interface : undefined;
  const iface =
    ifaceRaw === undefined ? "public" : normalizeInterface(ifaceRaw);
  if (!iface)
    throw new ConfigurationError(
      `${where}: interface ${JSON.stringify(ifaceRaw)} must be public, internal or admin`,
    );
  const regions = Array.isArray(raw.regions)
    ? raw.regions.map((r) => (isPlain(r) ? String(r.name) : String(r)))
    : [];
  let region =
    typeof raw.region_name === "string" && raw.region_name !== ""
      ? raw.region_name
      : undefined;
  // A cloud with a single region in `regions` (and no region_name) uses it, as openstacksdk does.
  if (
    region === undefined &&
    regions.length === 1 &&
    rawIn.regions !== undefined
  )
    region = regions[0];
  const verify = raw.verify;
  return new CloudConfig({
    name,
    file,
    authType,
    region,
    interface: iface,
    cacert:
      typeof raw.cacert === "string" && raw.cacert !== ""
        ? raw.cacert
        : undefined,
    insecure:
      truthy(raw.insecure) ||
      verify === false ||
      (typeof verify === "string" && /^(0|false|no|off)$/i.test(verify)),
    imageServiceName:
      typeof raw.image_service_name === "string"
        ? raw.image_service_name
        : undefined,
    imageEndpointOverride:
      typeof raw.image_endpoint_override === "string"
        ? raw.image_endpoint_override
        : undefined,
    auth,
  });
}

/**
 * Finds and resolves one cloud's configuration the way openstacksdk does:
 *
 * 1. clouds.yaml: the first existing of `OS_CLIENT_CONFIG_FILE`, `./clouds.yaml`,
 *    `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml` (`.yml` accepted);
 *    secure.yaml (same places, `OS_CLIENT_SECURE_FILE` first) merged over it.
 * 2. The cloud: `options.cloud`, else `OS_CLOUD`, else the cloud made of `OS_*` variables
 *    (`OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, …), else the only cloud of clouds.yaml.
 * 3. A `profile:` (e.g. `rackspace`) supplies defaults under the cloud's own settings.
 *
 * @throws ConfigurationError naming the files searched and the clouds found (never a secret).
 */
export function loadCloudConfig(options: LoadCloudOptions = {}): CloudConfig {
  const env = options.env ?? process.env;
  const sources: ConfigSources = { ...options, env };
  const cloudsFile = cloudsYamlCandidates(sources).find((f) => existsSync(f));
  const secureFile = secureYamlCandidates(sources).find((f) => existsSync(f));
  let doc: Plain = cloudsFile ? readYaml(cloudsFile) : {};
  if (secureFile) doc = deepMerge(doc, readYaml(secureFile));
  const clouds = isPlain(doc.clouds) ? doc.clouds : {};
  const names = Object.keys(clouds);

  const wanted = options.cloud ?? (env.OS_CLOUD || undefined);
  if (wanted !== undefined) {
    const raw = clouds[wanted];
    if (!isPlain(raw)) {
      const searched = cloudsFile
        ? `in ${cloudsFile}`
        : `no clouds.yaml found (searched ${cloudsYamlCandidates(sources).join(", ")})`;
      throw new ConfigurationError(
        `cloud ${JSON.stringify(wanted)} not found ${searched}; clouds defined: ${names.length ? names.join(", ") : "none"}`,
      );
    }
    return cloudConfigFromRaw(wanted, cloudsFile, raw);
  }
  const fromEnv = cloudFromEnv(env);
  if (fromEnv) return cloudConfigFromRaw("envvars", undefined, fromEnv);
  if (names.length === 1)
    return cloudConfigFromRaw(
      names[0]!,
      cloudsFile,
      clouds[names[0]!] as Plain,
    );
  throw new ConfigurationError(
    names.length === 0
      ? `no cloud configured: set OS_CLOUD with a clouds.yaml (searched ${cloudsYamlCandidates(sources).join(", ")}), or OS_AUTH_URL and credentials`
      : `several clouds in ${cloudsFile} (${names.join(", ")}): choose one with the cloud option or OS_CLOUD`,
  );
}
