import {
  ConfigurationError,
  keystoneApplicationCredential,
  keystonePassword,
  keystoneToken,
  rackspaceApiKey,
  rackspacePassword,
  type AuthMethod,
} from "@cloud-images/core";

/** `auth_type` values the SDK understands (with openstacksdk's aliases). */
export type AuthType =
  | "password"
  | "v3applicationcredential"
  | "v3token"
  | "rackspace_apikey"
  | "rackspace_password";

/** Keys of the `auth` section that hold secrets: never shown. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "password",
  "application_credential_secret",
  "token",
  "api_key",
]);

/**
 * Builds the auth method of `authType` from a cloud's `auth` keys (secrets included).
 *
 * @param where - names the cloud in error messages, e.g. `cloud "x" (/path/clouds.yaml)`.
 * @throws ConfigurationError when a key the method needs is missing or a value is refused.
 */
export function authMethodFromKeys(
  where: string,
  authType: AuthType,
  a: Readonly<Record<string, string>>,
): AuthMethod {
  const need = (key: string): string => {
    const v = a[key];
    if (v === undefined || v === "")
      throw new ConfigurationError(
        `${where}: auth_type ${authType} needs auth.${key}`,
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
    switch (authType) {
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
