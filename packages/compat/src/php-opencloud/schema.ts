import type { JsonSchemaDocument } from "@cloud-images/core";
import { RuntimeException } from "./exceptions.js";
import { ownValue } from "@cloud-images/core/internal";

/** A JSON-schema fragment (a property's definition). */
export type Definition = Readonly<Record<string, unknown>>;

/** The three JSON-patch operations php-opencloud's `OperationType` named. */
export const OperationType = Object.freeze({ ADD: "add", REPLACE: "replace", REMOVE: "remove" } as const);
/** One of {@link OperationType}. */
export type OperationTypeValue = (typeof OperationType)[keyof typeof OperationType];

/**
 * One property of a {@link Schema} (php-opencloud's `Schema\Property`): its name, definition
 * and a value to validate against it.
 */
export class Property {
  private name: string;
  private value: unknown;
  /** The property's JSON-schema definition (`type`, `enum`, `maxLength`, `pattern`…). */
  readonly definition: Definition;

  /** @param name - the property's name. @param definition - its JSON-schema definition. */
  constructor(name: string, definition: Definition) {
    this.name = name;
    this.definition = definition;
  }

  /** The property's name. */
  getName(): string {
    return this.name;
  }

  /** Sets the property's name (php-opencloud set it before validating an additional property). */
  setName(name: string): void {
    this.name = name;
  }

  /** The value last given to {@link Property.setValue}. */
  getValue(): unknown {
    return this.value;
  }

  /** Sets the value {@link Property.validate} checks. */
  setValue(value: unknown): void {
    this.value = value;
  }

  /** The JSON types the definition allows (empty when it says nothing). */
  getTypes(): string[] {
    const type = this.definition["type"];
    return Array.isArray(type) ? type.map(String) : typeof type === "string" ? [type] : [];
  }

  /**
   * Checks the value against the definition's `type`, `enum`, `maxLength`, `pattern` and array
   * `items`; throws {@link RuntimeException} naming the property when it does not fit.
   */
  validate(): true {
    const problem = describeProblem(this.definition, this.value);
    if (problem) throw new RuntimeException(`The value given for "${this.name}" ${problem}`);
    return true;
  }
}

/**
 * A JSON schema as php-opencloud's `Schema\Schema` wrapped it (`getImageSchema()` and the
 * other three): its properties, whether it allows additional ones, and the operation an
 * `update` of a property needs. Array-style reads work too: `schema["name"]`,
 * `schema["properties"]`.
 */
export class Schema {
  /** The schema document as the server sent it. */
  readonly document: JsonSchemaDocument;
  /** Every top-level key of the document is readable by name. */
  readonly [key: string]: unknown;

  /** @param document - the schema as the server sent it. */
  constructor(document: JsonSchemaDocument) {
    this.document = document;
    for (const [key, value] of Object.entries(document)) {
      if (key in Schema.prototype || key === "document") continue;
      Object.defineProperty(this, key, { value, enumerable: true });
    }
  }

  /** `Schema::factory($data)`. */
  static factory(document: JsonSchemaDocument): Schema {
    return new Schema(document);
  }

  /** The schema's name (`image`, `images`, `member`, `members`). */
  getName(): string {
    return String(this.document["name"] ?? "");
  }

  /** The definitions of the schema's own properties, by name. */
  getProperties(): Record<string, Definition> {
    const properties = this.document["properties"];
    return isRecord(properties) ? (properties as Record<string, Definition>) : {};
  }

  /** The property named `name`, or `null` when the schema does not define it. */
  getProperty(name: string): Property | null {
    const definition = ownValue(this.getProperties(), name);
    return definition === undefined ? null : new Property(name, definition);
  }

  /** The schema's `additionalProperties`: `false`, or the definition extra properties follow. */
  getAdditionalProperties(): Definition | false {
    const extra = this.document["additionalProperties"];
    if (extra === false || extra === undefined) return false;
    return isRecord(extra) ? extra : {};
  }

  /**
   * A property for a name the schema does not define, validated as its `additionalProperties`
   * say, or `false` when the schema allows none.
   */
  validateAdditionalProperty(value: unknown): Property | false {
    const extra = this.getAdditionalProperties();
    if (extra === false) return false;
    const property = new Property("", extra);
    property.setValue(value);
    return property;
  }

  /** `replace` for a property the schema defines (it always exists on the resource), else `add`. */
  decideOperationType(property: Property): OperationTypeValue {
    return Object.hasOwn(this.getProperties(), property.getName()) ? OperationType.REPLACE : OperationType.ADD;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describeProblem(definition: Definition, value: unknown): string | undefined {
  const typeSpec = definition["type"];
  const types = Array.isArray(typeSpec) ? typeSpec.map(String) : typeof typeSpec === "string" ? [typeSpec] : [];
  const actual = jsonType(value);
  if (types.length > 0 && !types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
    return `is ${actual === "object" ? "an object" : `of type ${actual}`}, the schema wants ${types.join(" or ")}`;
  }
  const choices = definition["enum"];
  if (Array.isArray(choices) && !choices.includes(value as never)) {
    return `is not one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`;
  }
  if (typeof value === "string") {
    const max = definition["maxLength"];
    if (typeof max === "number" && value.length > max) return `is longer than ${max} characters`;
    const pattern = definition["pattern"];
    if (typeof pattern === "string" && !safeTest(pattern, value)) return `does not match ${pattern}`;
  }
  if (Array.isArray(value) && isRecord(definition["items"])) {
    for (const item of value) {
      const problem = describeProblem(definition["items"], item);
      if (problem) return `has an item that ${problem}`;
    }
  }
  return undefined;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true; // a pattern JavaScript cannot read is left to the server
  }
}
