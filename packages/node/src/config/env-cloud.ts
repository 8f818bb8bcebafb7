import type { Plain } from "./config-files.js";

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
  OS_COMPUTE_ENDPOINT_OVERRIDE: "compute_endpoint_override",
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
