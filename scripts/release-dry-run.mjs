// The changesets flow on a throwaway copy of the tree: `changeset version` (versions, CHANGELOGs,
// workspace ranges), then `pnpm publish -r --dry-run` (what each package would publish). The
// working tree is never changed. Run after `pnpm build` (the tarballs need dist/):
//   node scripts/release-dry-run.mjs [--keep]
// Fails when: a changeset names a package that is missing or private, `changeset version` bumps
// nothing, touches a private package or leaves a changeset or a CHANGELOG out, a public package
// would not be published (or a private one would), or the dry-run publish fails.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { keep: { type: "boolean" } } });
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !k.startsWith("PNPM_SCRIPT")));

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: cleanEnv });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} exited ${r.status}:\n${out}`);
  return out;
}
function fail(message) {
  console.error(`release-dry-run: ${message}`);
  process.exit(1);
}

// 1. The copy: tracked and untracked (not ignored) files, the built dist/ folders, and links to
//    the installed node_modules (pnpm's links inside them are relative, so they resolve there).
const copy = join(mkdtempSync(join(tmpdir(), "cloud-images-release-")), "repo");
const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root).split("\0").filter(Boolean);
for (const file of files) {
  if (!existsSync(join(root, file))) continue; // deleted in the working tree
  mkdirSync(dirname(join(copy, file)), { recursive: true });
  cpSync(join(root, file), join(copy, file), { verbatimSymlinks: true });
}
const workspaceDirs = ["packages", "apps"].flatMap((d) => readdirSync(join(root, d)).map((p) => join(d, p))).filter((d) => existsSync(join(root, d, "package.json")));
for (const dir of ["", ...workspaceDirs]) {
  const modules = join(root, dir, "node_modules");
  if (existsSync(modules)) symlinkSync(modules, join(copy, dir, "node_modules"));
  const dist = join(root, dir, "dist");
  if (dir && existsSync(dist) && lstatSync(dist).isDirectory()) cpSync(dist, join(copy, dir, "dist"), { recursive: true });
}

const manifests = () =>
  Object.fromEntries(
    workspaceDirs.map((d) => {
      const m = JSON.parse(readFileSync(join(copy, d, "package.json"), "utf8"));
      return [m.name, { dir: d, ...m }];
    }),
  );
const before = manifests();

// 2. The changesets must name published packages.
const changesets = readdirSync(join(copy, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
for (const file of changesets) {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(copy, ".changeset", file), "utf8"))?.[1] ?? fail(`${file} has no frontmatter`);
  for (const [, name] of front.matchAll(/^["']?([^"':]+)["']?\s*:/gm)) {
    if (!before[name]) fail(`${file} names ${name}, which is not a workspace package`);
    if (before[name].private) fail(`${file} names ${name}, which is private (never published)`);
  }
}

// 3. changeset version.
run(process.execPath, [join(root, "node_modules/@changesets/cli/bin.js"), "version"], copy);
const after = manifests();
const bumped = Object.keys(after).filter((n) => after[n].version !== before[n].version);
if (bumped.length === 0) fail("changeset version bumped nothing");
for (const n of bumped) if (after[n].private) fail(`changeset version bumped the private ${n}`);
for (const n of bumped) if (!existsSync(join(copy, after[n].dir, "CHANGELOG.md"))) fail(`${n} has no CHANGELOG.md after changeset version`);
const left = readdirSync(join(copy, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
if (left.length > 0) fail(`changesets left after version: ${left.join(", ")}`);

// 4. The dry-run publish of every public package (npm prints what each tarball holds on stderr).
const r = spawnSync("pnpm", ["publish", "-r", "--dry-run", "--no-git-checks"], { cwd: copy, encoding: "utf8", env: cleanEnv });
if (r.status !== 0) fail(`pnpm publish -r --dry-run exited ${r.status}:\n${r.stdout}${r.stderr}`);
const names = [...r.stdout.matchAll(/^\+ (.+)@([^@\s]+)$/gm)].map((m) => m[1]);
const report = {};
let current;
for (const line of r.stderr.split("\n")) {
  const pkg = /npm notice 📦\s+(.+)@[^@\s]+$/.exec(line);
  if (pkg) report[(current = pkg[1])] = {};
  const stat = /npm notice (package size|unpacked size|total files):\s+(.+)$/.exec(line);
  if (stat && current) report[current][stat[1]] = stat[2];
}
for (const [name, m] of Object.entries(after)) {
  if (m.private && names.includes(name)) fail(`the private ${name} would be published`);
  if (!m.private && !names.includes(name)) fail(`${name} would not be published`);
}

console.log(`release dry run (${changesets.length} changesets):`);
for (const n of Object.keys(after).sort()) {
  const m = after[n];
  if (m.private) continue;
  const p = report[n] ?? {};
  const change = m.version === before[n].version ? "unchanged" : `${before[n].version} → ${m.version}`;
  console.log(`  ${`${n}@${m.version}`.padEnd(34)} ${change.padEnd(16)} ${p["total files"] ?? "?"} files, ${p["package size"] ?? "?"} packed, ${p["unpacked size"] ?? "?"} unpacked`);
}
if (!values.keep) rmSync(dirname(copy), { recursive: true, force: true });
else console.log(`kept ${copy}`);
