/**
 * The documentation examples harness (used by `docs-examples.test.ts`): finds the ```ts blocks
 * of `README.md` and of the TSDoc `@example`s in `packages/{core,node}/src`, writes each as a
 * module that tsc compiles and the test runs, and runs tsc once over all of them.
 *
 * Each block becomes `<n>-<name>.ts`: its `import` declarations stay at the top, the rest becomes
 * the body of `export default async function (ctx)`, nested in its own `{ }` block so that it may
 * declare a name the context also gives. The context's names (see {@link DOC_CONTEXT_TYPE}) are
 * the free variables a block may use.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ts from "typescript";

/** One ```ts block of the documentation. */
export interface DocBlock {
  /** Where it is: `README.md:42` or `packages/core/src/…/file.ts:17` (the fence's line). */
  readonly where: string;
  /** Absolute path of the file it is in (relative imports of the block resolve from there). */
  readonly file: string;
  /** Words after `ts` in the fence (e.g. `compile-only`). */
  readonly flags: readonly string[];
  /** The code, as a reader sees it (TSDoc's leading ` * ` removed). */
  readonly code: string;
}

/** A block written as a module. */
export interface ExampleModule {
  readonly block: DocBlock;
  /** Absolute path of the generated module. */
  readonly file: string;
  /** False for blocks marked `compile-only`. */
  readonly runs: boolean;
}

/** The monorepo root. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../../../..");

/** The free variables a block may use, and their types (the `ctx` parameter of each module). */
export const DOC_CONTEXT_TYPE = `{
  /** The image endpoint of the emulator (Glance flavour). */
  endpoint: string;
  /** A token valid there. */
  token: string;
  /** A client of that endpoint with that token. */
  glance: __sdk.NodeImageClient;
  /** An active image with 4 KiB of data, made for this block. */
  image: __sdk.Image;
  /** A Rackspace API-key login to the emulator's identity service. */
  identity: __sdk.AuthMethod;
  /** A compute (next-gen Cloud Servers) client of the same account. */
  compute: __sdk.NodeComputeClient;
  /** A server of the account (for snapshots). */
  serverId: string;
  /** A Cloud Files container of the account (for export tasks). */
  container: string;
}`;

/** The ```ts blocks of a Markdown text. */
export function markdownBlocks(text: string, file: string): DocBlock[] {
  return fencedBlocks(text.split("\n"), file);
}

/** The ```ts blocks inside the `@example` tags of the TSDoc comments of a source file. */
export function tsdocExampleBlocks(text: string, file: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
    // The example runs to the next tag or the end of the comment.
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*\*\//.test(lines[j]!) && !/^\s*\*\s*@\w/.test(lines[j]!); j++) {
      body.push(lines[j]!.replace(/^\s*\* ?/, ""));
    }
    for (const block of fencedBlocks(body, file, i + 1)) blocks.push(block);
    i = j - 1;
  }
  return blocks;
}

function fencedBlocks(lines: readonly string[], file: string, lineOffset = 0): DocBlock[] {
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```ts\b(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const code: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) code.push(lines[i]!);
    const flags = open[1]!.trim().split(/\s+/).filter(Boolean);
    blocks.push({ where: `${path.relative(REPO_ROOT, file)}:${lineOffset + start + 1}`, file, flags, code: code.join("\n") + "\n" });
  }
  return blocks;
}

/** Every documentation block: README.md, then the TSDoc examples of core and node, by file. */
export function allDocBlocks(): DocBlock[] {
  const readmePath = path.join(REPO_ROOT, "README.md");
  const readme = markdownBlocks(readFileSync(readmePath, "utf8"), readmePath);
  const sources = ["packages/core/src", "packages/node/src"].flatMap((dir) => sourceFiles(path.join(REPO_ROOT, dir)));
  const tsdoc = sources.flatMap((file) => tsdocExampleBlocks(readFileSync(file, "utf8"), file));
  return [...readme, ...tsdoc];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
      return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [full] : [];
    });
}

/** Writes every block as a module (plus a tsconfig) into `dir`, emptied first. */
export function writeExampleModules(blocks: readonly DocBlock[], dir: string): ExampleModule[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  return blocks.map((block, n) => {
    const name = `${String(n + 1).padStart(2, "0")}-${block.where.replace(/^.*\//, "").replace(/[^\w]+/g, "-")}.ts`;
    const file = path.join(dir, name);
    writeFileSync(file, moduleSource(block, dir));
    return { block, file, runs: !block.flags.includes("compile-only") };
  });
}

/** Compiled like the package's own sources, with `@cloud-images/*` resolved to their sources. */
const TSCONFIG = {
  extends: path.join(REPO_ROOT, "tsconfig.base.json"),
  compilerOptions: { noEmit: true, lib: ["ES2023"], types: ["node"], declaration: false, declarationMap: false, sourceMap: false },
  include: ["*.ts"],
};

/**
 * The module of one block, to be written into `dir`: its imports (a relative one made relative
 * to `dir`, so it still names the file next to the block's source), then its statements as the
 * body of the default export.
 */
export function moduleSource(block: DocBlock, dir: string): string {
  const source = ts.createSourceFile("block.ts", block.code, ts.ScriptTarget.Latest, true);
  const imports = source.statements.filter(ts.isImportDeclaration).map((s) => {
    const specifier = (s.moduleSpecifier as ts.StringLiteral).text;
    if (!specifier.startsWith(".")) return s.getText(source);
    const target = path.relative(dir, path.resolve(path.dirname(block.file), specifier)).split(path.sep).join("/");
    return s.getText(source).replace(s.moduleSpecifier.getText(source), JSON.stringify(target.startsWith(".") ? target : `./${target}`));
  });
  const body = source.statements.filter((s) => !ts.isImportDeclaration(s)).map((s) => s.getFullText(source));
  return [
    `// Generated from ${block.where} by packages/node/test/docs-examples.test.ts. Do not edit.`,
    `import type * as __sdk from "@cloud-images/node";`,
    ...imports,
    `export default async function example(__ctx: ${DOC_CONTEXT_TYPE}): Promise<void> {`,
    `  const { endpoint, token, glance, image, identity, compute, serverId, container } = __ctx;`,
    `  {`,
    body.join("").replace(/^\n+/, ""),
    `  }`,
    `}`,
    "",
  ].join("\n");
}

/** Runs tsc once over the modules in `dir`: its exit code and diagnostics. */
export async function compileExamples(dir: string): Promise<{ code: number | null; output: string }> {
  const tsc = path.join(path.dirname(createRequire(path.join(REPO_ROOT, "package.json")).resolve("typescript/package.json")), "bin/tsc");
  const child = spawn(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json"), "--pretty", "false"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  return { code, output };
}

/** tsc's diagnostics with each generated file named by the block it came from. */
export function explainDiagnostics(output: string, modules: readonly ExampleModule[]): string {
  return modules.reduce((text, m) => text.replaceAll(path.basename(m.file), `${path.basename(m.file)} (${m.block.where})`), output);
}
