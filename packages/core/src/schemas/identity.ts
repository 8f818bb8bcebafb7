/**
 * Run-time validators (zod/mini) for Keystone v3's token (`POST /v3/auth/tokens`, described in
 * `spec/identity-keystone-v3.yaml`). Only the fields the SDK uses are required; unknown keys are
 * kept (`looseObject`). Rackspace's identity v2.0 `access` document is validated by
 * `./identity-rackspace.ts`.
 *
 * @packageDocumentation
 */
import { z } from "zod/mini";
import type { components } from "../generated/identity-keystone-v3.js";
import { schemaFor } from "./type-equality.js";

type Keystone = components["schemas"];

/** An `{id, name}` reference (domains, roles). */
const NamedRef = schemaFor<Keystone["NamedRef"]>()(
  z.looseObject({ id: z.string(), name: z.optional(z.string()) }),
);
/** An `{id, name, domain}` reference (users, projects). */
const DomainScoped = schemaFor<Keystone["DomainScopedRef"]>()(
  z.looseObject({
    id: z.string(),
    name: z.optional(z.string()),
    domain: z.optional(NamedRef),
  }),
);

/** One endpoint of a Keystone v3 catalog entry. */
export const KeystoneEndpointSchema = schemaFor<Keystone["CatalogEndpoint"]>()(
  z.looseObject({
    id: z.optional(z.string()),
    interface: z.string(),
    region: z.optional(z.nullable(z.string())),
    region_id: z.optional(z.nullable(z.string())),
    url: z.string(),
  }),
);

/** One service of a Keystone v3 catalog. */
export const KeystoneCatalogEntrySchema = schemaFor<Keystone["CatalogEntry"]>()(
  z.looseObject({
    id: z.optional(z.string()),
    type: z.string(),
    name: z.optional(z.string()),
    endpoints: z.array(KeystoneEndpointSchema),
  }),
);

/** Body of `POST /v3/auth/tokens` (201) and `GET /v3/auth/tokens` (200). The token itself is in `X-Subject-Token`. */
export const KeystoneTokenResponseSchema = schemaFor<
  Keystone["TokenResponse"]
>()(
  z.looseObject({
    token: z.looseObject({
      methods: z.array(z.string()),
      expires_at: z.string(),
      issued_at: z.optional(z.string()),
      user: DomainScoped,
      project: z.optional(DomainScoped),
      domain: z.optional(NamedRef),
      system: z.optional(z.record(z.string(), z.unknown())),
      roles: z.optional(z.array(NamedRef)),
      catalog: z.optional(z.array(KeystoneCatalogEntrySchema)),
      application_credential: z.optional(NamedRef),
    }),
  }),
);
/** A Keystone v3 token body. */
export type KeystoneTokenResponse = Keystone["TokenResponse"];
