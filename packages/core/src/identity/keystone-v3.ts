import {
  ValidationError,
  type ValidationIssue,
} from "../errors/validation-error.js";
import type { KeystoneTokenResponse } from "../schemas/identity.js";
import { keystoneTokenResponse as KeystoneTokenResponseSchema } from "../validation/keystone.js";
import { specRequests } from "../http/spec-request.js";
import type { paths as KeystonePaths } from "../generated/identity-keystone-v3.js";
import { catalogFromKeystoneV3 } from "./catalog.js";
import {
  AuthMethodBase,
  identityJson,
  nonEmpty,
  postIdentity,
  secretIssue,
  type AuthContext,
} from "./methods.js";
import { AccessToken, parseIdentityDate } from "./token.js";

/** What a Keystone v3 token is scoped to. Give at most one of project, domain, system. */
export interface KeystoneScopeOptions {
  /** Project scope, by id (enough on its own). */
  readonly projectId?: string | undefined;
  /** Project name; needs `projectDomainId` or `projectDomainName` (or a default domain). */
  readonly projectName?: string | undefined;
  /** Id of the domain of `projectName`. */
  readonly projectDomainId?: string | undefined;
  /** Name of the domain of `projectName`. */
  readonly projectDomainName?: string | undefined;
  /** Domain scope. */
  readonly domainId?: string | undefined;
  /** Domain scope, by name. */
  readonly domainName?: string | undefined;
  /** System scope (`{"system": {"all": true}}`). */
  readonly system?: boolean | undefined;
  /** Used for the user's and the project's domain when they are not given (openstacksdk's `default_domain`). */
  readonly defaultDomainId?: string | undefined;
  /** Like `defaultDomainId`, by name (openstacksdk's `default_domain` given as a name). */
  readonly defaultDomainName?: string | undefined;
}

/** A Keystone user: by id, or by name with its domain (or the default domain). */
export interface KeystoneUserOptions {
  /** The user's id (enough on its own). */
  readonly userId?: string | undefined;
  /** The user's name; needs `userDomainId` or `userDomainName` (or a default domain). */
  readonly username?: string | undefined;
  /** Id of the user's domain. */
  readonly userDomainId?: string | undefined;
  /** Name of the user's domain (e.g. `Default`). */
  readonly userDomainName?: string | undefined;
  /** Used for the user's domain when it is not given (openstacksdk's `default_domain`). */
  readonly defaultDomainId?: string | undefined;
  /** Used for the user's domain when it is not given. */
  readonly defaultDomainName?: string | undefined;
}

/** Keystone v3 password auth: user by id, or by name with its domain. */
export interface KeystonePasswordOptions extends KeystoneScopeOptions, KeystoneUserOptions {
  /** Keystone URL, with or without `/v3` (`https://keystone.example.com:5000/v3`). */
  readonly authUrl: string;
  /** The user's password. */
  readonly password: string;
}

/** Keystone v3 application credential auth: by id, or by name with its user. Application credentials are pre-scoped: no scope is sent. */
export interface KeystoneApplicationCredentialOptions extends KeystoneUserOptions {
  /** Keystone URL, with or without `/v3`. */
  readonly authUrl: string;
  /** The application credential's id (enough on its own). */
  readonly applicationCredentialId?: string | undefined;
  /** The application credential's name; needs its owner (the user options). */
  readonly applicationCredentialName?: string | undefined;
  /** The application credential's secret. */
  readonly applicationCredentialSecret: string;
}

/** Keystone v3 token auth: exchange an existing token for a new one, e.g. with another scope. */
export interface KeystoneTokenOptions extends KeystoneScopeOptions {
  /** Keystone URL, with or without `/v3`. */
  readonly authUrl: string;
  /** The existing token. */
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

function userIdentity(
  o: KeystoneUserOptions,
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

/** Requests of the Keystone v3 document, checked against the spec's paths, methods and statuses. */
const keystoneOp = specRequests<KeystonePaths>();

async function keystoneAuth(
  kind: string,
  authUrl: string,
  auth: Record<string, unknown>,
  context: AuthContext,
): Promise<AccessToken> {
  const { data, headers } = await postIdentity(context, {
    kind,
    authUrl,
    request: keystoneOp({ operation: "identity.authenticate", method: "post", path: "/v3/auth/tokens", params: {}, expect: [201], ...identityJson({ auth }) }),
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

/**
 * Base of the Keystone v3 auth methods: keeps the options privately, checks them when created
 * (so bad input fails before any request), and sends `POST /v3/auth/tokens`. Each method
 * supplies the `auth` object it sends.
 */
export abstract class KeystoneAuth<O extends { readonly authUrl: string }> extends AuthMethodBase {
  readonly authUrl: string;
  readonly #options: O;
  /** Operation name in validation errors, e.g. `keystonePassword`. */
  protected abstract readonly operation: string;

  constructor(options: O) {
    super();
    this.authUrl = options.authUrl;
    this.#options = { ...options };
  }

  /** The options as given (secrets included: never show them). */
  protected get options(): O {
    return this.#options;
  }

  /** Builds the `auth` object, recording problems in `issues`. */
  protected abstract buildAuth(options: O, issues: ValidationIssue[]): Record<string, unknown>;

  /** The `auth` object sent to `POST /v3/auth/tokens` (contains the secret). Throws `ValidationError` on bad options. */
  requestBody(): Record<string, unknown> {
    const issues: ValidationIssue[] = [];
    const auth = this.buildAuth(this.#options, issues);
    if (issues.length > 0) throw new ValidationError(this.operation, issues);
    return auth;
  }

  authenticate(context: AuthContext): Promise<AccessToken> {
    return keystoneAuth(this.kind, this.authUrl, this.requestBody(), context);
  }
}

/** Keystone v3 password authentication. Create with {@link keystonePassword}. */
export class KeystonePasswordAuth extends KeystoneAuth<KeystonePasswordOptions> {
  readonly kind = "keystone-v3 password";
  protected readonly operation = "keystonePassword";

  constructor(options: KeystonePasswordOptions) {
    super(options);
    this.requestBody(); // validates
  }

  protected buildAuth(o: KeystonePasswordOptions, issues: ValidationIssue[]): Record<string, unknown> {
    const user = userIdentity(o, issues);
    secretIssue(issues, "password", o.password);
    const scope = keystoneScope(o, issues);
    return {
      identity: { methods: ["password"], password: { user: { ...user, password: o.password } } },
      ...(scope ? { scope } : {}),
    };
  }

  protected describe(): Record<string, string | boolean | undefined> {
    const o = this.options;
    return {
      userId: nonEmpty(o.userId),
      username: nonEmpty(o.username),
      userDomain: nonEmpty(o.userDomainId) ?? nonEmpty(o.userDomainName),
      ...describeScope(o),
    };
  }
}

/** Keystone v3 application credential authentication. Create with {@link keystoneApplicationCredential}. */
export class KeystoneApplicationCredentialAuth extends KeystoneAuth<KeystoneApplicationCredentialOptions> {
  readonly kind = "keystone-v3 application credential";
  protected readonly operation = "keystoneApplicationCredential";

  constructor(options: KeystoneApplicationCredentialOptions) {
    super(options);
    this.requestBody(); // validates
  }

  /** Application credentials are pre-scoped: never a scope. */
  protected buildAuth(o: KeystoneApplicationCredentialOptions, issues: ValidationIssue[]): Record<string, unknown> {
    secretIssue(issues, "applicationCredentialSecret", o.applicationCredentialSecret);
    let credential: Record<string, unknown> = {};
    const id = nonEmpty(o.applicationCredentialId);
    const name = nonEmpty(o.applicationCredentialName);
    if (id) credential = { id };
    else if (name) credential = { name, user: userIdentity(o, issues) };
    else
      issues.push({
        path: ["applicationCredentialId"],
        message: "give applicationCredentialId, or applicationCredentialName with its user",
      });
    return {
      identity: {
        methods: ["application_credential"],
        application_credential: { ...credential, secret: o.applicationCredentialSecret },
      },
    };
  }

  protected describe(): Record<string, string | boolean | undefined> {
    const o = this.options;
    return {
      applicationCredentialId: nonEmpty(o.applicationCredentialId),
      applicationCredentialName: nonEmpty(o.applicationCredentialName),
      userId: nonEmpty(o.userId),
      username: nonEmpty(o.username),
    };
  }
}

/** Keystone v3 token authentication (re-scoping an existing token). Create with {@link keystoneToken}. */
export class KeystoneTokenAuth extends KeystoneAuth<KeystoneTokenOptions> {
  readonly kind = "keystone-v3 token";
  protected readonly operation = "keystoneToken";

  constructor(options: KeystoneTokenOptions) {
    super(options);
    this.requestBody(); // validates
  }

  protected buildAuth(o: KeystoneTokenOptions, issues: ValidationIssue[]): Record<string, unknown> {
    secretIssue(issues, "token", o.token);
    const scope = keystoneScope(o, issues);
    return { identity: { methods: ["token"], token: { id: o.token } }, ...(scope ? { scope } : {}) };
  }

  protected describe(): Record<string, string | boolean | undefined> {
    return describeScope(this.options);
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
