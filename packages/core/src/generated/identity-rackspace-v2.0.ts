/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: spec/identity-rackspace-v2.0.yaml
 * Regenerate with `pnpm generate`; `pnpm generate:check` fails when this file is stale.
 */

export interface paths {
  "/v2.0/tokens": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Authenticate with an API key or a password
     * @description Issues a token for the user. Give `tenantId` or `tenantName` (not both) to ask for a
     *     token of that tenant; a tenant the user does not belong to is refused with 401.
     */
    post: operations["authenticate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2.0/tokens/{tokenId}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The token to validate. */
        tokenId: string;
      };
      cookie?: never;
    };
    /**
     * Validate a token
     * @description Answers with the token and its user (no service catalog) while the token is valid, and
     *     404 once it has expired or is unknown. Needs the token of a user allowed to validate
     *     tokens in `X-Auth-Token`.
     */
    get: operations["validateToken"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description The `RAX-KSKEY:apiKeyCredentials` extension. */
    ApiKeyCredentials: {
      username: string;
      /** Format: password */
      apiKey: string;
    };
    PasswordCredentials: {
      username: string;
      /** Format: password */
      password: string;
    };
    ApiKeyAuth: {
      "RAX-KSKEY:apiKeyCredentials": components["schemas"]["ApiKeyCredentials"];
      /** @description Ask for a token of this tenant (account number). */
      tenantId?: string;
      /** @description Ask for a token of the tenant of this name. */
      tenantName?: string;
    };
    PasswordAuth: {
      passwordCredentials: components["schemas"]["PasswordCredentials"];
      /** @description Ask for a token of this tenant (account number). */
      tenantId?: string;
      /** @description Ask for a token of the tenant of this name. */
      tenantName?: string;
    };
    AuthRequest: {
      auth:
        | components["schemas"]["ApiKeyAuth"]
        | components["schemas"]["PasswordAuth"];
    };
    /** @description The tenant (account) the token is scoped to. */
    Tenant: {
      /** @description The account number, e.g. `123456`. */
      id: string;
      name?: string;
    } & {
      [key: string]: unknown;
    };
    Token: {
      /** @description The token, sent as `X-Auth-Token` to every service. */
      id: string;
      /** @description Expiry, ISO 8601 with an offset, e.g. `2026-11-22T18:27:04.000Z` or `2026-11-22T12:27:04.000-06:00`. */
      expires: string;
      tenant?: components["schemas"]["Tenant"];
      /** @description How the user authenticated, e.g. `["APIKEY"]` or `["PASSWORD"]`. */
      "RAX-AUTH:authenticatedBy"?: string[];
    } & {
      [key: string]: unknown;
    };
    /**
     * @description One endpoint of a service. Global services (such as the first-generation
     *     `cloudServers`) have no `region`.
     */
    Endpoint: {
      /** @description Region id, e.g. `DFW`, `ORD`, `IAD`, `LON`, `SYD`, `HKG`. */
      region?: string;
      /** @description The tenant of the endpoint (`MossoCloudFS_…` for Cloud Files). */
      tenantId?: string;
      publicURL?: string;
      /** @description ServiceNet URL, for services that have one. */
      internalURL?: string;
      adminURL?: string;
      versionId?: string;
      versionInfo?: string;
      versionList?: string;
    } & {
      [key: string]: unknown;
    };
    CatalogEntry: {
      /** @description Service name, e.g. `cloudImages`, `cloudServersOpenStack`, `cloudFiles`. */
      name?: string;
      /** @description Service type, e.g. `image`, `compute`, `object-store`. */
      type: string;
      endpoints: components["schemas"]["Endpoint"][];
    } & {
      [key: string]: unknown;
    };
    Role: {
      id?: string;
      /** @description E.g. `identity:user-admin`, `compute:default`. */
      name: string;
      description?: string;
      /** @description Present on roles given on one tenant only. */
      tenantId?: string;
    } & {
      [key: string]: unknown;
    };
    User: {
      id: string;
      /** @description The user name. */
      name?: string;
      /** @description The region the user's services default to. */
      "RAX-AUTH:defaultRegion"?: string;
      roles?: components["schemas"]["Role"][];
    } & {
      [key: string]: unknown;
    };
    Access: {
      token: components["schemas"]["Token"];
      /** @description Absent from the answer of token validation. */
      serviceCatalog?: components["schemas"]["CatalogEntry"][];
      user: components["schemas"]["User"];
    } & {
      [key: string]: unknown;
    };
    AccessResponse: {
      access: components["schemas"]["Access"];
    } & {
      [key: string]: unknown;
    };
    /** @description The value of an error body's single key. */
    Fault: {
      /** @description The HTTP status. */
      code: number;
      message: string;
      details?: string;
    } & {
      [key: string]: unknown;
    };
    BadRequestError: {
      badRequest: components["schemas"]["Fault"];
    };
    UnauthorizedError: {
      unauthorized: components["schemas"]["Fault"];
    };
    UserDisabledError: {
      userDisabled: components["schemas"]["Fault"];
    };
    ForbiddenOnlyError: {
      forbidden: components["schemas"]["Fault"];
    };
    ForbiddenError:
      | components["schemas"]["UserDisabledError"]
      | components["schemas"]["ForbiddenOnlyError"];
    ItemNotFoundError: {
      itemNotFound: components["schemas"]["Fault"];
    };
    BadMethodError: {
      badMethod: components["schemas"]["Fault"];
    };
    OverLimitError: {
      overLimit: components["schemas"]["Fault"];
    };
    IdentityFaultError: {
      identityFault: components["schemas"]["Fault"];
    };
    ServiceUnavailableError: {
      serviceUnavailable: components["schemas"]["Fault"];
    };
  };
  responses: {
    /** @description The request body is not a valid authentication request. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["BadRequestError"];
      };
    };
    /** @description Wrong credentials, an unknown or expired token, or a tenant the user is not in. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["UnauthorizedError"];
      };
    };
    /** @description The user is disabled (`userDisabled`) or not allowed to do this (`forbidden`). */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ForbiddenError"];
      };
    };
    /** @description The token is not valid (expired, revoked, unknown, or of another tenant). */
    ItemNotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ItemNotFoundError"];
      };
    };
    /** @description The method is not supported on this path. */
    BadMethod: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["BadMethodError"];
      };
    };
    /** @description Too many requests; retry later. */
    OverLimit: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["OverLimitError"];
      };
    };
    /** @description An internal error of the identity service. */
    IdentityFault: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["IdentityFaultError"];
      };
    };
    /** @description The identity service is unavailable; retry later. */
    ServiceUnavailable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ServiceUnavailableError"];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  authenticate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["AuthRequest"];
      };
    };
    responses: {
      /** @description The token, the service catalog and the user. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AccessResponse"];
        };
      };
      /** @description The same document, from a cache. */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AccessResponse"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      405: components["responses"]["BadMethod"];
      413: components["responses"]["OverLimit"];
      500: components["responses"]["IdentityFault"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  validateToken: {
    parameters: {
      query?: {
        /** @description Also check that the token is scoped to this tenant (404 otherwise). */
        belongsTo?: string;
      };
      header?: never;
      path: {
        /** @description The token to validate. */
        tokenId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The token is valid. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AccessResponse"];
        };
      };
      /** @description The token is valid (answer from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AccessResponse"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["ItemNotFound"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
}
