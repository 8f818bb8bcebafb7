import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";
import * as internal from "../src/internal.js";
import * as schemas from "../src/schemas/index.js";

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const NODE = resolve(CORE, "../node");

const isZodSchema = (value: unknown): boolean =>
  typeof value === "object" && value !== null && typeof (value as { safeParse?: unknown }).safeParse === "function";

/** Helpers that are building blocks of the SDK, not its public API: `./internal` only. */
const INTERNAL_ONLY = [
  "InputChecker",
  "HttpClient",
  "serviceHttpClient",
  "encodeQuery",
  "normalizeEndpoint",
  "parseErrorMessage",
  "redactUrl",
  "safeHeaders",
  "createHttpError",
  "listImagesQueryEntries",
  "listTasksQueryEntries",
  "paginate",
  "markerFromNextLink",
  "escapePointerToken",
  "unescapePointerToken",
  "checkJsonSchema",
  "checkProperty",
  "withRetry",
  "catalogFromKeystoneV3",
  "catalogFromV2",
  "normalizeInterface",
  "parseIdentityDate",
  "keystoneAccessToken",
  "rackspaceAccessToken",
  "HashSet",
  "uploadImage",
  "parseContentRange",
  "verifyAgainstImage",
  "knownSize",
  "visibilitiesFromImageSchema",
] as const;

interface ExportEntry {
  readonly [condition: string]: string;
}
const packageExports = (dir: string): Record<string, ExportEntry | string> =>
  (JSON.parse(readFileSync(resolve(dir, "package.json"), "utf8")) as { exports: Record<string, ExportEntry | string> }).exports;

describe("@cloud-images/core/schemas", () => {
  it("exports the zod schema of every API document, and nothing that is not a schema", () => {
    const values = Object.entries(schemas).filter(([, v]) => typeof v !== "undefined");
    // A value is a schema, or a table of schemas (e.g. per operation and status).
    const schemaOrTable = (v: unknown): boolean => isZodSchema(v) || (typeof v === "object" && v !== null && Object.values(v).length > 0 && Object.values(v).every(schemaOrTable));
    const nonSchemas = values.filter(([, v]) => !schemaOrTable(v));
    expect(nonSchemas.map(([name]) => name)).toEqual([]);
    for (const name of ["ImageSchema", "TaskSchema", "MemberSchema", "ComputeImageSchema", "LegacyImageSchema", "KeystoneTokenResponseSchema", "RackspaceAccessResponseSchema", "ObjectStoreContainerListingSchema"]) {
      expect(isZodSchema((schemas as Record<string, unknown>)[name]), name).toBe(true);
    }
    expect("schemaFor" in schemas).toBe(false);
  });
});

describe("@cloud-images/core/internal", () => {
  it("holds the building blocks the runtime packages share", () => {
    expect(INTERNAL_ONLY.filter((name) => !(name in internal))).toEqual([]);
  });
});


describe("@cloud-images/core root", () => {
  it("exports the clients and the errors", () => {
    for (const name of ["ImageClient", "ComputeClient", "CloudImagesError", "NotFoundError", "ValidationError", "createFetchTransport", "IdentitySession"]) {
      expect(name in root, name).toBe(true);
    }
  });

  // Runs once src/index.ts lists its exports instead of `export *` (issue 9).
  it("lists its exports (no export *)", () => {
    expect(readFileSync(resolve(CORE, "src/index.ts"), "utf8")).not.toMatch(/^export \*/m);
  });

  it("exports no zod schema and no internal helper", () => {
    expect(Object.entries(root).filter(([, v]) => isZodSchema(v)).map(([name]) => name)).toEqual([]);
    expect(INTERNAL_ONLY.filter((name) => name in root)).toEqual([]);
  });
});

describe("package exports", () => {
  it.each([
    [CORE, ".", "src/index.ts", "dist/index"],
    [CORE, "./schemas", "src/schemas/index.ts", "dist/schemas/index"],
    [CORE, "./internal", "src/internal.ts", "dist/internal"],
    [NODE, ".", "src/index.ts", "dist/index"],
    [NODE, "./schemas", "src/schemas.ts", "dist/schemas"],
  ])("%s exports %s: the source condition first, then types, then the build", (dir, subpath, source, built) => {
    const entry = packageExports(dir)[subpath];
    expect(typeof entry).toBe("object");
    const conditions = entry as ExportEntry;
    const keys = Object.keys(conditions);
    expect(keys[0]).toBe("@cloud-images/source");
    expect(keys[1]).toBe("types");
    expect(keys.at(-1)).toBe("default");
    expect(conditions["@cloud-images/source"]).toBe(`./${source}`);
    expect(existsSync(resolve(dir, source))).toBe(true);
    expect(conditions.types).toBe(`./${built}.d.ts`);
    expect(conditions.default).toBe(`./${built}.js`);
  });
});
