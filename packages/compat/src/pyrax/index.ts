/**
 * @packageDocumentation
 * pyrax, ported: the module-level setup of pyrax (`set_setting`, `set_credentials`,
 * `set_credential_file`, `set_default_region`, `connect_to_images`, `connect_to_cloudservers`,
 * `regions`, `identity`), `pyrax.images` (every method of pyrax 1.9's image client),
 * `pyrax.cloudservers` (its image calls), `pyrax.utils` and `pyrax.exceptions`, over the
 * cloud-images SDK. Import it as the module it replaces:
 *
 * ```ts
 * import * as pyrax from "@cloud-images/compat/pyrax";
 *
 * pyrax.set_setting("identity_type", "rackspace");
 * await pyrax.set_credentials("myuser", process.env.RAX_API_KEY);
 * for (const image of await pyrax.images.list()) console.log(image.name);
 * ```
 *
 * Python keyword arguments become one trailing options object; every call returns a promise.
 */
import { readFile } from "node:fs/promises";
import { ValidationError, type AuthMethod, type IdentitySession } from "@cloud-images/core";
import { RACKSPACE_IDENTITY_US, createCloud, keystonePassword, rackspaceApiKey, type Cloud } from "@cloud-images/node";
import ini from "ini";
import * as exceptions from "./exceptions.js";
import * as utils from "./utils.js";
import { InvalidCredentialFile, NoEndpointForRegion, NotAuthenticated } from "./exceptions.js";
import { ImageClient } from "./images.js";
import { CloudServersClient } from "./cloudservers.js";
import { Settings, SETTING_KEYS, type IdentityKind, type SettingKey } from "./settings.js";

export { exceptions, utils, SETTING_KEYS, type IdentityKind, type SettingKey };
export { Image, ImageClient, ImageMember, ImageTask, type ImageRef, type ImageListOptions, type ImageListAllOptions, type ImageCreateOptions, type ImportTaskOptions } from "./images.js";
export {
  CloudServer,
  CloudServerImage,
  CloudServerImageManager,
  CloudServerManager,
  CloudServersClient,
  type CloudServerImageListOptions,
  type ComputeImageRef,
  type ServerRef,
} from "./cloudservers.js";
export type { WaitUntilOptions, WaitForBuildOptions, WaitThread, Reloadable } from "./utils.js";

/** What pyrax knows of the login (`pyrax.identity`): no secret is kept here or shown. */
export interface Identity {
  /** Whether a token was obtained. */
  readonly authenticated: boolean;
  /** The user name. */
  readonly username: string;
  /** The tenant (project) id of the token. */
  readonly tenant_id: string | undefined;
  /** The tenant (project) name of the token. */
  readonly tenant_name: string | undefined;
  /** The user id of the token. */
  readonly user_id: string | undefined;
  /** The region used when none is named. */
  readonly region: string | undefined;
  /** The regions of the service catalog. */
  readonly regions: readonly string[];
  /** The service types of the catalog (`image`, `compute`, `object-store`…). */
  readonly services: readonly string[];
  /** When the token expires. */
  readonly expires: Date | undefined;
  /** The identity endpoint used. */
  readonly auth_endpoint: string;
  /** The SDK's identity session (one login shared by every client). */
  readonly session: IdentitySession;
}

/** pyrax's `set_credentials()` keyword arguments. */
export interface CredentialOptions {
  /** The user name (default: the `username` setting). */
  readonly username?: string | undefined;
  /** Rackspace: the API key; Keystone: the password. */
  readonly api_key?: string | undefined;
  /** Keystone: the password (instead of `api_key`). */
  readonly password?: string | undefined;
  /** The region to connect to (default: the `region` setting, else the account's default region). */
  readonly region?: string | undefined;
  /** Log in now (default true). */
  readonly authenticate?: boolean | undefined;
  /** Ask for a token of this tenant (project), by id. */
  readonly tenant_id?: string | undefined;
  /** Ask for a token of this tenant (project), by name. */
  readonly tenant_name?: string | undefined;
}

/** pyrax's `set_credential_file()` keyword arguments. */
export type CredentialFileOptions = Pick<CredentialOptions, "region" | "authenticate">;

const settings = new Settings();
let session: IdentitySession | undefined;
let clouds: Cloud[] = [];
let username = "";

function notAuthenticated<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      if (key === "then" || typeof key === "symbol") return undefined;
      throw new NotAuthenticated(`pyrax.${what}.${String(key)}: authenticate first (await pyrax.set_credentials(…) or set_credential_file(…)).`);
    },
  });
}

/** `pyrax.images`: the image client of the default region, set by `set_credentials` / `set_credential_file`. */
export let images: ImageClient = notAuthenticated<ImageClient>("images");
/** `pyrax.cloudservers`: the Cloud Servers client of the default region, set by `set_credentials` / `set_credential_file`. */
export let cloudservers: CloudServersClient = notAuthenticated<CloudServersClient>("cloudservers");
/** `pyrax.identity`, set once authenticated. */
export let identity: Identity | undefined;
/** `pyrax.regions`: the regions of the service catalog, set once authenticated. */
export let regions: readonly string[] = [];
/** The region clients connect to when none is named (`set_default_region`, the `region` setting, else the account's default). */
export let default_region: string | undefined;

/** Sets one of pyrax's settings (`identity_type`, `auth_endpoint`, `region`, `tenant_id`…). @throws InvalidSetting */
export function set_setting(key: SettingKey | (string & {}), value: unknown): void {
  settings.set(key, value);
  if (key === "region") default_region = value === undefined ? undefined : String(value);
}

/** The value of one of pyrax's settings. */
export function get_setting(key: SettingKey | (string & {})): unknown {
  return settings.get(key);
}

/** Sets the region used when none is named; with credentials set, `pyrax.images` and `pyrax.cloudservers` move to it. */
export async function set_default_region(region: string): Promise<void> {
  settings.set("region", region);
  default_region = region;
  if (session !== undefined) await connectAll();
}

/**
 * Logs in (pyrax's `set_credentials`): `set_credentials(username, api_key)`, or with keywords
 * `set_credentials({ username, api_key, region })` (or both: positional first). Rackspace
 * identity takes the API key; Keystone (`identity_type` `keystone`) the password. Then
 * `pyrax.images`, `pyrax.cloudservers`, `pyrax.identity` and `pyrax.regions` are set.
 * @throws AuthenticationFailed when the login is refused (the SDK's `AuthenticationError`, which it matches).
 */
export async function set_credentials(username?: string | CredentialOptions, api_key?: string | CredentialOptions, options?: CredentialOptions): Promise<void> {
  const given: CredentialOptions = {
    ...(typeof username === "object" ? username : {}),
    ...(typeof api_key === "object" ? api_key : {}),
    ...options,
    ...(typeof username === "string" ? { username } : {}),
    ...(typeof api_key === "string" ? { api_key } : {}),
  };
  await login(given);
}

/**
 * Logs in with the credentials of a pyrax credential file (ini): section `[rackspace_cloud]`
 * with `username` and `api_key`, or `[keystone]` with `username`, `password` and
 * `tenant_id`/`tenant_name` when `identity_type` is `keystone`.
 * @throws InvalidCredentialFile when the file cannot be read or lacks a key.
 */
export async function set_credential_file(cred_file: string, options: CredentialFileOptions = {}): Promise<void> {
  let text: string;
  try {
    text = await readFile(cred_file, "utf8");
  } catch (error) {
    throw new InvalidCredentialFile(`The credential file '${cred_file}' could not be read.`, { cause: error });
  }
  const parsed = ini.parse(text) as Record<string, Record<string, unknown> | undefined>;
  const kind = settings.identityKind;
  const section = kind === "keystone" ? parsed["keystone"] : (parsed["rackspace_cloud"] ?? parsed["keystone"]);
  const read = (key: string): string | undefined => (typeof section?.[key] === "string" && section[key] !== "" ? (section[key] as string) : undefined);
  const user = read("username");
  const secret = kind === "keystone" ? (read("password") ?? read("api_key")) : (read("api_key") ?? read("password"));
  if (section === undefined || user === undefined || secret === undefined) {
    const expected = kind === "keystone" ? "[keystone] with username and password" : "[rackspace_cloud] with username and api_key";
    throw new InvalidCredentialFile(`The credential file '${cred_file}' must have a section ${expected}.`);
  }
  await login({ ...options, username: user, api_key: secret, tenant_id: read("tenant_id"), tenant_name: read("tenant_name") });
}

/** The image client of a region (default: the default region). @throws NotAuthenticated, NoEndpointForRegion */
export async function connect_to_images(region?: string): Promise<ImageClient> {
  const cloud = await cloudFor(region);
  return new ImageClient(cloud.images, region ?? default_region);
}

/** The Cloud Servers client of a region (default: the default region). @throws NotAuthenticated, NoEndpointForRegion */
export async function connect_to_cloudservers(region?: string): Promise<CloudServersClient> {
  const cloud = await cloudFor(region);
  return new CloudServersClient(cloud.compute, region ?? default_region);
}

/** Forgets the credentials and closes every connection pyrax opened (Node needs this to exit promptly). */
export async function clear_credentials(): Promise<void> {
  const open = clouds;
  clouds = [];
  session = undefined;
  identity = undefined;
  regions = [];
  images = notAuthenticated<ImageClient>("images");
  cloudservers = notAuthenticated<CloudServersClient>("cloudservers");
  await Promise.all(open.map((c) => c.close()));
}

async function login(given: CredentialOptions): Promise<void> {
  const user = given.username;
  const secret = given.api_key ?? given.password;
  if (typeof user !== "string" || user === "" || typeof secret !== "string" || secret === "") {
    throw new ValidationError("set_credentials", [{ path: [typeof user !== "string" || user === "" ? "username" : "api_key"], message: "is required" }]);
  }
  await clear_credentials();
  const kind = settings.identityKind;
  const authUrl = (settings.get("auth_endpoint") as string | undefined) ?? (kind === "rackspace" ? RACKSPACE_IDENTITY_US : undefined);
  if (authUrl === undefined) throw new ValidationError("set_credentials", [{ path: ["auth_endpoint"], message: "is required with identity_type keystone: set_setting('auth_endpoint', url)" }]);
  const tenantId = given.tenant_id ?? (settings.get("tenant_id") as string | undefined);
  const tenantName = given.tenant_name ?? (settings.get("tenant_name") as string | undefined);
  const method: AuthMethod =
    kind === "rackspace"
      ? rackspaceApiKey({ authUrl, username: user, apiKey: secret, tenantId, tenantName })
      : keystonePassword({ authUrl, username: user, password: secret, userDomainName: "Default", projectId: tenantId, projectName: tenantName, projectDomainName: tenantId === undefined ? "Default" : undefined });
  const region = given.region ?? (settings.get("region") as string | undefined);
  const first = createCloud({ identity: method, region });
  clouds.push(first);
  session = first.identity;
  username = user;
  default_region = region;
  if (given.authenticate === false) return;
  await authenticate();
}

/** Logs in now and sets `identity`, `regions` and the default clients. */
async function authenticate(): Promise<void> {
  const current = session as IdentitySession;
  // A refused login is the SDK's AuthenticationError, which `exceptions.AuthenticationFailed` matches too.
  const token = await current.token();
  regions = [...new Set(token.catalog.flatMap((s) => s.endpoints.map((e) => e.region)).filter((r): r is string => r !== undefined))].sort();
  default_region ??= token.defaultRegion;
  identity = {
    authenticated: true,
    username,
    tenant_id: token.projectId,
    tenant_name: token.projectName,
    user_id: token.userId,
    region: default_region,
    regions,
    services: [...new Set(token.catalog.map((s) => s.type))],
    expires: token.expiresAt,
    auth_endpoint: String(settings.get("auth_endpoint") ?? RACKSPACE_IDENTITY_US),
    session: current,
  };
  await connectAll();
}

async function connectAll(): Promise<void> {
  if (identity === undefined) await authenticate();
  images = await connect_to_images();
  cloudservers = await connect_to_cloudservers();
}

async function cloudFor(region: string | undefined): Promise<Cloud> {
  if (session === undefined) throw new NotAuthenticated();
  const wanted = region ?? default_region;
  if (wanted !== undefined && regions.length > 0 && !regions.includes(wanted)) {
    throw new NoEndpointForRegion(`There is no endpoint defined for the region '${wanted}' (regions: ${regions.join(", ")}).`);
  }
  const cloud = createCloud({ identity: session, region: wanted });
  clouds.push(cloud);
  return cloud;
}
