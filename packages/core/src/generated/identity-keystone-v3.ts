/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: spec/identity-keystone-v3.yaml
 * Regenerate with `pnpm generate`; `pnpm generate:check` fails when this file is stale.
 */

export interface paths {
  "/v3": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the v3 version document */
    get: operations["getIdentityVersion"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v3/auth/tokens": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Validate and show a token */
    get: operations["validateToken"];
    put?: never;
    /**
     * Issue a token
     * @description Authenticates with a password, an application credential or an existing token and
     *     answers 201 with the new token in `X-Subject-Token`. Add `?nocatalog` to leave the
     *     catalog out.
     */
    post: operations["issueToken"];
    /** Revoke a token */
    delete: operations["revokeToken"];
    options?: never;
    /** Check a token */
    head: operations["checkToken"];
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    VersionDocument: {
      version: {
        /** @description E.g. `v3.14`. */
        id: string;
        status: string;
        updated?: string;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    ErrorResponse: {
      error: {
        code: number;
        message: string;
        title?: string;
      };
    };
    /** @description A domain, by id or by name. */
    DomainRef: {
      id?: string;
      name?: string;
    };
    /** @description A user, by id, or by name with its domain. */
    UserRef: {
      id?: string;
      name?: string;
      domain?: components["schemas"]["DomainRef"];
    };
    PasswordUser: components["schemas"]["UserRef"] & {
      /** Format: password */
      password: string;
    };
    AuthIdentity: {
      /** @description One of `password`, `application_credential`, `token`. */
      methods: ("password" | "application_credential" | "token")[];
      password?: {
        user: components["schemas"]["PasswordUser"];
      };
      /** @description By `id`, or by `name` with its `user`; always with the `secret`. */
      application_credential?: {
        id?: string;
        name?: string;
        user?: components["schemas"]["UserRef"];
        /** Format: password */
        secret: string;
      };
      token?: {
        /** Format: password */
        id: string;
      };
    };
    /** @description One of project (by id, or by name with its domain), domain, or system. Never with application credentials. */
    AuthScope: {
      project?: {
        id?: string;
        name?: string;
        domain?: components["schemas"]["DomainRef"];
      };
      domain?: components["schemas"]["DomainRef"];
      system?: {
        all?: boolean;
      };
    };
    AuthRequest: {
      auth: {
        identity: components["schemas"]["AuthIdentity"];
        scope?: components["schemas"]["AuthScope"];
      };
    };
    NamedRef: {
      id: string;
      name?: string;
    } & {
      [key: string]: unknown;
    };
    DomainScopedRef: {
      id: string;
      name?: string;
      domain?: components["schemas"]["NamedRef"];
    } & {
      [key: string]: unknown;
    };
    CatalogEndpoint: {
      id?: string;
      /** @description `public`, `internal` or `admin`. */
      interface: string;
      region?: string | null;
      region_id?: string | null;
      /** @description The endpoint URL, with or without a version suffix. */
      url: string;
    } & {
      [key: string]: unknown;
    };
    CatalogEntry: {
      id?: string;
      /** @description Service type, e.g. `image`, `compute`, `identity`. */
      type: string;
      /** @description Service name, e.g. `glance`. */
      name?: string;
      endpoints: components["schemas"]["CatalogEndpoint"][];
    } & {
      [key: string]: unknown;
    };
    Token: {
      methods: string[];
      /** @description ISO 8601 with microseconds, e.g. `2026-11-22T18:27:04.000000Z`. */
      expires_at: string;
      issued_at?: string;
      user: components["schemas"]["DomainScopedRef"];
      project?: components["schemas"]["DomainScopedRef"];
      domain?: components["schemas"]["NamedRef"];
      system?: {
        [key: string]: unknown;
      };
      roles?: components["schemas"]["NamedRef"][];
      catalog?: components["schemas"]["CatalogEntry"][];
      application_credential?: components["schemas"]["NamedRef"];
    } & {
      [key: string]: unknown;
    };
    TokenResponse: {
      token: components["schemas"]["Token"];
    } & {
      [key: string]: unknown;
    };
  };
  responses: {
    /** @description An error, as Keystone describes it. */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
  };
  parameters: {
    /** @description The token to validate, check or revoke. */
    SubjectToken: string;
  };
  requestBodies: never;
  headers: {
    /** @description The token (a Fernet token is about 180–250 characters). */
    SubjectToken: string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getIdentityVersion: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The version document. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["VersionDocument"];
        };
      };
      /** @description Not a Keystone v3 endpoint (Keystone answers v2.0 paths with an HTML 404). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  validateToken: {
    parameters: {
      query?: never;
      header: {
        /** @description The token to validate, check or revoke. */
        "X-Subject-Token": components["parameters"]["SubjectToken"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The token is valid. */
      200: {
        headers: {
          "X-Subject-Token": components["headers"]["SubjectToken"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TokenResponse"];
        };
      };
      401: components["responses"]["Error"];
      404: components["responses"]["Error"];
    };
  };
  issueToken: {
    parameters: {
      query?: {
        /** @description Leave the service catalog out of the answer. */
        nocatalog?: string;
      };
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
      /** @description The token was issued. */
      201: {
        headers: {
          "X-Subject-Token": components["headers"]["SubjectToken"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TokenResponse"];
        };
      };
      400: components["responses"]["Error"];
      401: components["responses"]["Error"];
      403: components["responses"]["Error"];
      404: components["responses"]["Error"];
    };
  };
  revokeToken: {
    parameters: {
      query?: never;
      header: {
        /** @description The token to validate, check or revoke. */
        "X-Subject-Token": components["parameters"]["SubjectToken"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The token is revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components["responses"]["Error"];
      404: components["responses"]["Error"];
    };
  };
  checkToken: {
    parameters: {
      query?: never;
      header: {
        /** @description The token to validate, check or revoke. */
        "X-Subject-Token": components["parameters"]["SubjectToken"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The token is valid. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The caller's own token is not valid. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The subject token is not valid (expired, revoked or unknown). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
