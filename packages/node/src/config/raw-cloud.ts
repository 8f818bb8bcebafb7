import { ConfigurationError } from "@cloud-images/core";
import { normalizeInterface, ownValue, setOwn } from "@cloud-images/core/internal";
import type { AuthType } from "./auth-method.js";
import { CloudConfig } from "./cloud-config.js";
import { deepMerge, isPlain, type Plain } from "./config-files.js";
import { PROFILES } from "./profiles.js";

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
      setOwn(out, k, String(v));
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
    const profile = ownValue(PROFILES, profileName);
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
    const known = ownValue(AUTH_TYPE_ALIASES, typeName);
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
    computeServiceName:
      typeof raw.compute_service_name === "string"
        ? raw.compute_service_name
        : undefined,
    computeEndpointOverride:
      typeof raw.compute_endpoint_override === "string"
        ? raw.compute_endpoint_override
        : undefined,
    auth,
  });
}
