import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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

/**
 * Runs `script` (ESM, top-level await) in a fresh Node with the sources (tsx, the source
 * condition) and returns every module URL that was resolved while it ran.
 */
function modulesLoadedBy(script: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "core-load-"));
  try {
    const seen = join(dir, "seen.txt");
    const hooks = join(dir, "hooks.mjs");
    writeFileSync(hooks, `import { appendFileSync } from "node:fs";\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  appendFileSync(${JSON.stringify(seen)}, result.url + "\\n");\n  return result;\n}\n`);
    const register = join(dir, "register.mjs");
    writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const main = join(dir, "main.mts");
    writeFileSync(main, script);
    execFileSync(process.execPath, ["--import", "tsx", "--import", pathToFileURL(register).href, "--conditions=@cloud-images/source", main], { cwd: CORE, stdio: "pipe" });
    return existsSync(seen) ? readFileSync(seen, "utf8").split("\n").filter(Boolean) : [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("what importing the core loads (cold start)", () => {
  const root = pathToFileURL(resolve(CORE, "src/index.ts")).href;

  it("importing the root loads no zod and no hash code", () => {
    const loaded = modulesLoadedBy(`await import(${JSON.stringify(root)});\n`);
    expect(loaded.some((u) => u.endsWith("/core/src/index.ts")), "the tracer saw the import").toBe(true);
    expect(loaded.filter((u) => /\/zod\/|hash-wasm|@noble/.test(u))).toEqual([]);
  }, 60_000);

  it("the first hash loads its own algorithm only", () => {
    const loaded = modulesLoadedBy(
      `const { wasmHashFactory } = await import(${JSON.stringify(root)});\nconst hash = await wasmHashFactory.create("sha512");\nhash.update(new Uint8Array([1]));\nif ((await hash.digest()).length !== 128) throw new Error("no sha512 digest");\n`,
    );
    const hashCode = loaded.filter((u) => /hash-wasm/.test(u)).map((u) => u.replace(/^.*hash-wasm\//, ""));
    expect(hashCode).toEqual(["dist/sha512.umd.min.js"]);
  }, 60_000);
});
