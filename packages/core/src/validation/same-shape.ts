/**
 * Type-level comparison of the shapes of two types, used to tie run-time checks (the SDK's
 * validators, the zod schemas of `@cloud-images/core/schemas`) to the types generated from the
 * OpenAPI documents: see `validatorFor` and `schemaFor`.
 *
 * @packageDocumentation
 */

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
