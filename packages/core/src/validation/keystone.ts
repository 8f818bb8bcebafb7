/**
 * Validator of Keystone v3's token body (`POST /v3/auth/tokens`), tied to the type generated
 * from `spec/identity-keystone-v3.yaml`. Only the fields the SDK uses are required; other keys
 * are allowed. The zod twin is in `../schemas/identity.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/identity-keystone-v3.js";
import { array, looseObject, nullable, optional, record, string, unknown } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Keystone = components["schemas"];

const optionalString = optional(string);
const namedRef = validatorFor<Keystone["NamedRef"]>()(looseObject({ id: string, name: optionalString }));
const domainScoped = validatorFor<Keystone["DomainScopedRef"]>()(looseObject({ id: string, name: optionalString, domain: optional(namedRef) }));
const endpoint = validatorFor<Keystone["CatalogEndpoint"]>()(
  looseObject({ id: optionalString, interface: string, region: optional(nullable(string)), region_id: optional(nullable(string)), url: string }),
);
const catalogEntry = validatorFor<Keystone["CatalogEntry"]>()(looseObject({ id: optionalString, type: string, name: optionalString, endpoints: array(endpoint) }));

/** Checks a Keystone v3 `TokenResponse` (the token itself is in `X-Subject-Token`). */
export const keystoneTokenResponse = validatorFor<Keystone["TokenResponse"]>()(
  looseObject({
    token: looseObject({
      methods: array(string),
      expires_at: string,
      issued_at: optionalString,
      user: domainScoped,
      project: optional(domainScoped),
      domain: optional(namedRef),
      system: optional(record(unknown)),
      roles: optional(array(namedRef)),
      catalog: optional(array(catalogEntry)),
      application_credential: optional(namedRef),
    }),
  }),
);
