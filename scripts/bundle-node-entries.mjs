/**
 * Bundles a package's compiled ES modules (tsc's `dist/`) into `dist/node/`, one file per
 * public entry point and shared chunks for what entries share or load lazily — what the `node`
 * export condition serves.
 *
 * Usage (from the package folder): `node ../../scripts/bundle-node-entries.mjs index.js internal.js …`
 *
 * Why: a fresh process resolving, reading and linking the ~130 separate modules of the SDK took
 * ~150 ms of `import("@cloud-images/node")` here, and ~15 MB; the same code in a few files takes
 * ~25 ms and ~4 MB. Dependencies (and the other @cloud-images packages) stay external, so every
 * package keeps one instance of its classes (`instanceof` holds across packages), and lazily
 * imported parts (`import()`) stay lazy. Browsers get the unbundled modules (`browser`/`default`
 * conditions), where the application's own bundler splits and shakes them.
 */
import { createRequire } from "node:module";
import path from "node:path";

// esbuild as the package being built depends on it (a devDependency of each bundled package).
const { build } = createRequire(path.join(process.cwd(), "package.json"))("esbuild");

const entries = process.argv.slice(2);
if (entries.length === 0) throw new TypeError("bundle-node-entries: name the dist entry files (index.js …)");
await build({
  absWorkingDir: process.cwd(),
  entryPoints: Object.fromEntries(entries.map((e) => [e.replace(/\.js$/, ""), path.join("dist", e)])),
  outdir: "dist/node",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  packages: "external",
  chunkNames: "chunk-[hash]",
  // tsc's source maps are read and chained: stack traces still point into src/.
  sourcemap: "linked",
  logLevel: "warning",
});
