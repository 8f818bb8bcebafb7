/**
 * Bundles the compiled CLI (dist/main.js and everything it imports: the SDK, the emulator,
 * commander, cli-progress, yaml) into dist/bundle/ with esbuild — one file for the entry and one
 * chunk per lazily imported part, so a command still loads only what it uses.
 *
 * Why: a command is a fresh process each time, and resolving and reading ~150 separate ES modules
 * cost ~90 ms of every start here (module resolution, file stats and reads) before any work.
 * undici stays outside (it is required lazily through createRequire, and only when a proxy is
 * set), so it is a dependency of this package.
 */
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: "dist/main.js" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  // The published builds of the workspace packages, as a user's install would resolve them.
  conditions: ["node", "import"],
  external: ["undici"],
  // yaml and commander ship CommonJS: their `require` of Node built-ins needs a real `require`.
  banner: { js: 'import { createRequire as __cloudImagesCreateRequire } from "node:module"; const require = __cloudImagesCreateRequire(import.meta.url);' },
  chunkNames: "chunk-[hash]",
  legalComments: "linked",
  sourcemap: "linked",
  minifySyntax: true,
  minifyWhitespace: true,
  metafile: true,
  logLevel: "warning",
});
writeFileSync(new URL("../dist/bundle-meta.json", import.meta.url), JSON.stringify(result.metafile));
