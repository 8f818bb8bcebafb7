/**
 * Size budget of web pages using the SDK (issue 10): each page in `./size-pages/` is bundled
 * with esbuild the way a site would ship it (ESM, minified, `platform: "browser"`, the
 * `browser` condition, code splitting so lazily loaded code becomes chunks), and what the page
 * loads is measured gzipped (level 9), from esbuild's metafile:
 *
 * - the entry chunk and every chunk it imports statically, and
 * - the lazily loaded chunks the page's calls load (`loads`: for a page moving data, the hash
 *   algorithms Glance's answers ask for — md5 and sha512). Every other lazy chunk must be a hash
 *   algorithm the page never uses (sha1, sha256, sha384), so no code escapes the count by
 *   being lazy.
 *
 * Sources are bundled (the `@cloud-images/source` condition), so the figures are those of the
 * code in the tree, with no build needed. Tree-shaking is checked on the metafile's inputs: a
 * list-only page holds no module of the APIs it does not call.
 */
import { gzipSync } from "node:zlib";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const PAGES = resolve(dirname(fileURLToPath(import.meta.url)), "size-pages");
const KB = 1000;

/** Lazy chunks a page may leave unloaded: hash-wasm's builds of algorithms it does not hash with. */
const HASH_CHUNK = /hash-wasm\/dist\/(md5|sha1|sha256|sha384|sha512)\.umd\.min\.js$/;

interface Chunk {
  readonly path: string;
  readonly minBytes: number;
  readonly gzipBytes: number;
  /** The module a lazy chunk was split at (esbuild's `entryPoint` of the chunk). */
  readonly entryPoint: string | undefined;
  /** Source modules whose code is in the chunk (bytes in output > 0). */
  readonly inputs: readonly string[];
}

interface Measured {
  readonly minBytes: number;
  readonly gzipBytes: number;
  /** Source modules of the chunks counted (repository-relative where possible). */
  readonly inputs: readonly string[];
  /** Chunks counted, then the lazy chunks left out. */
  readonly loaded: readonly Chunk[];
  readonly skipped: readonly Chunk[];
}

/** Bundles `page` and measures what it loads; `loads` picks the lazy chunks its calls load (by split module). */
async function measure(page: string, loads: readonly RegExp[] = []): Promise<Measured> {
  const result = await build({
    entryPoints: [resolve(PAGES, page)],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    conditions: ["@cloud-images/source", "browser"],
    minify: true,
    write: false,
    outdir: "/size-out",
    metafile: true,
    logLevel: "silent",
  });
  const metafile: Metafile = result.metafile;
  const chunks = new Map<string, Chunk & { static: string[]; dynamic: string[] }>();
  for (const file of result.outputFiles) {
    if (!file.path.endsWith(".js")) continue;
    const key = Object.keys(metafile.outputs).find((k) => file.path.endsWith(k.replace(/^.*?size-out/, "size-out"))) ?? "";
    const output = metafile.outputs[key];
    if (!output) throw new Error(`no metafile entry for ${file.path}`);
    chunks.set(key, {
      path: key,
      minBytes: file.contents.byteLength,
      gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength,
      entryPoint: output.entryPoint,
      inputs: Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
      static: output.imports.filter((i) => i.kind === "import-statement").map((i) => i.path),
      dynamic: output.imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path),
    });
  }
  const entry = [...chunks.values()].find((c) => c.entryPoint?.endsWith(page));
  if (!entry) throw new Error(`no entry chunk for ${page}`);
  const counted = new Set<string>();
  const add = (path: string): void => {
    if (counted.has(path)) return;
    counted.add(path);
    for (const next of chunks.get(path)?.static ?? []) add(next);
  };
  add(entry.path);
  const lazy = new Set([...chunks.values()].flatMap((c) => c.dynamic));
  for (const path of lazy) {
    const chunk = chunks.get(path);
    if (chunk?.entryPoint !== undefined && loads.some((re) => re.test(chunk.entryPoint!))) add(path);
  }
  const loaded = [...counted].map((path) => chunks.get(path)!);
  const skipped = [...chunks.values()].filter((c) => !counted.has(c.path) && lazy.has(c.path));
  return {
    minBytes: loaded.reduce((sum, c) => sum + c.minBytes, 0),
    gzipBytes: loaded.reduce((sum, c) => sum + c.gzipBytes, 0),
    inputs: loaded.flatMap((c) => c.inputs).map((p) => p.replace(/^.*?\/(packages|node_modules)\//, "$1/")),
    loaded,
    skipped,
  };
}

const show = (name: string, m: Measured): string =>
  `${name}: ${(m.minBytes / KB).toFixed(1)} kB min, ${(m.gzipBytes / KB).toFixed(1)} kB min+gz (${m.loaded.length} chunks${m.skipped.length ? `; not loaded: ${m.skipped.map((c) => c.entryPoint?.replace(/^.*\//, "")).join(", ")}` : ""})`;

/** Modules of the APIs a list-only page does not call, and of the libraries it does not need. */
const NOT_IN_A_LIST_PAGE: readonly [string, RegExp][] = [
  ["upload", /upload/],
  ["members", /packages\/core\/src\/members\//],
  ["tasks", /packages\/core\/src\/tasks\//],
  ["compute", /packages\/core\/src\/compute\//],
  ["waiters", /packages\/core\/src\/waiters\//],
  ["imports", /packages\/core\/src\/imports\//],
  ["identity", /packages\/core\/src\/identity\//],
  ["data", /packages\/(core|browser)\/src\/data\//],
  ["schemas-api", /packages\/core\/src\/schemas-api\//],
  ["object store", /packages\/core\/src\/object-store\//],
  ["hashing", /packages\/core\/src\/hashing\/|hash-wasm|@noble/],
  ["zod", /\/zod\//],
];

describe("bundle size of pages using the SDK (esbuild, minified, browser condition)", () => {
  it("a page that only lists images: ≤ 25 kB min+gz, and none of the APIs it does not call", async () => {
    const page = await measure("list-only.ts");
    console.log(show("list-only", page));
    const dragged = NOT_IN_A_LIST_PAGE.flatMap(([what, re]) => page.inputs.filter((p) => re.test(p)).map((p) => `${what}: ${p}`));
    expect(dragged).toEqual([]);
    // What it does hold: the image records API, its validators and the pipeline.
    expect(page.inputs).toContain("packages/core/src/images/images-api.ts");
    expect(page.inputs).toContain("packages/core/src/validation/images.ts");
    expect(page.inputs).toContain("packages/core/src/http/http-client.ts");
    expect(page.skipped).toEqual([]);
    expect(page.gzipBytes).toBeLessThanOrEqual(25 * KB);
  }, 60_000);

  it("a page that lists, gets, uploads and downloads with verification: ≤ 45 kB min+gz with its hash code", async () => {
    const page = await measure("list-get-upload-download.ts", [/hash-wasm\/dist\/md5\./, /hash-wasm\/dist\/sha512\./]);
    console.log(show("list + get + upload + download", page));
    // md5 and sha512 are counted (loaded on the first transfer), the other algorithms are lazy and never loaded.
    expect(page.loaded.map((c) => c.entryPoint).filter((e) => e !== undefined && HASH_CHUNK.test(e)).length).toBe(2);
    expect(page.skipped.every((c) => c.entryPoint !== undefined && HASH_CHUNK.test(c.entryPoint))).toBe(true);
    for (const [what, re] of NOT_IN_A_LIST_PAGE.filter(([what]) => ["members", "tasks", "compute", "waiters", "imports", "identity", "zod"].includes(what))) {
      expect(page.inputs.filter((p) => re.test(p)), what).toEqual([]);
    }
    expect(page.gzipBytes).toBeLessThanOrEqual(45 * KB);
  }, 60_000);

  it("the same page through the full createClient: every API is in, hash code still loaded per algorithm (reported)", async () => {
    const page = await measure("create-client.ts", [/hash-wasm\/dist\/md5\./, /hash-wasm\/dist\/sha512\./]);
    console.log(show("createClient (full client)", page));
    // No budget here (the full client carries every API); what must hold is that no hash code
    // and no zod is in the page's own chunks: they are loaded per algorithm, on first use.
    const entryInputs = page.loaded.filter((c) => !(c.entryPoint !== undefined && HASH_CHUNK.test(c.entryPoint))).flatMap((c) => c.inputs);
    expect(entryInputs.filter((p) => /hash-wasm|\/zod\//.test(p))).toEqual([]);
    expect(page.skipped.every((c) => c.entryPoint !== undefined && HASH_CHUNK.test(c.entryPoint))).toBe(true);
  }, 60_000);
});
