/**
 * Dev-mode self-check: every answer the emulator sends is checked against the schemas that
 * the SDK derives from spec/ (zod schemas tied to the generated OpenAPI types).
 */
import type { z } from "zod";
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
  TaskListSchema,
  TaskSchema,
  VersionsDocumentSchema,
} from "@cloud-images/core";
import type { ResponseRecord } from "../src/index.js";

type Rule = [method: string, path: RegExp, schema: z.ZodType];
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
export const extraRules: { prefix: RegExp; rules: Rule[]; error?: z.ZodType; errors?: Readonly<Record<number, z.ZodType>> }[] = [
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
  let errorSchema: z.ZodType | undefined;
  let errorsByStatus: Readonly<Record<number, z.ZodType>> | undefined;
  if (/^\/servers-v1\/v1\.0\/?$/.test(record.path)) return checkLegacyAuth(record);
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

/** Collects problems of every response of an emulator (pass `onResponse` to startEmulator). */
export function specRecorder(): { onResponse: (r: ResponseRecord) => void; problems: string[] } {
  const problems: string[] = [];
  return { problems, onResponse: (r) => problems.push(...checkResponse(r)) };
}
