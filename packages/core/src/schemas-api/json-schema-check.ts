import type { InputPath } from "../validation/checker.js";
import { ownValue } from "../records/own-keys.js";

/** One JSON-schema keyword set the checker understands (a subset of draft 4, as Glance serves). */
export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: JsonSchemaNode;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly additionalProperties?: boolean | JsonSchemaNode;
  readonly required?: readonly string[];
  readonly readOnly?: boolean;
  readonly [keyword: string]: unknown;
}

/** A problem found by {@link checkJsonSchema}. */
export interface SchemaProblem {
  readonly path: InputPath;
  readonly message: string;
}

const patternCache = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  if (!patternCache.has(pattern)) {
    let re: RegExp | null;
    try {
      re = new RegExp(pattern, "u");
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null; // A Python-only construct: skip the check rather than refuse valid input.
      }
    }
    patternCache.set(pattern, re);
  }
  return patternCache.get(pattern) ?? null;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === "number") return actual === "number" || actual === "integer";
  return actual === type;
}

/**
 * Checks `value` against a JSON schema, with the keywords Glance's schemas use: `type`
 * (including type lists such as `["null", "string"]`), `enum`, `minLength`/`maxLength`,
 * `pattern`, `minimum`/`maximum`, `items`/`maxItems`, `properties`, `required` and
 * `additionalProperties` (boolean or schema). Unknown keywords are ignored. Returns every
 * problem (empty when valid).
 */
export function checkJsonSchema(schema: JsonSchemaNode, value: unknown, path: InputPath = []): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const fail = (message: string, at: InputPath = path): void => {
    problems.push({ path: at, message });
  };

  if (schema.type !== undefined) {
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((t) => matchesType(value, t))) {
      fail(`must be of type ${types.join(" or ")}, got ${typeOf(value)}`);
      return problems;
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => allowed === value)) {
    fail(`must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(value)}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.maxLength !== undefined && length > schema.maxLength) fail(`must be at most ${schema.maxLength} characters long, got ${length}`);
    if (schema.minLength !== undefined && length < schema.minLength) fail(`must be at least ${schema.minLength} characters long, got ${length}`);
    if (schema.pattern !== undefined) {
      const re = compile(schema.pattern);
      if (re && !re.test(value)) fail(`must match the pattern ${schema.pattern}`);
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`must be ≥ ${schema.minimum}, got ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`must be ≤ ${schema.maximum}, got ${value}`);
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items, got ${value.length}`);
    if (schema.items !== undefined) value.forEach((item, i) => problems.push(...checkJsonSchema(schema.items as JsonSchemaNode, item, [...path, i])));
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!Object.hasOwn(record, name)) fail("is required", [...path, name]);
    for (const [name, child] of Object.entries(record)) {
      problems.push(...checkProperty(schema, name, child, [...path, name]));
    }
  }
  return problems;
}

/**
 * Checks one property `name` of an object described by `schema`: against its own schema when
 * declared, else against `additionalProperties` (`false` refuses unknown names).
 */
export function checkProperty(schema: JsonSchemaNode, name: string, value: unknown, path: InputPath = [name]): SchemaProblem[] {
  const declared = ownValue(schema.properties, name);
  if (declared !== undefined) return checkJsonSchema(declared, value, path);
  const extra = schema.additionalProperties;
  if (extra === false) return [{ path, message: `\`${name}\` is not a property the server's schema allows (additionalProperties is false)` }];
  if (extra === undefined || extra === true) return [];
  return checkJsonSchema(extra, value, path);
}
