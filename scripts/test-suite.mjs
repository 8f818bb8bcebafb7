// The tests of `pnpm test` (after `verify`): every vitest project, the unit suite and a
// real-Glance smoke on Node 20, 22 and 24, the consumer smoke and the release dry run — in three
// lanes side by side. On a 2-core machine run one after the other (as a plain `vitest run` does:
// its projects' files one at a time) they leave a core idle most of the time, because they want
// different things:
//   - `unit` computes (fake transports, the in-process emulator, spawned CLIs): the unit project
//     on Node 20, then on Node 22 and 24 side by side (scripts/runtimes.mjs --only unit);
//   - `integ` mostly waits on the real Glance of the `integ` project, whose files run one at a time;
//   - `servers` mostly waits too: the `integ-keystone`, `browser` and `browser-e2e` projects (their
//     own Keystone and Glance servers and Chromium), the `integ` files that start their own servers
//     or use the emulator (a second `integ` run: they need not queue for the shared Glance), then
//     the real-Glance smoke on Node 20, 22 and 24 (scripts/runtimes.mjs --only smoke), the
//     consumer smoke and the release dry run.
// Each vitest project keeps its own servers and its own one-file-at-a-time rule; the lanes only
// overlap runs that share no server. The unit lane runs at a lower priority (nice 5).
//
//   node scripts/test-suite.mjs [--lane unit|integ|servers] [--list (prints the steps, runs nothing)]
// Each step's output goes to .tmp/test-suite/<step>.log and is printed whole when the step ends;
// every step runs even when another failed; a summary with each step's time comes last.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { setPriority } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs, stripVTControlCharacters } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const logs = join(root, ".tmp/test-suite");
const node = process.execPath;
const vitest = join(root, "node_modules/vitest/vitest.mjs");
const tsx = join(root, "node_modules/tsx/dist/cli.mjs");

/** One command of a lane; `nice`: its scheduling priority (higher: yields the CPU to the others). */
const step = (name, args, nice = 0) => ({ name, args, nice });

/** Test files of the `integ` project (root vitest.config.ts: *.integ.test.ts, not *.keystone.integ.test.ts). */
function integFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "dist") walk(path);
      } else if (path.endsWith(".integ.test.ts") && !path.endsWith(".keystone.integ.test.ts")) found.push(path);
    }
  };
  for (const group of ["packages", "apps"]) {
    for (const pkg of readdirSync(join(root, group))) if (existsSync(join(root, group, pkg, "test"))) walk(`${group}/${pkg}/test`);
  }
  return found.sort();
}
/**
 * `integ` files that do not use the project's shared real Glance — they start their own Keystone
 * and Glance, or run against the emulator — so they need not wait in its one-at-a-time queue.
 */
const OWN_SERVERS = /(^|\/)keystone(-expiry)?\.integ\.test\.ts$|\.emulator\.integ\.test\.ts$/;
const integ = integFiles();
const sharedGlanceFiles = integ.filter((f) => !OWN_SERVERS.test(f));
const ownServerFiles = integ.filter((f) => OWN_SERVERS.test(f));

// The unit lane computes while the others mostly wait on servers: it yields the CPU to them
// (nice 5), so the server lanes' timings stay what the files expect, and it takes the slack.
const LANES = {
  unit: [step("unit-node20", [vitest, "run", "--project", "unit"], 5), step("runtimes-unit", [tsx, "scripts/runtimes.mjs", "--only", "unit"], 5)],
  integ: [step("integ", [vitest, "run", "--project", "integ", ...sharedGlanceFiles])],
  servers: [
    step("keystone-browser", [vitest, "run", "--project", "integ-keystone", "--project", "browser", "--project", "browser-e2e"]),
    step("integ-own-servers", [vitest, "run", "--project", "integ", ...ownServerFiles]),
    step("runtimes-smoke", [tsx, "scripts/runtimes.mjs", "--only", "smoke"]),
    step("consumers", ["scripts/consumer-smoke/run.mjs"]),
    step("release-dry-run", ["scripts/release-dry-run.mjs"]),
  ],
};

const { values } = parseArgs({ options: { lane: { type: "string" }, list: { type: "boolean" } } });
const lanes = values.lane ? { [values.lane]: LANES[values.lane] } : LANES;
if (Object.values(lanes).some((l) => l === undefined)) throw new Error(`unknown lane ${values.lane} (unit, integ or servers)`);
if (values.list) {
  for (const [lane, steps] of Object.entries(lanes)) for (const s of steps) console.log(`${lane}: ${s.name}${s.nice ? ` (nice ${s.nice})` : ""}: node ${s.args.map((a) => a.replace(root, "")).join(" ")}`);
  process.exit(0);
}
mkdirSync(logs, { recursive: true });
const started = performance.now();
const clock = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;

/** Runs one step to its log; prints the log whole when it ends. */
function run(lane, { name, args, nice }) {
  const log = join(logs, `${name}.log`);
  const out = createWriteStream(log);
  const t0 = performance.now();
  console.log(`[${clock()}] ${lane}: ${name} started`);
  const env = { ...process.env };
  if (!env.FORCE_COLOR) env.NO_COLOR = "1";
  const child = spawn(node, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  // Children inherit it (vitest's workers, the CLIs they spawn).
  if (nice !== 0 && child.pid !== undefined) setPriority(child.pid, nice);
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
