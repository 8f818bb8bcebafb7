/**
 * Validators of the discovery documents of the Image API v2 (`/v2/info/*`: import
 * methods, stores, usage), tied to the types generated from `spec/image-v2.yaml`. The zod twins are
 * in `../schemas/image-v2.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/image-v2.js";
import { array, boolean, int, looseObject, object, optional, record, string, union, unknown } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

const optionalString = optional(string);
const storeFlag = optional(union(boolean, string));

/** Checks the `ImportInfo` of `GET /v2/info/import`. */
export const importInfo = validatorFor<Schemas["ImportInfo"]>()(
  looseObject({ "import-methods": object({ description: optionalString, type: optionalString, value: array(string) }) }),
);

/** Checks the `StoresInfo` of `GET /v2/info/stores`. */
export const storesInfo = validatorFor<Schemas["StoresInfo"]>()(
  object({ stores: array(looseObject({ id: string, description: optionalString, default: storeFlag, "read-only": storeFlag })) }),
);

/** Checks the `StoresDetailInfo` of `GET /v2/info/stores/detail`. */
export const storesDetailInfo = validatorFor<Schemas["StoresDetailInfo"]>()(
  object({
    stores: array(
      looseObject({
        id: string,
        description: optionalString,
        default: storeFlag,
        "read-only": storeFlag,
        type: optionalString,
        weight: optional(int),
        properties: optional(record(unknown)),
      }),
    ),
  }),
);

/** Checks the `UsageInfo` of `GET /v2/info/usage`. */
export const usageInfo = validatorFor<Schemas["UsageInfo"]>()(object({ usage: record(object({ limit: int, usage: int })) }));
