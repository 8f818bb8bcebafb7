/**
 * The SDK's own response validators: small composable checks that look at a decoded JSON body
 * **in place** (nothing is copied, nothing is stripped) and say whether it has the shape the
 * spec describes. They exist because answers are validated on every call: checking a
 * 1 000-image Glance page this way costs a fraction of its `JSON.parse`, where zod, which
 * builds a new output object, costs more than the parse itself (see `pnpm bench`, the
 * validation case). They load no library, so importing the SDK loads no validation code
 * beyond the few closures of the APIs it uses.
 *
 * Each validator has a fast path ({@link Validator.is}: a yes/no answer, stopping at the first
 * problem) and a slow one ({@link Validator.explain}: every problem with its path), run only
 * when the fast path said no. `safeParse` has zod's shape, so the HTTP layer takes either
 * kind (see {@link ResponseSchema}).
 *
 * Tied to the generated types by `validatorFor` (./validator-for.ts): a validator whose output
 * differs from the spec's type fails the typecheck, as the zod schemas of
 * `@cloud-images/core/schemas` do.
 *
 * @packageDocumentation
 */

import type { ValidationIssue } from "../errors/validation-error.js";

/** One problem found in a body: where (`["images", 3, "size"]`) and what. */
export type ValidationProblem = ValidationIssue;

/** What `safeParse` answers: zod's shape, so callers can take either kind of schema. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: { readonly issues: readonly ValidationProblem[] } };

/**
 * Anything that checks a decoded body and gives it back typed: an SDK validator or a zod
 * schema (`@cloud-images/core/schemas`). What the HTTP layer's `json()` takes.
 */
export interface ResponseSchema<T = unknown> {
  /** Checks `value`: the typed data, or the issues found. */
  safeParse(
    value: unknown,
  ):
    | { readonly success: true; readonly data: T }
    | { readonly success: false; readonly error: { readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] } };
}

/** The type a {@link ResponseSchema} gives. */
export type Infer<S> = S extends ResponseSchema<infer T> ? T : never;

/** A check of one JSON value (see the module comment). */
export interface Validator<T> extends ResponseSchema<T> {
  /**
   * Whether `value` has the shape (fast: stops at the first problem, copies nothing). A plain
   * function, not a method: validators compose by holding each other's `is`.
   */
  readonly is: (value: unknown) => value is T;
  /** Appends every problem of `value` (below `path`) to `problems`. */
  readonly explain: (value: unknown, path: (string | number)[], problems: ValidationProblem[]) => void;
  /** `{ success: true, data: value }` (the same object, typed) or every problem. */
  safeParse(value: unknown): SafeParseResult<T>;
  /** Set on the validators {@link optional} returns: the key may be absent. */
  readonly optional?: boolean;
}

/** A validator whose key may be absent from an object. */
export interface OptionalValidator<T> extends Validator<T | undefined> {
  readonly optional: true;
}

type Is = (value: unknown) => boolean;
type Explain = (value: unknown, path: (string | number)[], problems: ValidationProblem[]) => void;

const proto = {
  safeParse(this: Validator<unknown>, value: unknown): SafeParseResult<unknown> {
    if (this.is(value)) return { success: true, data: value };
    const issues: ValidationProblem[] = [];
    this.explain(value, [], issues);
    // A fast path that said no always has a reason; keep one if a combinator gave none.
    if (issues.length === 0) issues.push({ path: [], message: "does not match" });
    return { success: false, error: { issues } };
  },
};

function make<T>(is: Is, explain: Explain, optional?: true): Validator<T> {
  const v = Object.create(proto) as { is: Is; explain: Explain; optional?: true };
  v.is = is;
  v.explain = explain;
  if (optional) v.optional = true;
  return v as unknown as Validator<T>;
}

/** A short description of what a value is, for messages. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A leaf check: `test` decides, `expected` names what was wanted. */
function leaf<T>(test: Is, expected: string): Validator<T> {
  return make<T>(test, (value, path, problems) => {
    if (!test(value)) problems.push({ path: [...path], message: `expected ${expected}, got ${kindOf(value)}${typeof value === "string" ? ` ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}` : typeof value === "number" ? ` ${value}` : ""}` });
  });
}

/** Any string. */
export const string: Validator<string> = leaf((v) => typeof v === "string", "string");
/** `true` or `false`. */
export const boolean: Validator<boolean> = leaf((v) => typeof v === "boolean", "boolean");
/** A finite number. */
export const number: Validator<number> = leaf((v) => typeof v === "number" && Number.isFinite(v), "number");
/** A safe integer. */
export const int: Validator<number> = leaf(Number.isSafeInteger, "integer");
/** Anything (`unknown`). */
export const unknown: Validator<unknown> = make(
  () => true,
  () => undefined,
);

/** A safe integer within `[min, max]`. */
export function intBetween(min: number, max: number): Validator<number> {
  return leaf((v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max, `integer from ${min} to ${max}`);
}

/** One of the listed strings. */
export function oneOf<const L extends readonly string[]>(values: L): Validator<L[number]> {
  const set: ReadonlySet<unknown> = new Set(values);
  return leaf((v) => set.has(v), `one of ${values.map((s) => JSON.stringify(s)).join(", ")}`);
}

/** `null` or what `inner` accepts. */
export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  const is = inner.is;
  return make<T | null>(
    (v) => v === null || is(v),
    (v, path, problems) => {
      if (v !== null) inner.explain(v, path, problems);
    },
  );
}

/** A key that may be absent (or `undefined`); when present, what `inner` accepts. */
export function optional<T>(inner: Validator<T>): OptionalValidator<T> {
  const is = inner.is;
  return make<T | undefined>(
    (v) => v === undefined || is(v),
    (v, path, problems) => {
      if (v !== undefined) inner.explain(v, path, problems);
    },
    true,
  ) as OptionalValidator<T>;
}

/** An array whose every item `item` accepts. */
export function array<T>(item: Validator<T>): Validator<T[]> {
  const is = item.is;
  return make<T[]>(
    (v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!is(v[i])) return false;
      return true;
    },
    (v, path, problems) => {
      if (!Array.isArray(v)) {
        problems.push({ path: [...path], message: `expected array, got ${kindOf(v)}` });
        return;
      }
      for (let i = 0; i < v.length; i++) {
        if (is(v[i])) continue;
        path.push(i);
        item.explain(v[i], path, problems);
        path.pop();
      }
    },
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** An object (not an array) whose every value `value` accepts; keys are strings, as in JSON. */
export function record<T>(value: Validator<T>): Validator<Record<string, T>> {
  const is = value.is;
  return make<Record<string, T>>(
    (v) => {
      if (!isPlainObject(v)) return false;
      for (const key in v) if (!is(v[key])) return false;
      return true;
    },
    (v, path, problems) => {
      if (!isPlainObject(v)) {
        problems.push({ path: [...path], message: `expected object, got ${kindOf(v)}` });
        return;
      }
      for (const key in v) {
        if (is(v[key])) continue;
        path.push(key);
        value.explain(v[key], path, problems);
        path.pop();
      }
    },
  );
}

/** What `a` or `b` accepts. */
export function union<A, B>(a: Validator<A>, b: Validator<B>): Validator<A | B> {
  const isA = a.is;
  const isB = b.is;
  return make<A | B>(
    (v) => isA(v) || isB(v),
    (v, path, problems) => {
      const first: ValidationProblem[] = [];
      const second: ValidationProblem[] = [];
      a.explain(v, path, first);
      b.explain(v, path, second);
      problems.push({ path: [...path], message: `matches no alternative: ${[...first, ...second].map((p) => p.message).join(" / ")}` });
    },
  );
}

/** The fields of an object validator: a validator per key ({@link optional} ones may be absent). */
export type Fields = { readonly [key: string]: Validator<unknown> };

type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends { readonly optional: true } ? K : never }[keyof F];
type Out<V> = V extends Validator<infer T> ? T : never;

/** The type an object validator of `F` gives (optional keys marked `?`). */
export type ObjectOf<F extends Fields> = {
  -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: Out<F[K]>;
} & {
  -readonly [K in OptionalKeys<F>]?: Out<F[K]>;
};

/**
 * Whether this runtime lets the SDK compile checks (`new Function`): yes in Node and in pages
 * without a Content-Security-Policy forbidding `unsafe-eval`. Asked once, on the first check.
 */
let compiling: boolean | undefined;
function canCompile(): boolean {
  if (compiling === undefined) {
    try {
      // A probe with fixed source.
      compiling = (new Function("return true") as () => unknown)() === true;
    } catch {
      compiling = false;
    }
  }
  return compiling;
}

/**
 * The fast check of an object with these fields, compiled into one function that reads each
 * field by its name (`v["id"]`): engines then read the fields of same-shaped JSON objects
 * through inline caches, where a loop over the key list does a dictionary lookup per field
 * (about 40 times as slow on a 1 000-image page). The source is built from the field names of
 * the SDK's own validators only (JSON-quoted), never from data. `undefined` where compiling is
 * not allowed.
 */
export function compiledObjectCheck(keys: readonly string[], checks: readonly Is[], optionalAt: readonly boolean[]): Is | undefined {
  if (!canCompile()) return undefined;
  const lines = keys.map((key, i) => {
    const missing = optionalAt[i] ? "" : "return false;";
    return `x = v[${JSON.stringify(key)}]; if (x === undefined) { ${missing} } else if (!c${i}(x)) return false;`;
  });
  const source = `"use strict"; return function check(v) { if (typeof v !== "object" || v === null || Array.isArray(v)) return false; let x; ${lines.join(" ")} return true; };`;
  // Source built from the SDK's field names only (see above).
  return (new Function(...keys.map((_, i) => `c${i}`), source) as (...c: Is[]) => Is)(...checks);
}

/** The same check as {@link compiledObjectCheck}, as a loop (where compiling is not allowed). */
export function loopedObjectCheck(keys: readonly string[], checks: readonly Is[], optionalAt: readonly boolean[]): Is {
  const count = keys.length;
  return (v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    for (let i = 0; i < count; i++) {
      const value = o[keys[i]!];
      if (value === undefined) {
        if (!optionalAt[i]) return false;
      } else if (!checks[i]!(value)) return false;
    }
    return true;
  };
}

function objectValidator<T>(fields: Fields): Validator<T> {
  const keys = Object.keys(fields);
  const checks: Is[] = keys.map((k) => fields[k]!.is);
  const optionalAt = keys.map((k) => fields[k]!.optional === true);
  const count = keys.length;
  // Built on the first check, not when the module loads: importing the SDK compiles nothing.
  let check: Is = (v) => {
    check = compiledObjectCheck(keys, checks, optionalAt) ?? loopedObjectCheck(keys, checks, optionalAt);
    return check(v);
  };
  return make<T>(
    (v) => check(v),
    (v, path, problems) => {
      if (!isPlainObject(v)) {
        problems.push({ path: [...path], message: `expected object, got ${kindOf(v)}` });
        return;
      }
      for (let i = 0; i < count; i++) {
        const key = keys[i]!;
        const value = v[key];
        if (value === undefined) {
          if (!optionalAt[i]) problems.push({ path: [...path, key], message: "is missing" });
          continue;
        }
        if (checks[i]!(value)) continue;
        path.push(key);
        fields[key]!.explain(value, path, problems);
        path.pop();
      }
    },
  );
}

/**
 * An object with these fields. Other keys are allowed and left in place (the type does not
 * show them); use {@link looseObject} when the spec lets the object carry any other key.
 */
export function object<const F extends Fields>(fields: F): Validator<ObjectOf<F>> {
  return objectValidator<ObjectOf<F>>(fields);
}

/** An object with these fields whose type also admits any other key (`[key: string]: unknown`). */
export function looseObject<const F extends Fields>(fields: F): Validator<ObjectOf<F> & { [key: string]: unknown }> {
  return objectValidator<ObjectOf<F> & { [key: string]: unknown }>(fields);
}
