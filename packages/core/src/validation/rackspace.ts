/**
 * Validator of Rackspace Cloud Identity v2.0's access document (`POST /v2.0/tokens`,
 * `GET /v2.0/tokens/{tokenId}`), tied to the type generated from
 * `spec/identity-rackspace-v2.0.yaml`. Only the members the SDK relies on are required; other
 * keys are allowed. The zod twin is in `../schemas/identity-rackspace.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/identity-rackspace-v2.0.js";
import { array, looseObject, optional, string } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Rackspace = components["schemas"];

const optionalString = optional(string);
const tenant = validatorFor<Rackspace["Tenant"]>()(looseObject({ id: string, name: optionalString }));
const token = validatorFor<Rackspace["Token"]>()(
  looseObject({ id: string, expires: string, tenant: optional(tenant), "RAX-AUTH:authenticatedBy": optional(array(string)) }),
);
const endpoint = validatorFor<Rackspace["Endpoint"]>()(
  looseObject({
    region: optionalString,
    tenantId: optionalString,
    publicURL: optionalString,
    internalURL: optionalString,
    adminURL: optionalString,
    versionId: optionalString,
    versionInfo: optionalString,
    versionList: optionalString,
  }),
);
const catalogEntry = validatorFor<Rackspace["CatalogEntry"]>()(looseObject({ name: optionalString, type: string, endpoints: array(endpoint) }));
const role = validatorFor<Rackspace["Role"]>()(looseObject({ id: optionalString, name: string, description: optionalString, tenantId: optionalString }));
const user = validatorFor<Rackspace["User"]>()(
  looseObject({ id: string, name: optionalString, "RAX-AUTH:defaultRegion": optionalString, roles: optional(array(role)) }),
);

/** Checks a Rackspace `AccessResponse` (authentication and validation answers). */
export const rackspaceAccessResponse = validatorFor<Rackspace["AccessResponse"]>()(
  looseObject({
    access: validatorFor<Rackspace["Access"]>()(looseObject({ token, serviceCatalog: optional(array(catalogEntry)), user })),
  }),
);
