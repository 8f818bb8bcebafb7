/**
 * Run-time validators (zod/mini) for Rackspace Cloud Identity v2.0 (`POST /v2.0/tokens`,
 * `GET /v2.0/tokens/{tokenId}`), tied by {@link schemaFor} to the types generated from
 * `spec/identity-rackspace-v2.0.yaml`: the typecheck fails when the two differ.
 *
 * Only the members the SDK relies on are required; unknown keys are kept (`looseObject`)
 * wherever the document allows them.
 *
 * @packageDocumentation
 */
import { z } from "zod/mini";
import type { components } from "../generated/identity-rackspace-v2.0.js";
import { schemaFor } from "./type-equality.js";

type Rackspace = components["schemas"];

/** `RAX-KSKEY:apiKeyCredentials`: user name and API key. */
export type RackspaceApiKeyCredentials = Rackspace["ApiKeyCredentials"];
/** `passwordCredentials`: user name and password. */
export type RackspacePasswordCredentials = Rackspace["PasswordCredentials"];
/** Body of `POST /v2.0/tokens`. */
export type RackspaceAuthRequest = Rackspace["AuthRequest"];
/** The tenant (account) a token is scoped to. */
export type RackspaceTenant = Rackspace["Tenant"];
/** The token of an access document. */
export type RackspaceToken = Rackspace["Token"];
/** One endpoint of a catalog entry. */
export type RackspaceEndpoint = Rackspace["Endpoint"];
/** One service of the catalog. */
export type RackspaceCatalogEntry = Rackspace["CatalogEntry"];
/** A role of the user. */
export type RackspaceRole = Rackspace["Role"];
/** The user of an access document. */
export type RackspaceUser = Rackspace["User"];
/** A Rackspace identity v2.0 access document (answer of authentication and validation). */
export type RackspaceAccessResponse = Rackspace["AccessResponse"];
/** The value of an identity error body's single key. */
export type RackspaceIdentityFault = Rackspace["Fault"];

const ApiKeyCredentialsSchema = schemaFor<RackspaceApiKeyCredentials>()(
  z.object({ username: z.string(), apiKey: z.string() }),
);
const PasswordCredentialsSchema = schemaFor<RackspacePasswordCredentials>()(
  z.object({ username: z.string(), password: z.string() }),
);
const TenantScope = {
  tenantId: z.optional(z.string()),
  tenantName: z.optional(z.string()),
};

/** Validates a {@link RackspaceAuthRequest} (API key or password credentials). */
export const RackspaceAuthRequestSchema = schemaFor<RackspaceAuthRequest>()(
  z.object({
    auth: z.union([
      schemaFor<Rackspace["ApiKeyAuth"]>()(
        z.object({
          "RAX-KSKEY:apiKeyCredentials": ApiKeyCredentialsSchema,
          ...TenantScope,
        }),
      ),
      schemaFor<Rackspace["PasswordAuth"]>()(
        z.object({
          passwordCredentials: PasswordCredentialsSchema,
          ...TenantScope,
        }),
      ),
    ]),
  }),
);

/** Validates a {@link RackspaceTenant}. */
export const RackspaceTenantSchema = schemaFor<RackspaceTenant>()(
  z.looseObject({ id: z.string(), name: z.optional(z.string()) }),
);

/** Validates a {@link RackspaceToken}. */
export const RackspaceTokenSchema = schemaFor<RackspaceToken>()(
  z.looseObject({
    id: z.string(),
    expires: z.string(),
    tenant: z.optional(RackspaceTenantSchema),
    "RAX-AUTH:authenticatedBy": z.optional(z.array(z.string())),
  }),
);

/** One endpoint of a v2.0 (Rackspace) catalog entry; `region` is absent for global services. */
export const RackspaceEndpointSchema = schemaFor<RackspaceEndpoint>()(
  z.looseObject({
    region: z.optional(z.string()),
    tenantId: z.optional(z.string()),
    publicURL: z.optional(z.string()),
    internalURL: z.optional(z.string()),
    adminURL: z.optional(z.string()),
    versionId: z.optional(z.string()),
    versionInfo: z.optional(z.string()),
    versionList: z.optional(z.string()),
  }),
);

/** Validates a {@link RackspaceCatalogEntry}. */
export const RackspaceCatalogEntrySchema = schemaFor<RackspaceCatalogEntry>()(
  z.looseObject({
    name: z.optional(z.string()),
    type: z.string(),
    endpoints: z.array(RackspaceEndpointSchema),
  }),
);

/** Validates a {@link RackspaceRole}. */
export const RackspaceRoleSchema = schemaFor<RackspaceRole>()(
  z.looseObject({
    id: z.optional(z.string()),
    name: z.string(),
    description: z.optional(z.string()),
    tenantId: z.optional(z.string()),
  }),
);

/** Validates a {@link RackspaceUser}. */
export const RackspaceUserSchema = schemaFor<RackspaceUser>()(
  z.looseObject({
    id: z.string(),
    name: z.optional(z.string()),
    "RAX-AUTH:defaultRegion": z.optional(z.string()),
    roles: z.optional(z.array(RackspaceRoleSchema)),
  }),
);

/** Body of `POST /v2.0/tokens` (200/203) and `GET /v2.0/tokens/{tokenId}` (no `serviceCatalog`). */
export const RackspaceAccessResponseSchema =
  schemaFor<RackspaceAccessResponse>()(
    z.looseObject({
      access: schemaFor<Rackspace["Access"]>()(
        z.looseObject({
          token: RackspaceTokenSchema,
          serviceCatalog: z.optional(z.array(RackspaceCatalogEntrySchema)),
          user: RackspaceUserSchema,
        }),
      ),
    }),
  );

/** Validates a {@link RackspaceIdentityFault}. */
export const RackspaceIdentityFaultSchema = schemaFor<RackspaceIdentityFault>()(
  z.looseObject({
    code: z.int(),
    message: z.string(),
    details: z.optional(z.string()),
  }),
);

const F = RackspaceIdentityFaultSchema;

/** Rackspace identity error bodies: one key naming the fault, by HTTP status. */
export const RackspaceIdentityErrorSchemas = {
  400: schemaFor<Rackspace["BadRequestError"]>()(z.object({ badRequest: F })),
  401: schemaFor<Rackspace["UnauthorizedError"]>()(
    z.object({ unauthorized: F }),
  ),
  403: schemaFor<Rackspace["ForbiddenError"]>()(
    z.union([
      schemaFor<Rackspace["UserDisabledError"]>()(
        z.object({ userDisabled: F }),
      ),
      schemaFor<Rackspace["ForbiddenOnlyError"]>()(z.object({ forbidden: F })),
    ]),
  ),
  404: schemaFor<Rackspace["ItemNotFoundError"]>()(
    z.object({ itemNotFound: F }),
  ),
  405: schemaFor<Rackspace["BadMethodError"]>()(z.object({ badMethod: F })),
  413: schemaFor<Rackspace["OverLimitError"]>()(z.object({ overLimit: F })),
  500: schemaFor<Rackspace["IdentityFaultError"]>()(
    z.object({ identityFault: F }),
  ),
  503: schemaFor<Rackspace["ServiceUnavailableError"]>()(
    z.object({ serviceUnavailable: F }),
  ),
} as const;

/** Any Rackspace identity error body. */
export const RackspaceIdentityErrorSchema = z.union([
  RackspaceIdentityErrorSchemas[400],
  RackspaceIdentityErrorSchemas[401],
  RackspaceIdentityErrorSchemas[403],
  RackspaceIdentityErrorSchemas[404],
  RackspaceIdentityErrorSchemas[405],
  RackspaceIdentityErrorSchemas[413],
  RackspaceIdentityErrorSchemas[500],
  RackspaceIdentityErrorSchemas[503],
]);
