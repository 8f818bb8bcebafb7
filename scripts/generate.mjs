#!/usr/bin/env node
// Generates TypeScript types from the OpenAPI documents in spec/.
//
//   node scripts/generate.mjs          write the generated files
//   node scripts/generate.mjs --check  regenerate in memory; exit 1 if a committed file differs
//
// Runs offline: openapi-typescript reads local files only (no remote $ref) and
// prettier formats the output so the result does not depend on the machine.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import * as prettier from "prettier";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every OpenAPI document and the TypeScript module generated from it (paths from the repo root). */
const TARGETS = [
  { spec: "spec/image-v2.yaml", out: "packages/core/src/generated/image-v2.ts" },
  { spec: "spec/compute-v2-images.yaml", out: "packages/core/src/generated/compute-v2-images.ts" },
  { spec: "spec/compute-v1.0.yaml", out: "packages/core/src/generated/compute-v1.0.ts" },
  { spec: "spec/identity-keystone-v3.yaml", out: "packages/core/src/generated/identity-keystone-v3.ts" },
  { spec: "spec/identity-rackspace-v2.0.yaml", out: "packages/core/src/generated/identity-rackspace-v2.0.ts" },
  { spec: "spec/object-store-v1.yaml", out: "packages/core/src/generated/object-store-v1.ts" },
];

const HEADER = (spec) =>
  [
    "/**",
    ` * GENERATED FILE, DO NOT EDIT.`,
    ` * Source: ${spec}`,
    " * Regenerate with `pnpm generate`; `pnpm generate:check` fails when this file is stale.",
    " */",
    "",
    "",
  ].join("\n");

async function render({ spec, out }) {
  const specPath = path.join(root, spec);
  const ast = await openapiTS(pathToFileURL(specPath), {
    // Keep `additionalProperties: true` as an `unknown` index signature.
    additionalProperties: false,
    alphabetize: false,
    exportType: false,
    emptyObjectsUnknown: false,
    defaultNonNullable: true,
    // No progress chatter on stdout; errors still throw.
    silent: true,
  });
  const body = astToString(ast);
  const outPath = path.join(root, out);
  const options = (await prettier.resolveConfig(outPath)) ?? {};
  return prettier.format(HEADER(spec) + body, { ...options, filepath: outPath, endOfLine: "lf" });
}

async function main() {
  const check = process.argv.includes("--check");
  const stale = [];
  for (const target of TARGETS) {
    const text = await render(target);
    const outPath = path.join(root, target.out);
    if (check) {
      const current = await readFile(outPath, "utf8").catch(() => null);
      if (current !== text) stale.push(target);
    } else {
      await mkdir(path.dirname(outPath), { recursive: true });
      const current = await readFile(outPath, "utf8").catch(() => null);
      if (current === text) {
        console.log(`unchanged ${target.out}`);
      } else {
        await writeFile(outPath, text);
        console.log(`wrote     ${target.out}`);
      }
    }
  }
  if (check) {
    if (stale.length > 0) {
      console.error("generate:check: generated files are out of date with their OpenAPI documents:");
      for (const t of stale) console.error(`  - ${t.out} (from ${t.spec})`);
      console.error("Run `pnpm generate` and commit the result.");
      process.exit(1);
    }
    console.log(`generate:check: ${TARGETS.length} generated file(s) up to date.`);
  }
}

main().catch((err) => {
  console.error(`generate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
