/**
 * Dev-mode self-check: every answer the emulator sends is checked against the schemas that
 * the SDK derives from spec/ (zod schemas tied to the generated OpenAPI types).
 */
import type { z } from "zod/mini";
import {
  ComputeFaultSchema,
  ComputeImageListSchema,
  ComputeImageResponseSchema,
  ComputeImageSummaryListSchema,
  ImageMetadataItemSchema,
  ImageMetadataSchema,
  LegacyAuthHeadersSchema,
  LegacyFaultSchema,
  LegacyImageListSchema,
  LegacyImageResponseSchema,
  LegacyServerListSchema,
  ServerSummaryListSchema,
  ErrorResponseSchema,
  ImageListSchema,
  ImageSchema,
  ImageTaskListSchema,
  RackspaceAccessResponseSchema,
  RackspaceIdentityErrorSchemas,
  JsonSchemaDocumentSchema,
  MemberListSchema,
  MemberSchema,
  ObjectStoreAccountListingSchema,
  ObjectStoreContainerListingSchema,
  ObjectStoreResponseHeaderSchemas,
  type ObjectStoreOperationId,
  TaskListSchema,
  TaskSchema,
  VersionsDocumentSchema,
} from "@cloud-images/core/schemas";
import type { ResponseRecord } from "../src/index.js";

type Rule = [method: string, path: RegExp, schema: z.ZodMiniType];
const ID = "[^/]+";
const IMAGE_RULES: Rule[] = [
  ["GET", /^\/?$/, VersionsDocumentSchema],
  ["GET", /^\/v2\/images$/, ImageListSchema],
  ["POST", /^\/v2\/images$/, ImageSchema],
  ["GET", new RegExp(`^/v2/images/${ID}$`), ImageSchema],
  ["PATCH", new RegExp(`^/v2/images/${ID}$`), ImageSchema],
  ["GET", new RegExp(`^/v2/images/${ID}/members$`), MemberListSchema],
  ["POST", new RegExp(`^/v2/images/${ID}/members$`), MemberSchema],
  ["GET", new RegExp(`^/v2/images/${ID}/members/${ID}$`), MemberSchema],
  ["PUT", new RegExp(`^/v2/images/${ID}/members/${ID}$`), MemberSchema],
  ["GET", new RegExp(`^/v2/images/${ID}/tasks$`), ImageTaskListSchema],
  ["GET", /^\/v2\/tasks$/, TaskListSchema],
  ["POST", /^\/v2\/tasks$/, TaskSchema],
  ["GET", new RegExp(`^/v2/tasks/${ID}$`), TaskSchema],
  ["GET", new RegExp(`^/v2/schemas/${ID}$`), JsonSchemaDocumentSchema],
];

/**
 * Rules of the other services: identity v2.0 below `/identity/v2.0`, compute next-gen below
 * `/servers/REGION/v2/TENANT`, v1.0 below `/servers-v1/v1.0/TENANT`.
 *
 * `error` checks every error body but 401s; `errors` gives the body of each error status the
 * spec documents, 401 included, and any other error status is a problem.
 */
export const extraRules: { prefix: RegExp; rules: Rule[]; error?: z.ZodMiniType; errors?: Readonly<Record<number, z.ZodMiniType>> }[] = [
  {
    prefix: /^\/identity\/v2\.0(\/.*)?$/,
    errors: RackspaceIdentityErrorSchemas,
    rules: [
      ["POST", /^\/tokens$/, RackspaceAccessResponseSchema],
      ["GET", new RegExp(`^/tokens/${ID}$`), RackspaceAccessResponseSchema],
    ],
  },
  {
    prefix: /^\/servers\/[A-Z]{3}\/v2\/[^/]+(\/.*)?$/,
    error: ComputeFaultSchema,
    rules: [
      ["GET", /^\/images$/, ComputeImageSummaryListSchema],
      ["GET", /^\/images\/detail$/, ComputeImageListSchema],
      ["GET", new RegExp(`^/images/${ID}$`), ComputeImageResponseSchema],
      ["GET", new RegExp(`^/images/${ID}/metadata$`), ImageMetadataSchema],
      ["POST", new RegExp(`^/images/${ID}/metadata$`), ImageMetadataSchema],
      ["PUT", new RegExp(`^/images/${ID}/metadata$`), ImageMetadataSchema],
      ["GET", new RegExp(`^/images/${ID}/metadata/${ID}$`), ImageMetadataItemSchema],
      ["PUT", new RegExp(`^/images/${ID}/metadata/${ID}$`), ImageMetadataItemSchema],
      ["GET", /^\/servers$/, ServerSummaryListSchema],
    ],
  },
  {
    prefix: /^\/servers-v1\/v1\.0\/[^/]+(\/.*)?$/,
    error: LegacyFaultSchema,
    rules: [
      ["GET", /^\/images(\/detail)?$/, LegacyImageListSchema],
      ["POST", /^\/images$/, LegacyImageResponseSchema],
      ["GET", /^\/images\/\d+$/, LegacyImageResponseSchema],
      ["GET", /^\/servers$/, LegacyServerListSchema],
    ],
  },
];

/** Problems found in one response (empty when it matches the spec, or no rule applies). */
export function checkResponse(record: ResponseRecord): string[] {
  const image = /^\/images\/[A-Z]{3}(\/.*)?$/.exec(record.path);
  let rules: Rule[] = [];
  let rest = "";
  let errorSchema: z.ZodMiniType | undefined;
  let errorsByStatus: Readonly<Record<number, z.ZodMiniType>> | undefined;
  if (/^\/servers-v1\/v1\.0\/?$/.test(record.path)) return checkLegacyAuth(record);
  if (/^\/files\/[^/]+\/v1\//.test(record.path)) return checkFiles(record);
  if (image) {
    rules = IMAGE_RULES;
    rest = image[1] ?? "/";
    errorSchema = ErrorResponseSchema;
  } else {
    for (const extra of extraRules) {
      const m = extra.prefix.exec(record.path);
      if (m) {
        rules = extra.rules;
        rest = m[1] ?? "/";
        errorSchema = extra.error;
        errorsByStatus = extra.errors;
      }
    }
  }
  if (rules.length === 0) return [];
  const text = record.body.toString("utf8");
  const where = `${record.method} ${record.path} → ${record.status}`;
  if (record.status >= 400) {
    if (errorsByStatus) {
      const schema = errorsByStatus[record.status];
      if (!schema) return [`${where}: status not in the spec`];
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? [] : [`${where}: error body ${text}`];
    }
    if (!errorSchema || record.status === 401) return [];
    const parsed = errorSchema.safeParse(JSON.parse(text));
    return parsed.success ? [] : [`${where}: error body ${text}`];
  }
  const rule = rules.find(([m, re]) => m === record.method && re.test(rest));
  if (!rule || text === "") return [];
  const parsed = rule[2].safeParse(JSON.parse(text));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${where}: ${i.path.join(".")}: ${i.message}`);
}

/** The legacy v1.0 auth (`GET /servers-v1/v1.0`) answers in headers: check those of a 204. */
function checkLegacyAuth(record: ResponseRecord): string[] {
  if (record.method !== "GET" || record.status !== 204) return [];
  // Node gives header names in lower case; the spec spells them in its own case.
  const canonical = Object.keys(LegacyAuthHeadersSchema.shape);
  const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [canonical.find((c) => c.toLowerCase() === k.toLowerCase()) ?? k, v]));
  const parsed = LegacyAuthHeadersSchema.safeParse(headers);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${record.method} ${record.path} → ${record.status}: header ${i.path.join(".")}: ${i.message}`);
}

/** The Cloud Files operation of a request (`/files/REGION/v1/ACCOUNT[/CONTAINER[/OBJECT]]`), by the spec's operation ids. */
const FILES_OPERATIONS: Record<"account" | "container" | "object", Partial<Record<string, ObjectStoreOperationId>>> = {
  account: { GET: "listContainers", HEAD: "showAccountMetadata" },
  container: { GET: "listObjects", PUT: "createContainer", HEAD: "showContainerMetadata", POST: "updateContainerMetadata", DELETE: "deleteContainer" },
  object: {
    GET: "getObject",
    PUT: "createOrReplaceObject",
    HEAD: "showObjectMetadata",
    POST: "updateObjectMetadata",
    DELETE: "deleteObject",
  },
};

/** Rewrites lower-case header names into the spelling of the schema's keys. */
function canonicalHeaders(headers: Readonly<Record<string, string>>, schema: z.ZodMiniType): Record<string, string> {
  const keys = "shape" in schema ? Object.keys((schema as z.ZodMiniObject).shape) : [];
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [keys.find((c) => c.toLowerCase() === k.toLowerCase()) ?? k, v]));
}

/**
 * Cloud Files (`spec/object-store-v1.yaml`): the status must be one the spec lists for the
 * operation, the headers must match that answer's header schema, JSON listings their body
 * schema, other bodies the media types the spec gives (plain text listings, HTML errors;
 * a 401 may also be a JSON fault).
 */
export function checkFiles(record: ResponseRecord): string[] {
  const m = /^\/files\/[^/]+\/v1\/[^/]+(?:\/([^/]+)(?:\/(.+))?)?\/?$/.exec(record.path);
  const where = `${record.method} ${record.path}${record.query ? `?${record.query}` : ""} → ${record.status}`;
  if (!m) return [`${where}: no Cloud Files path of the spec`];
  const level = m[1] === undefined ? "account" : m[2] === undefined ? "container" : "object";
  const operation = FILES_OPERATIONS[level][record.method];
  if (!operation) return [`${where}: no ${level} operation of the spec for ${record.method}`];
  const byStatus: Readonly<Record<number, z.ZodMiniType | undefined>> = ObjectStoreResponseHeaderSchemas[operation];
  const headerSchema = byStatus[record.status];
  if (!headerSchema) return [`${where}: status not in the spec for ${operation}`];
  const problems: string[] = [];
  const headers = headerSchema.safeParse(canonicalHeaders(record.headers, headerSchema));
  if (!headers.success) problems.push(...headers.error.issues.map((i) => `${where}: header ${i.path.join(".")}: ${i.message}`));
  const type = (record.headers["content-type"] ?? "").split(";")[0]!.trim();
  const text = record.body.toString("utf8");
  if (record.status >= 400) {
    const allowed = record.status === 401 ? ["text/html", "application/json"] : ["text/html"];
    if (!allowed.includes(type)) problems.push(`${where}: error content type ${type || "(none)"}`);
  } else if (record.status === 200 && (operation === "listContainers" || operation === "listObjects")) {
    if (type === "application/json") {
      const schema = operation === "listContainers" ? ObjectStoreAccountListingSchema : ObjectStoreContainerListingSchema;
      const parsed = schema.safeParse(JSON.parse(text));
      if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${where}: ${i.path.join(".")}: ${i.message}`));
    } else if (type !== "text/plain") {
      problems.push(`${where}: listing content type ${type || "(none)"}`);
    }
  } else if (record.status !== 200 && record.body.length > 0) {
    problems.push(`${where}: unexpected body`);
  }
  return problems;
}

/** Collects problems of every response of an emulator (pass `onResponse` to startEmulator). */
export function specRecorder(): { onResponse: (r: ResponseRecord) => void; problems: string[] } {
  const problems: string[] = [];
  return { problems, onResponse: (r) => problems.push(...checkResponse(r)) };
}
