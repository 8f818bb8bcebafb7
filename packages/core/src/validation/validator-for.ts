import type { SameShape } from "./same-shape.js";
import type { Validator } from "./validator.js";

type Out<V> = V extends Validator<infer T> ? T : never;

/**
 * Declares a {@link Validator} that must accept exactly the type `T` (a type generated from
 * the OpenAPI documents, e.g. `components["schemas"]["Image"]`) and gives it that type.
 *
 * Returns the validator unchanged at run time. At compile time the call fails (the argument
 * is not assignable to `never`) when the validator's output differs from `T` in any field, in
 * optionality, in nullability or in the presence of an open index signature, exactly as
 * `schemaFor` does for the zod schemas: a change of the spec that the validators do not follow
 * fails the typecheck.
 */
export function validatorFor<T>() {
  return <V extends Validator<unknown>>(validator: V & (SameShape<Out<V>, T> extends true ? unknown : never)): Validator<T> =>
    validator as unknown as Validator<T>;
}
