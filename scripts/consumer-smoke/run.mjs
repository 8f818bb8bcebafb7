// Consumer smoke: packs every package of ./packages.mjs with `pnpm pack`, installs the tarballs
// (not workspace links) into a throwaway project outside the workspace, offline from the local
// pnpm store, and checks there what a user does with them:
//   - ESM `import` of every entry point, with the names it must export, and each package's smoke module;
//   - `require()` of the same entry points (require(esm): Node 22+, and 20.19+ where it is unflagged too);
//   - the commands the packages install;
//   - TypeScript with moduleResolution node16 and bundler (and a DOM-only project without
//     @types/node for the packages marked `web`), strict, declarations checked (no skipLibCheck).
// The runtime checks run on Node 20 (this process), 22 and 24 (packages/node-runtimes).
// Run after `pnpm build`:  node scripts/consumer-smoke/run.mjs [--keep]
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { PACKAGES } from "./packages.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { values } = parseArgs({ options: { keep: { type: "boolean" } } });
const NODES = [
  { label: "node20", node: process.execPath },
  { label: "node22", node: join(root, "packages/node-runtimes/node_modules/node22/bin/node") },
  { label: "node24", node: join(root, "packages/node-runtimes/node_modules/node24/bin/node") },
];

// pnpm's own variables of the `pnpm test` that started us must not configure the consumer's install.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !k.startsWith("PNPM_SCRIPT")));

function sh(cmd, args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", env: cleanEnv, timeout: 120_000, ...options });
  const seconds = (performance.now() - t0) / 1000;
  return { ok: r.status === 0, seconds, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`.trim() };
}
/** {@link sh} without waiting: the TypeScript projects compile side by side. */
function shAsync(cmd, args, options = {}) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: cleanEnv, stdio: ["ignore", "pipe", "pipe"], ...options });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("error", (e) => (out += String(e)));
    child.on("close", (code) => resolve({ ok: code === 0, seconds: (performance.now() - t0) / 1000, out: out.trim() }));
  });
}
function must(what, r) {
  if (!r.ok) {
    console.error(`consumer-smoke: ${what} failed:\n${r.out}`);
    process.exit(1);
  }
  return r.out;
}

const work = mkdtempSync(join(tmpdir(), "cloud-images-consumer-"));
const tarballs = join(work, "tarballs");
const app = join(work, "app");
mkdirSync(tarballs);
mkdirSync(join(app, "src"), { recursive: true });

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
// 1. Pack: `pnpm pack` turns workspace:^ ranges into versions, exactly as publishing does.
const packed = {};
for (const pkg of PACKAGES) {
  const manifest = JSON.parse(readFileSync(join(root, pkg.dir, "package.json"), "utf8"));
  if (manifest.private) throw new Error(`${pkg.dir} is private: it cannot be published`);
  const before = new Set(readdirSync(tarballs));
  must(`pnpm pack in ${pkg.dir}`, sh("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(root, pkg.dir) }));
  const file = readdirSync(tarballs).find((f) => !before.has(f));
  packed[manifest.name] = { file: join(tarballs, file), manifest, pkg };
}

// 2. The consumer project: every package from its tarball, its workspace dependencies too (overrides).
const specs = Object.fromEntries(Object.entries(packed).map(([name, p]) => [name, `file:${p.file}`]));
const typesNode = JSON.parse(readFileSync(join(root, "node_modules/@types/node/package.json"), "utf8")).version;
writeFileSync(
  join(app, "package.json"),
  JSON.stringify({ name: "consumer-smoke", private: true, type: "module", dependencies: specs, devDependencies: { "@types/node": typesNode }, pnpm: { overrides: specs } }, null, 2),
);
// Offline from the local pnpm store when its metadata cache knows every third-party package;
// otherwise the registry is asked for the missing metadata only (package contents still come
// from the store, our packages from the tarballs above).
const install = (mode) => sh("pnpm", ["install", mode, "--ignore-workspace", "--config.confirmModulesPurge=false"], { cwd: app });
const offline = install("--offline");
if (!offline.ok) console.log("consumer-smoke: the pnpm metadata cache is incomplete; installing with --prefer-offline");
if (!offline.ok) must("pnpm install --prefer-offline", install("--prefer-offline"));
console.log(`consumer-smoke: packed and installed ${Object.keys(packed).length} tarballs (${offline.ok ? "offline" : "prefer-offline"}) at ${elapsed()} in ${work}`);
for (const name of Object.keys(packed)) {
  const installed = JSON.parse(readFileSync(join(app, "node_modules", name, "package.json"), "utf8"));
  if (installed.version !== packed[name].manifest.version) throw new Error(`${name}: installed ${installed.version}, packed ${packed[name].manifest.version}`);
}

// 3. Checks.
const entries = PACKAGES.flatMap((pkg) => Object.entries(pkg.imports).map(([spec, names]) => ({ spec, names })));
const checkNames = `
const entries = ${JSON.stringify(entries)};
export function check(spec, mod, names) {
  const missing = names.filter((n) => mod[n] === undefined);
  if (missing.length) throw new Error(spec + " does not export " + missing.join(", "));
  if (Object.keys(mod).length === 0) throw new Error(spec + " exports nothing");
}
export { entries };`;
writeFileSync(join(app, "check-names.mjs"), checkNames);
writeFileSync(
  join(app, "esm.mjs"),
  `import { check, entries } from "./check-names.mjs";\nfor (const { spec, names } of entries) check(spec, await import(spec), names);\nconsole.log("esm ok");\n`,
);
writeFileSync(
  join(app, "require.cjs"),
  `const entries = ${JSON.stringify(entries)};\nfor (const { spec, names } of entries) {\n  const mod = require(spec);\n  const missing = names.filter((n) => mod[n] === undefined);\n  if (missing.length || Object.keys(mod).length === 0) throw new Error(spec + " via require(): missing " + missing.join(", "));\n}\nconsole.log("require ok");\n`,
);
const slug = (dir) => dir.replace(/[^a-z0-9]+/gi, "-");
for (const pkg of PACKAGES.filter((p) => p.smoke)) writeFileSync(join(app, `smoke-${slug(pkg.dir)}.mjs`), pkg.smoke);
for (const pkg of PACKAGES.filter((p) => p.ts)) writeFileSync(join(app, "src", `${slug(pkg.dir)}.ts`), `${pkg.ts}\n`);

const tsFiles = (which) => PACKAGES.filter((p) => p.ts && which(p)).map((p) => `src/${slug(p.dir)}.ts`);
const strict = { target: "ES2022", strict: true, noEmit: true, skipLibCheck: false, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true };
const tsProjects = {
  node16: { compilerOptions: { ...strict, module: "node16", moduleResolution: "node16", lib: ["ES2023"], types: ["node"] }, files: tsFiles((p) => !p.dom) },
  bundler: { compilerOptions: { ...strict, module: "esnext", moduleResolution: "bundler", lib: ["ES2023"], types: ["node"] }, files: tsFiles((p) => !p.dom) },
  "bundler, DOM, no @types/node": {
    compilerOptions: { ...strict, module: "esnext", moduleResolution: "bundler", lib: ["ES2023", "DOM", "DOM.Iterable"], types: [] },
    files: tsFiles((p) => p.web),
  },
};

const tsc = join(root, "node_modules/typescript/bin/tsc");
const compiled = Object.entries(tsProjects).map(async ([name, config]) => {
  const file = `tsconfig.${slug(name)}.json`;
  writeFileSync(join(app, file), JSON.stringify(config, null, 2));
  return { check: `tsc ${name}`, on: "tsc", ...(await shAsync(process.execPath, [tsc, "-p", file], { cwd: app })) };
});
const rows = [];
const withNode = (node) => ({ cwd: app, env: { ...cleanEnv, PATH: `${dirname(node)}${delimiter}${cleanEnv.PATH}` } });
for (const { label, node } of NODES) {
  rows.push({ check: "ESM import", on: label, ...sh(node, ["esm.mjs"], withNode(node)) });
  rows.push({ check: "require(esm)", on: label, ...sh(node, ["require.cjs"], withNode(node)) });
  for (const pkg of PACKAGES.filter((p) => p.smoke)) rows.push({ check: `smoke ${packedName(pkg)}`, on: label, ...sh(node, [`smoke-${slug(pkg.dir)}.mjs`], withNode(node)) });
  for (const pkg of PACKAGES) {
    for (const [bin, { args, output }] of Object.entries(pkg.bins ?? {})) {
      const r = sh(join(app, "node_modules/.bin", bin), args, withNode(node));
      rows.push({ check: `bin ${bin} ${args.join(" ")}`, on: label, ok: r.ok && output.test(r.out), seconds: r.seconds, out: r.out });
    }
  }
}
rows.push(...(await Promise.all(compiled)));

const checks = [...new Set(rows.map((r) => r.check))];
const columns = [...NODES.map((n) => n.label), "tsc"];
console.log(`\nconsumer smoke (${Object.keys(packed).join(", ")}), ${elapsed()}:`);
console.log(`  ${"".padEnd(44)} ${columns.map((c) => c.padEnd(9)).join(" ")}`);
for (const check of checks) {
  const cells = columns.map((c) => {
    const r = rows.find((x) => x.check === check && x.on === c);
    return (r ? `${r.ok ? "ok" : "FAIL"} ${r.seconds.toFixed(1)}` : "").padEnd(9);
  });
  console.log(`  ${check.padEnd(44)} ${cells.join(" ")}`);
}
const failed = rows.filter((r) => !r.ok);
for (const r of failed) console.error(`\n--- ${r.check} on ${r.on}:\n${r.out}`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
process.exit(failed.length > 0 ? 1 : 0);

function packedName(pkg) {
  return Object.values(packed).find((p) => p.pkg === pkg).manifest.name;
}
