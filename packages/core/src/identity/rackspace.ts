import {
  ValidationError,
  type ValidationIssue,
} from "../errors/validation-error.js";
import type { RackspaceAccessResponse } from "../schemas/identity-rackspace.js";
import { rackspaceAccessResponse as RackspaceAccessResponseSchema } from "../validation/rackspace.js";
import { specRequests } from "../http/spec-request.js";
import type { paths as RackspaceIdentityPaths } from "../generated/identity-rackspace-v2.0.js";
import { catalogFromV2 } from "./catalog.js";
import {
  AuthMethodBase,
  identityJson,
  nonEmpty,
  postIdentity,
  secretIssue,
  type AuthContext,
} from "./methods.js";
import { AccessToken, parseIdentityDate } from "./token.js";

/** Requests of the Rackspace identity v2.0 document, checked against the spec's paths, methods and statuses. */
const rackspaceIdentityOp = specRequests<RackspaceIdentityPaths>();

/** Rackspace Cloud identity v2.0, US (and global) accounts. */
export const RACKSPACE_IDENTITY_US =
  "https://identity.api.rackspacecloud.com/v2.0";
/** Rackspace Cloud identity v2.0 endpoint of UK accounts. */
export const RACKSPACE_IDENTITY_UK =
  "https://lon.identity.api.rackspacecloud.com/v2.0";
/** Rackspace public cloud regions. */
export const RACKSPACE_REGIONS = [
  "DFW",
  "ORD",
  "IAD",
  "LON",
  "SYD",
  "HKG",
] as const;
/** One of {@link RACKSPACE_REGIONS}. */
export type RackspaceRegion = (typeof RACKSPACE_REGIONS)[number];
/** Service name of Rackspace Cloud Images in the catalog (type `image`). */
export const RACKSPACE_IMAGE_SERVICE = "cloudImages";

/** Options common to both Rackspace flows. */
export interface RackspaceCommonOptions {
  /** Identity endpoint; default {@link RACKSPACE_IDENTITY_US} (UK accounts: {@link RACKSPACE_IDENTITY_UK}). */
  readonly authUrl?: string | undefined;
  /** The Rackspace user name. */
  readonly username: string;
  /** Ask for a token of this tenant (account number). */
  readonly tenantId?: string | undefined;
  /** Ask for a token of this tenant, by name. */
  readonly tenantName?: string | undefined;
}

/** Rackspace `RAX-KSKEY:apiKeyCredentials`: username and API key. */
export interface RackspaceApiKeyOptions extends RackspaceCommonOptions {
  /** The user's API key. */
  readonly apiKey: string;
}

/** Rackspace `passwordCredentials`: username and password. */
export interface RackspacePasswordOptions extends RackspaceCommonOptions {
  /** The user's password. */
  readonly password: string;
}

/** Turns a Rackspace access document into an {@link AccessToken} (catalog, expiry, default region). */
export function rackspaceAccessToken(
  body: RackspaceAccessResponse,
): AccessToken {
  const a = body.access;
  return new AccessToken(a.token.id, {
    expiresAt: parseIdentityDate(a.token.expires),
    catalog: catalogFromV2(a.serviceCatalog),
    userId: a.user.id,
    userName: a.user.name,
    projectId: a.token.tenant?.id,
    projectName: a.token.tenant?.name,
    roles: a.user.roles?.map((r) => r.name),
    methods: a.token["RAX-AUTH:authenticatedBy"],
    defaultRegion: a.user["RAX-AUTH:defaultRegion"],
  });
}

/** Base of the Rackspace identity v2.0 auth methods (API key, password): one `POST /v2.0/tokens`. */
export abstract class RackspaceAuth extends AuthMethodBase {
  readonly authUrl: string;
  /** The options shared by both methods (user name, tenant, identity endpoint). */
  protected readonly common: RackspaceCommonOptions;

  constructor(options: RackspaceCommonOptions) {
    super();
    this.authUrl = nonEmpty(options.authUrl) ?? RACKSPACE_IDENTITY_US;
    this.common = {
      username: options.username,
      tenantId: options.tenantId,
      tenantName: options.tenantName,
    };
  }

  /** The credentials object of the request body; adds what is wrong with them to `issues`. */
  protected abstract credentials(
    issues: ValidationIssue[],
  ): Record<string, unknown>;

  /** The body sent to `POST /v2.0/tokens` (contains the secret). */
  requestBody(): Record<string, unknown> {
    const issues: ValidationIssue[] = [];
    if (typeof this.common.username !== "string" || this.common.username === "")
      issues.push({ path: ["username"], message: "is required" });
    const credentials = this.credentials(issues);
    if (issues.length > 0) throw new ValidationError(this.kind, issues);
    const tenantId = nonEmpty(this.common.tenantId);
    const tenantName = nonEmpty(this.common.tenantName);
    return {
      auth: {
        ...credentials,
        ...(tenantId ? { tenantId } : {}),
        ...(tenantName ? { tenantName } : {}),
      },
    };
  }

  async authenticate(context: AuthContext): Promise<AccessToken> {
    const { data } = await postIdentity(context, {
      kind: this.kind,
      authUrl: this.authUrl,
      request: rackspaceIdentityOp({ operation: "identity.authenticate", method: "post", path: "/v2.0/tokens", params: {}, expect: [200, 203], ...identityJson(this.requestBody()) }),
      schema: RackspaceAccessResponseSchema,
    });
    return rackspaceAccessToken(data);
  }

  protected describe(): Record<string, string | boolean | undefined> {
    return {
      username: this.common.username,
      tenantId: nonEmpty(this.common.tenantId),
      tenantName: nonEmpty(this.common.tenantName),
    };
  }
}

/** Rackspace API key authentication. Create with {@link rackspaceApiKey}. */
export class RackspaceApiKeyAuth extends RackspaceAuth {
  readonly kind = "rackspace api-key";
  readonly #apiKey: string;

  constructor(options: RackspaceApiKeyOptions) {
    super(options);
    this.#apiKey = options.apiKey;
    this.requestBody();
  }

  protected credentials(issues: ValidationIssue[]): Record<string, unknown> {
    secretIssue(issues, "apiKey", this.#apiKey);
    return {
      "RAX-KSKEY:apiKeyCredentials": {
        username: this.common.username,
        apiKey: this.#apiKey,
      },
    };
  }
}

/** Rackspace password authentication. Create with {@link rackspacePassword}. */
export class RackspacePasswordAuth extends RackspaceAuth {
  readonly kind = "rackspace password";
  readonly #password: string;

  constructor(options: RackspacePasswordOptions) {
    super(options);
    this.#password = options.password;
    this.requestBody();
  }

  protected credentials(issues: ValidationIssue[]): Record<string, unknown> {
    secretIssue(issues, "password", this.#password);
    return {
      passwordCredentials: {
        username: this.common.username,
        password: this.#password,
      },
    };
  }
}

/** Rackspace identity v2.0 with username and API key (`RAX-KSKEY:apiKeyCredentials`). */
export function rackspaceApiKey(
  options: RackspaceApiKeyOptions,
): RackspaceApiKeyAuth {
  return new RackspaceApiKeyAuth(options);
}

/** Rackspace identity v2.0 with username and password (`passwordCredentials`). */
export function rackspacePassword(
  options: RackspacePasswordOptions,
): RackspacePasswordAuth {
  return new RackspacePasswordAuth(options);
}
