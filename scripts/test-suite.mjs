// The tests of `pnpm test` (after `verify`): every vitest project, the unit suite and a
// real-Glance smoke on Node 20, 22 and 24, the consumer smoke and the release dry run — in three
// lanes side by side. On a 2-core machine run one after the other (as a plain `vitest run` does:
// its projects' files one at a time) they leave a core idle most of the time, because they want
// different things:
//   - `unit` computes (fake transports, the in-process emulator, spawned CLIs): the unit project
//     on Node 20, then on Node 22 and 24 side by side (scripts/runtimes.mjs --only unit);
//   - `integ` mostly waits on the real Glance of the `integ` project, whose files run one at a time;
//   - `servers` mostly waits too: the `integ-keystone`, `browser` and `browser-e2e` projects (their
//     own Keystone and Glance servers and Chromium), then the real-Glance smoke on Node 20, 22 and
//     24 (scripts/runtimes.mjs --only smoke), the consumer smoke and the release dry run.
// Each vitest project keeps its own servers and its own one-file-at-a-time rule; the lanes only
// overlap projects that share nothing.
//
//   node scripts/test-suite.mjs [--lane unit|integ|servers]
// Each step's output goes to .tmp/test-suite/<step>.log and is printed whole when the step ends;
// every step runs even when another failed; a summary with each step's time comes last.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs, stripVTControlCharacters } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const logs = join(root, ".tmp/test-suite");
const node = process.execPath;
const vitest = join(root, "node_modules/vitest/vitest.mjs");
const tsx = join(root, "node_modules/tsx/dist/cli.mjs");

/** One command of a lane. */
const step = (name, args) => ({ name, args });
const LANES = {
  unit: [step("unit-node20", [vitest, "run", "--project", "unit"]), step("runtimes-unit", [tsx, "scripts/runtimes.mjs", "--only", "unit"])],
  integ: [step("integ", [vitest, "run", "--project", "integ"])],
  servers: [
    step("keystone-browser", [vitest, "run", "--project", "integ-keystone", "--project", "browser", "--project", "browser-e2e"]),
    step("runtimes-smoke", [tsx, "scripts/runtimes.mjs", "--only", "smoke"]),
    step("consumers", ["scripts/consumer-smoke/run.mjs"]),
    step("release-dry-run", ["scripts/release-dry-run.mjs"]),
  ],
};

const { values } = parseArgs({ options: { lane: { type: "string" } } });
const lanes = values.lane ? { [values.lane]: LANES[values.lane] } : LANES;
if (Object.values(lanes).some((l) => l === undefined)) throw new Error(`unknown lane ${values.lane} (unit, integ or servers)`);
mkdirSync(logs, { recursive: true });
const started = performance.now();
const clock = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;

/** Runs one step to its log; prints the log whole when it ends. */
function run(lane, { name, args }) {
  const log = join(logs, `${name}.log`);
  const out = createWriteStream(log);
  const t0 = performance.now();
  console.log(`[${clock()}] ${lane}: ${name} started`);
  const env = { ...process.env };
  if (!env.FORCE_COLOR) env.NO_COLOR = "1";
  const child = spawn(node, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  return new Promise((resolve) => {
    child.on("error", (error) => out.write(`\n${String(error)}\n`));
    child.on("close", (code) => {
      out.end(() => {
        const seconds = (performance.now() - t0) / 1000;
        const text = readFileSync(log, "utf8");
        const plain = stripVTControlCharacters(text);
        const tests = /Tests\s+(.+)/.exec(plain)?.[1]?.trim() ?? "";
        console.log(`\n[${clock()}] ===== ${lane}: ${name} ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s — output (${log}):`);
        console.log(text.trimEnd());
        console.log(`===== end of ${name}\n`);
        resolve({ lane, name, code, seconds, tests });
      });
    });
  });
}

async function runLane(lane, steps) {
  const results = [];
  for (const s of steps) results.push(await run(lane, s));
  return results;
}

const results = (await Promise.all(Object.entries(lanes).map(([lane, steps]) => runLane(lane, steps)))).flat();
console.log(`test suite, ${clock().trim()} in all:`);
for (const r of results) console.log(`  ${r.code === 0 ? "ok  " : "FAIL"} ${r.lane.padEnd(8)} ${r.name.padEnd(16)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.tests}`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
