import {
  ValidationError,
  type ValidationIssue,
} from "../errors/validation-error.js";
import {
  KeystoneTokenResponseSchema,
  type KeystoneTokenResponse,
} from "../schemas/identity.js";
import { catalogFromKeystoneV3 } from "./catalog.js";
import {
  AuthMethodBase,
  nonEmpty,
  postIdentity,
  type AuthContext,
} from "./methods.js";
import { AccessToken, parseIdentityDate } from "./token.js";

/** What a Keystone v3 token is scoped to. Give at most one of project, domain, system. */
export interface KeystoneScopeOptions {
  readonly projectId?: string | undefined;
  /** Project name; needs `projectDomainId` or `projectDomainName` (or a default domain). */
  readonly projectName?: string | undefined;
  readonly projectDomainId?: string | undefined;
  readonly projectDomainName?: string | undefined;
  /** Domain scope. */
  readonly domainId?: string | undefined;
  readonly domainName?: string | undefined;
  /** System scope (`{"system": {"all": true}}`). */
  readonly system?: boolean | undefined;
  /** Used for the user's and the project's domain when they are not given (openstacksdk's `default_domain`). */
  readonly defaultDomainId?: string | undefined;
  readonly defaultDomainName?: string | undefined;
}

/** Keystone v3 password auth: user by id, or by name with its domain. */
export interface KeystonePasswordOptions extends KeystoneScopeOptions {
  /** Keystone URL, with or without `/v3` (`https://keystone.example.com:5000/v3`). */
  readonly authUrl: string;
  readonly userId?: string | undefined;
  readonly username?: string | undefined;
  readonly userDomainId?: string | undefined;
  readonly userDomainName?: string | undefined;
  readonly password: string;
}

/** Keystone v3 application credential auth: by id, or by name with its user. Application credentials are pre-scoped: no scope is sent. */
export interface KeystoneApplicationCredentialOptions {
  readonly authUrl: string;
  readonly applicationCredentialId?: string | undefined;
  readonly applicationCredentialName?: string | undefined;
  /** The owner, needed with `applicationCredentialName`: by id, or by name with its domain. */
  readonly userId?: string | undefined;
  readonly username?: string | undefined;
  readonly userDomainId?: string | undefined;
  readonly userDomainName?: string | undefined;
  readonly defaultDomainId?: string | undefined;
  readonly defaultDomainName?: string | undefined;
  readonly applicationCredentialSecret: string;
}

/** Keystone v3 token auth: exchange an existing token for a new one, e.g. with another scope. */
export interface KeystoneTokenOptions extends KeystoneScopeOptions {
  readonly authUrl: string;
  readonly token: string;
}

type Domain = { id: string } | { name: string };

function domainOf(
  id: string | undefined,
  name: string | undefined,
): Domain | undefined {
  const i = nonEmpty(id);
  if (i) return { id: i };
  const n = nonEmpty(name);
  return n ? { name: n } : undefined;
}

function secretIssue(
  issues: ValidationIssue[],
  path: string,
  value: unknown,
): void {
  // Never echo a secret back, not even a wrong-typed one.
  if (typeof value !== "string" || value === "")
    issues.push({ path: [path], message: "is required (a non-empty string)" });
}

function userIdentity(
  o: {
    userId?: string | undefined;
    username?: string | undefined;
    userDomainId?: string | undefined;
    userDomainName?: string | undefined;
    defaultDomainId?: string | undefined;
    defaultDomainName?: string | undefined;
  },
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  const id = nonEmpty(o.userId);
  if (id) return { id };
  const name = nonEmpty(o.username);
  if (!name) {
    issues.push({
      path: ["userId"],
      message: "give userId, or username with userDomainName or userDomainId",
    });
    return undefined;
  }
  const domain =
    domainOf(o.userDomainId, o.userDomainName) ??
    domainOf(o.defaultDomainId, o.defaultDomainName);
  if (!domain) {
    issues.push({
      path: ["userDomainName"],
      message: `a user given by name (${JSON.stringify(name)}) needs userDomainName or userDomainId`,
    });
    return undefined;
  }
  return { name, domain };
}

/** Builds the `scope` of a Keystone v3 auth request; `undefined` when unscoped. */
export function keystoneScope(
  o: KeystoneScopeOptions,
  issues: ValidationIssue[] = [],
): Record<string, unknown> | undefined {
  const kinds = [
    nonEmpty(o.projectId) || nonEmpty(o.projectName) ? "project" : undefined,
    nonEmpty(o.domainId) || nonEmpty(o.domainName) ? "domain" : undefined,
    o.system ? "system" : undefined,
  ].filter(Boolean);
  if (kinds.length > 1) {
    issues.push({
      path: ["scope"],
      message: `give one scope only, got ${kinds.join(" and ")}`,
    });
    return undefined;
  }
  const projectId = nonEmpty(o.projectId);
  if (projectId) return { project: { id: projectId } };
  const projectName = nonEmpty(o.projectName);
  if (projectName) {
    const domain =
      domainOf(o.projectDomainId, o.projectDomainName) ??
      domainOf(o.defaultDomainId, o.defaultDomainName);
    if (!domain) {
      issues.push({
        path: ["projectDomainName"],
        message: `a project given by name (${JSON.stringify(projectName)}) needs projectDomainName or projectDomainId`,
      });
      return undefined;
    }
    return { project: { name: projectName, domain } };
  }
  const domain = domainOf(o.domainId, o.domainName);
  if (domain) return { domain };
  if (o.system) return { system: { all: true } };
  return undefined;
}

function describeScope(
  o: KeystoneScopeOptions,
): Record<string, string | boolean | undefined> {
  return {
    projectId: nonEmpty(o.projectId),
    projectName: nonEmpty(o.projectName),
    projectDomain: nonEmpty(o.projectDomainId) ?? nonEmpty(o.projectDomainName),
    domain: nonEmpty(o.domainId) ?? nonEmpty(o.domainName),
    system: o.system || undefined,
  };
}

/** Turns a Keystone v3 token answer into an {@link AccessToken}. */
export function keystoneAccessToken(
  value: string,
  body: KeystoneTokenResponse,
): AccessToken {
  const t = body.token;
  return new AccessToken(value, {
    expiresAt: parseIdentityDate(t.expires_at),
    issuedAt: parseIdentityDate(t.issued_at),
    catalog: catalogFromKeystoneV3(t.catalog),
    userId: t.user.id,
    userName: t.user.name,
    projectId: t.project?.id,
    projectName: t.project?.name,
    domainId: t.domain?.id,
    roles: t.roles?.map((r) => r.name ?? r.id),
    methods: t.methods,
  });
}

async function keystoneAuth(
  kind: string,
  authUrl: string,
  auth: Record<string, unknown>,
  context: AuthContext,
): Promise<AccessToken> {
  const { data, headers } = await postIdentity(context, {
    kind,
    authUrl,
    path: "/v3/auth/tokens",
    body: { auth },
    expect: [201, 200],
    schema: KeystoneTokenResponseSchema,
  });
  const value = headers["x-subject-token"];
  if (!value) {
    throw new ValidationError("identity.authenticate", [
      {
        path: ["X-Subject-Token"],
        message: "Keystone answered without an X-Subject-Token header",
      },
    ]);
  }
  return keystoneAccessToken(value, data);
}

/** Keystone v3 password authentication. Create with {@link keystonePassword}. */
export class KeystonePasswordAuth extends AuthMethodBase {
  readonly kind = "keystone-v3 password";
  readonly authUrl: string;
  readonly #options: KeystonePasswordOptions;

  constructor(options: KeystonePasswordOptions) {
    super();
    this.authUrl = options.authUrl;
    this.#options = { ...options };
    this.requestBody(); // validates
  }

  /** The `auth` object sent to `POST /v3/auth/tokens` (contains the password). */
  requestBody(): Record<string, unknown> {
    const o = this.#options;
    const issues: ValidationIssue[] = [];
    const user = userIdentity(o, issues);
    secretIssue(issues, "password", o.password);
    const scope = keystoneScope(o, issues);
    if (issues.length > 0)
      throw new ValidationError("keystonePassword", issues);
    return {
      identity: {
        methods: ["password"],
        password: { user: { ...user, password: o.password } },
      },
      ...(scope ? { scope } : {}),
    };
  }

  authenticate(context: AuthContext): Promise<AccessToken> {
    return keystoneAuth(this.kind, this.authUrl, this.requestBody(), context);
  }

  protected describe(): Record<string, string | boolean | undefined> {
    const o = this.#options;
    return {
      userId: nonEmpty(o.userId),
      username: nonEmpty(o.username),
      userDomain: nonEmpty(o.userDomainId) ?? nonEmpty(o.userDomainName),
      ...describeScope(o),
    };
  }
}

/** Keystone v3 application credential authentication. Create with {@link keystoneApplicationCredential}. */
export class KeystoneApplicationCredentialAuth extends AuthMethodBase {
  readonly kind = "keystone-v3 application credential";
  readonly authUrl: string;
  readonly #options: KeystoneApplicationCredentialOptions;

  constructor(options: KeystoneApplicationCredentialOptions) {
    super();
    this.authUrl = options.authUrl;
    this.#options = { ...options };
    this.requestBody();
  }

  /** The `auth` object sent to `POST /v3/auth/tokens` (contains the secret; never a scope). */
  requestBody(): Record<string, unknown> {
    const o = this.#options;
    const issues: ValidationIssue[] = [];
    secretIssue(
      issues,
      "applicationCredentialSecret",
      o.applicationCredentialSecret,
    );
    let credential: Record<string, unknown> = {};
    const id = nonEmpty(o.applicationCredentialId);
    const name = nonEmpty(o.applicationCredentialName);
    if (id) credential = { id };
    else if (name) {
      const user = userIdentity(o, issues);
      credential = { name, user };
    } else
      issues.push({
        path: ["applicationCredentialId"],
        message:
          "give applicationCredentialId, or applicationCredentialName with its user",
      });
    if (issues.length > 0)
      throw new ValidationError("keystoneApplicationCredential", issues);
    return {
      identity: {
        methods: ["application_credential"],
        application_credential: {
          ...credential,
          secret: o.applicationCredentialSecret,
        },
      },
    };
  }

  authenticate(context: AuthContext): Promise<AccessToken> {
    return keystoneAuth(this.kind, this.authUrl, this.requestBody(), context);
  }

  protected describe(): Record<string, string | boolean | undefined> {
    const o = this.#options;
    return {
      applicationCredentialId: nonEmpty(o.applicationCredentialId),
      applicationCredentialName: nonEmpty(o.applicationCredentialName),
      userId: nonEmpty(o.userId),
      username: nonEmpty(o.username),
    };
  }
}

/** Keystone v3 token authentication (re-scoping an existing token). Create with {@link keystoneToken}. */
export class KeystoneTokenAuth extends AuthMethodBase {
  readonly kind = "keystone-v3 token";
  readonly authUrl: string;
  readonly #options: KeystoneTokenOptions;

  constructor(options: KeystoneTokenOptions) {
    super();
    this.authUrl = options.authUrl;
    this.#options = { ...options };
    this.requestBody();
  }

  /** The `auth` object sent to `POST /v3/auth/tokens` (contains the token). */
  requestBody(): Record<string, unknown> {
    const o = this.#options;
    const issues: ValidationIssue[] = [];
    secretIssue(issues, "token", o.token);
    const scope = keystoneScope(o, issues);
    if (issues.length > 0) throw new ValidationError("keystoneToken", issues);
    return {
      identity: { methods: ["token"], token: { id: o.token } },
      ...(scope ? { scope } : {}),
    };
  }

  authenticate(context: AuthContext): Promise<AccessToken> {
    return keystoneAuth(this.kind, this.authUrl, this.requestBody(), context);
  }

  protected describe(): Record<string, string | boolean | undefined> {
    return describeScope(this.#options);
  }
}

/** Keystone v3 password authentication (user by id or by name + domain; optional scope). */
export function keystonePassword(
  options: KeystonePasswordOptions,
): KeystonePasswordAuth {
  return new KeystonePasswordAuth(options);
}

/** Keystone v3 application credential authentication (by id, or by name + user). */
export function keystoneApplicationCredential(
  options: KeystoneApplicationCredentialOptions,
): KeystoneApplicationCredentialAuth {
  return new KeystoneApplicationCredentialAuth(options);
}

/** Keystone v3 token authentication: a new token from an existing one, e.g. scoped to another project. */
export function keystoneToken(
  options: KeystoneTokenOptions,
): KeystoneTokenAuth {
  return new KeystoneTokenAuth(options);
}
