import { GLANCE_SCHEMAS } from "./glance-schemas.js";
import { RACKSPACE_VISIBILITIES } from "./image-rules.js";

/**
 * The six JSON Schema documents of `/v2/schemas/...`: in glance mode, real Glance's own documents
 * ({@link GLANCE_SCHEMAS}); in rackspace mode, Cloud Images' smaller ones, written for the emulator.
 */
export function imageSchemas(glance: boolean): Record<string, Record<string, unknown>> {
  if (glance) return structuredClone(GLANCE_SCHEMAS) as Record<string, Record<string, unknown>>;
  const nullableString = { type: ["null", "string"] };
  const image = {
    name: "image",
    properties: {
      id: { type: "string", pattern: "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$", description: "An identifier for the image" },
      name: { ...nullableString, maxLength: 255, description: "Descriptive name for the image" },
      status: { type: "string", readOnly: true, enum: ["queued", "saving", "active", "killed", "deleted", "uploading", "importing", "pending_delete", "deactivated"], description: "Status of the image" },
      visibility: { type: "string", enum: [...RACKSPACE_VISIBILITIES], description: "Scope of image accessibility" },
      protected: { type: "boolean", description: "If true, image will not be deletable." },
      os_hidden: { type: "boolean", description: "If true, image will not appear in default image list response." },
      checksum: { ...nullableString, readOnly: true, maxLength: 32, description: "md5 hash of image contents." },
      os_hash_algo: { ...nullableString, readOnly: true, maxLength: 64, description: "Algorithm used to compute the secure hash." },
      os_hash_value: { ...nullableString, readOnly: true, maxLength: 128, description: "Secure hash of the image data." },
      owner: { ...nullableString, maxLength: 255, description: "Owner of the image" },
      size: { type: ["null", "integer"], readOnly: true, description: "Size of image file in bytes" },
      virtual_size: { type: ["null", "integer"], readOnly: true, description: "Virtual size of image in bytes" },
      container_format: { type: ["null", "string"], enum: [null, "ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"], description: "Format of the container" },
      disk_format: { type: ["null", "string"], enum: [null, "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"], description: "Format of the disk" },
      created_at: { type: "string", readOnly: true, description: "Date and time of image registration" },
      updated_at: { type: "string", readOnly: true, description: "Date and time of the last image modification" },
      tags: { type: "array", items: { type: "string", maxLength: 255 }, description: "List of strings related to the image" },
      min_ram: { type: "integer", description: "Amount of ram (in MB) required to boot image." },
      min_disk: { type: "integer", description: "Amount of disk space (in GB) required to boot image." },
      self: { type: "string", readOnly: true, description: "An image self url" },
      file: { type: "string", readOnly: true, description: "An image file url" },
      schema: { type: "string", readOnly: true, description: "An image schema url" },
    },
    additionalProperties: { type: "string" },
    links: [
      { rel: "self", href: "{self}" },
      { rel: "enclosure", href: "{file}" },
      { rel: "describedby", href: "{schema}" },
    ],
  };
  const member = {
    name: "member",
    properties: {
      member_id: { type: "string", description: "An identifier for the image member (tenantId)" },
      image_id: { type: "string", description: "An identifier for the image" },
      status: { type: "string", enum: ["pending", "accepted", "rejected"], description: "The status of this image member" },
      created_at: { type: "string", description: "Date and time of image member creation" },
      updated_at: { type: "string", description: "Date and time of last modification of image member" },
      schema: { type: "string", readOnly: true },
    },
  };
  const task = {
    name: "task",
    properties: {
      id: { type: "string", description: "An identifier for the task" },
      type: { type: "string", enum: ["import", "export"], description: "The type of task represented by this content" },
      status: { type: "string", enum: ["pending", "processing", "success", "failure"], description: "The current status of this task" },
      input: { type: "object", description: "The parameters required by task, JSON blob" },
      result: { type: ["null", "object"], description: "The result of current task, JSON blob" },
      owner: { type: "string", description: "An identifier for the owner of this task" },
      message: { type: "string", description: "Human-readable informative message only included when appropriate (usually on failure)" },
      expires_at: { type: ["null", "string"], description: "Datetime when this resource would be subject to removal" },
      created_at: { type: "string", description: "Datetime when this resource was created" },
      updated_at: { type: "string", description: "Datetime when this resource was updated" },
      self: { type: "string" },
      schema: { type: "string" },
    },
  };
  const listOf = (name: string, item: Record<string, unknown>, links: boolean) => ({
    name,
    properties: {
      [name]: { type: "array", items: item },
      schema: { type: "string" },
      ...(links ? { first: { type: "string" }, next: { type: "string" } } : {}),
    },
    links: links
      ? [
          { rel: "first", href: "{first}" },
          { rel: "next", href: "{next}" },
          { rel: "describedby", href: "{schema}" },
        ]
      : [],
  });
  return {
    image,
    images: listOf("images", image, true),
    member,
    members: listOf("members", member, false),
    task,
    tasks: listOf("tasks", task, true),
  };
}

/** A JSON Schema property, as far as {@link schemaProblem} reads it. */
interface PropertySchema {
  type?: string | string[];
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  enum?: unknown[];
  items?: PropertySchema;
  uniqueItems?: boolean;
}

/** A value as Python's `repr` shows it (jsonschema's messages are Python's). */
function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
  return String(value);
}

function typeOk(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function valueProblem(value: unknown, schema: PropertySchema): { keyword: string; reason: string } | undefined {
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeOk(value, t))) {
      const shown = Array.isArray(schema.type) ? pyRepr(schema.type) : `'${schema.type}'`;
      return { keyword: "type", reason: `${pyRepr(value)} is not of type ${shown}` };
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => e === value)) {
    return { keyword: "enum", reason: `${pyRepr(value)} is not one of ${pyRepr(schema.enum)}` };
  }
  if (typeof value === "string") {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return { keyword: "maxLength", reason: `${pyRepr(value)} is too long` };
    if (schema.minLength !== undefined && [...value].length < schema.minLength) return { keyword: "minLength", reason: `${pyRepr(value)} is too short` };
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      return { keyword: "pattern", reason: `${pyRepr(value)} does not match ${pyRepr(schema.pattern)}` };
    }
  }
  if (Array.isArray(value)) {
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
      return { keyword: "uniqueItems", reason: `${pyRepr(value)} has non-unique elements` };
    }
    if (schema.items) for (const item of value) {
      const p = valueProblem(item, schema.items);
      if (p) return p;
    }
  }
  return undefined;
}

/**
 * Checks `object` against an object schema's `properties` and `additionalProperties` the way
 * Glance's jsonschema validation does, and returns Glance's message for the first failure
 * (`Provided object does not match schema 'image': … does not match …`), or `undefined`.
 */
export function schemaProblem(schema: Record<string, unknown>, object: Record<string, unknown>): string | undefined {
  const properties = (schema["properties"] ?? {}) as Record<string, PropertySchema>;
  const additional = schema["additionalProperties"] as PropertySchema | boolean | undefined;
  for (const [key, value] of Object.entries(object)) {
    const own = properties[key];
    const rule = own ?? (typeof additional === "object" ? additional : undefined);
    if (!rule) continue;
    const problem = valueProblem(value, rule);
    if (problem) {
      const where = own ? `schema['properties'][${pyRepr(key)}]` : "schema['additionalProperties']";
      return (
        `Provided object does not match schema '${String(schema["name"])}': ${problem.reason}\n\n` +
        `Failed validating '${problem.keyword}' in ${where}:\n    ${pyRepr(rule)}\n\nOn instance[${pyRepr(key)}]:\n    ${pyRepr(value)}`
      );
    }
  }
  return undefined;
}
