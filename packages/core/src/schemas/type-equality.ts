/**
 * Compile-time helpers that tie run-time zod schemas to the TypeScript types generated from
 * the OpenAPI documents, so that the two cannot drift apart silently: when the spec changes
 * (and `pnpm generate` is run) but the zod schema does not, the typecheck fails.
 *
 * @packageDocumentation
 */
import type { z } from "zod";

/**
 * `true` when `A` and `B` are the same type (strict identity, as the compiler sees it),
 * `false` otherwise. Optional versus required keys, `readonly`, and `null` all count.
 */
export type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * Rewrites a type into one canonical shape, so that two types describing the same JSON
 * compare equal with {@link Equals}: intersections such as `{ a: string } & { [k: string]: unknown }`
 * (openapi-typescript) and zod's flattened objects both become one mapped object type,
 * recursively, through arrays too. Key optionality and index signatures are kept.
 */
export type Normalize<T> = T extends readonly (infer U)[]
  ? Normalize<U>[]
  : T extends object
    ? { [K in keyof T]: Normalize<T[K]> }
    : T;

/** `true` when the two types describe exactly the same JSON shape (see {@link Normalize}). */
export type SameShape<A, B> = Equals<Normalize<A>, Normalize<B>>;

/**
 * Compile-time assertion: only `true` is accepted. Use as
 * `type _ = Expect<SameShape<z.infer<typeof Schema>, Generated>>`.
 */
export type Expect<T extends true> = T;

/**
 * Declares a zod schema that must validate exactly the type `T` (usually a
 * `components["schemas"][...]` type generated from the OpenAPI document).
 *
 * Returns the schema unchanged at run time. At compile time the call fails (the argument is
 * not assignable to `never`) when the schema's output type differs from `T` in any field,
 * in optionality, in nullability or in the presence of an open index signature.
 *
 * @example
 * ```ts
 * import { z } from "zod";
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
  return <S extends z.ZodType>(
    schema: S & (SameShape<z.output<S>, T> extends true ? unknown : never),
  ): S => schema;
}
