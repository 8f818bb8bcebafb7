/**
 * Validator of the versions document of the Image API (`GET /`), tied to the type generated
 * from `spec/image-v2.yaml`. The zod twin is in `../schemas/image-v2.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/image-v2.js";
import { array, object, oneOf, string } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

/** Checks the `VersionsDocument` of `GET /`. */
export const versionsDocument = validatorFor<Schemas["VersionsDocument"]>()(
  object({
    versions: array(
      object({ id: string, status: oneOf(["CURRENT", "SUPPORTED", "DEPRECATED", "EXPERIMENTAL"]), links: array(object({ rel: string, href: string })) }),
    ),
  }),
);
