/**
 * Compile-time helpers that tie run-time checks to the TypeScript types generated from the
 * OpenAPI documents, so that the two cannot drift apart silently: when the spec changes (and
 * `pnpm generate` is run) but a zod schema (`schemaFor`, here) or an SDK validator
 * (`validatorFor`, `../validation/validator-for.ts`) does not, the typecheck fails.
 *
 * @packageDocumentation
 */
import type { z } from "zod/mini";

export type { Equals, Normalize, SameShape, Expect } from "../validation/same-shape.js";
import type { SameShape } from "../validation/same-shape.js";

/**
 * Declares a zod schema (zod/mini or classic zod) that must validate exactly the type `T`
 * (usually a `components["schemas"][...]` type generated from the OpenAPI document).
 *
 * Returns the schema unchanged at run time. At compile time the call fails (the argument is
 * not assignable to `never`) when the schema's output type differs from `T` in any field,
 * in optionality, in nullability or in the presence of an open index signature.
 *
 * @example
 * ```ts
 * import { z } from "zod/mini";
 * import type { components } from "../generated/image-v2.js";
 * import { LinkSchema } from "./image-v2.js";
 * import { schemaFor } from "./type-equality.js";
 *
 * // Dropping `links` or adding a status the spec does not list fails the typecheck.
 * const VersionSchema = schemaFor<components["schemas"]["Version"]>()(
 *   z.object({ id: z.string(), status: z.enum(["CURRENT", "SUPPORTED", "DEPRECATED", "EXPERIMENTAL"]), links: z.array(LinkSchema) }),
 * );
 * VersionSchema.parse({ id: "v2.16", status: "CURRENT", links: [] });
 * ```
 */
export function schemaFor<T>() {
  return <S extends z.core.$ZodType>(
    schema: S & (SameShape<z.output<S>, T> extends true ? unknown : never),
  ): S => schema;
}
