/**
 * Run-time validators (zod 4) for Keystone v3's token (`POST /v3/auth/tokens`, described in
 * `spec/identity-keystone-v3.yaml`). Only the fields the SDK uses are required; unknown keys are
 * kept (`looseObject`). Rackspace's identity v2.0 `access` document is validated by
 * `./identity-rackspace.ts`.
 *
 * @packageDocumentation
 */
import { z } from "zod";
import type { components } from "../generated/identity-keystone-v3.js";
import { schemaFor } from "./type-equality.js";

type Keystone = components["schemas"];

/** An `{id, name}` reference (domains, roles). */
const NamedRef = schemaFor<Keystone["NamedRef"]>()(
  z.looseObject({ id: z.string(), name: z.string().optional() }),
);
/** An `{id, name, domain}` reference (users, projects). */
const DomainScoped = schemaFor<Keystone["DomainScopedRef"]>()(
  z.looseObject({
    id: z.string(),
    name: z.string().optional(),
    domain: NamedRef.optional(),
  }),
);

/** One endpoint of a Keystone v3 catalog entry. */
export const KeystoneEndpointSchema = schemaFor<Keystone["CatalogEndpoint"]>()(
  z.looseObject({
    id: z.string().optional(),
    interface: z.string(),
    region: z.string().nullable().optional(),
    region_id: z.string().nullable().optional(),
    url: z.string(),
  }),
);

/** One service of a Keystone v3 catalog. */
export const KeystoneCatalogEntrySchema = schemaFor<Keystone["CatalogEntry"]>()(
  z.looseObject({
    id: z.string().optional(),
    type: z.string(),
    name: z.string().optional(),
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
      issued_at: z.string().optional(),
      user: DomainScoped,
      project: DomainScoped.optional(),
      domain: NamedRef.optional(),
      system: z.record(z.string(), z.unknown()).optional(),
      roles: z.array(NamedRef).optional(),
      catalog: z.array(KeystoneCatalogEntrySchema).optional(),
      application_credential: NamedRef.optional(),
    }),
  }),
);
/** A Keystone v3 token body. */
export type KeystoneTokenResponse = z.infer<typeof KeystoneTokenResponseSchema>;
