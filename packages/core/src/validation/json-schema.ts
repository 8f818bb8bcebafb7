/**
 * Validator of the JSON Schema documents Glance serves under `/v2/schemas/...`, tied to the
 * type generated from `spec/image-v2.yaml`. The zod twin is in `../schemas/image-v2.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/image-v2.js";
import { array, boolean, looseObject, optional, record, string, union, unknown } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

/** Checks a `JsonSchemaDocument` served under `/v2/schemas/...`. */
export const jsonSchemaDocument = validatorFor<Schemas["JsonSchemaDocument"]>()(
  looseObject({
    name: string,
    properties: record(unknown),
    links: optional(array(record(unknown))),
    additionalProperties: optional(union(boolean, record(unknown))),
    required: optional(array(string)),
  }),
);
