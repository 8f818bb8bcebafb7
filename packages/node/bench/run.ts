/**
 * `pnpm bench`: starts ONE local Glance, lets every case module seed and build its cases,
 * measures SDK vs raw baseline interleaved, prints a table and writes
 * `packages/node/bench/results/latest.json`. Glance is stopped even on failure or Ctrl-C.
 *
 * Options (after `pnpm bench --`): `--rounds N` (timed rounds of every case), `--only TEXT`
 * (cases whose name contains TEXT; repeatable), `--strict` (exit 1 when a target is missed),
 * `--keep-page-reporting` (leave the machine's free page reporting as it is; see machine.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { startGlance, type GlanceServer } from "@cloud-images/test-servers";
import { holdMachine } from "./machine.js";
import { formatTable, runInterleaved, type BenchModule, type BenchOptions, type CaseResult } from "./stats.js";

/** Case modules, run in this order against the same Glance. Add one line per `*.bench.ts`. */
const CASE_MODULES: ReadonlyArray<() => Promise<{ default: BenchModule }>> = [
  () => import("./images.bench.js"),
  () => import("./data.bench.js"),
  () => import(new URL("../../../apps/cli/bench/cli.bench.ts", import.meta.url).href) as Promise<{ default: BenchModule }>, // the CLI's own cases (apps/cli)
  () => import("./startup.bench.js"),
  () => import("./validation.bench.js"),
];

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

function parseOptions(): BenchOptions & { strict: boolean; keepPageReporting: boolean } {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: {
      rounds: { type: "string" },
      only: { type: "string", multiple: true },
      strict: { type: "boolean", default: false },
      "keep-page-reporting": { type: "boolean", default: false },
    },
  });
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1)) throw new Error(`--rounds must be a positive integer`);
  return { rounds, only: values.only ?? [], strict: values.strict ?? false, keepPageReporting: values["keep-page-reporting"] ?? false };
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseOptions();
  const machine = holdMachine({ keep: options.keepPageReporting });
  log(`machine: ${machine.note}`);
  let glance: GlanceServer | undefined;
  const stopGlance = async (): Promise<void> => {
    await glance?.stop();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping Glance`);
    void stopGlance().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const results: CaseResult[] = [];
  const summaries: string[] = [];
  const failures: string[] = [];
  try {
    glance = await startGlance();
    const context = { glanceUrl: glance.url, glanceDir: glance.dir, options, log };
    for (const load of CASE_MODULES) {
      // A module that fails to load or set up is reported and skipped: the other rows still run.
      let module: BenchModule;
      try {
        module = (await load()).default;
      } catch (error) {
        failures.push(`a case module failed to load: ${(error as Error).message ?? String(error)}`);
        log(`case module failed to load, skipped: ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      log(`${module.name}: setup`);
      try {
        const cases = (await module.setup(context)).filter(
          (c) => options.only.length === 0 || options.only.some((o) => c.name.includes(o)),
        );
        for (const c of cases) {
          log(`${c.name}: ${c.warmup ?? 2} warm-up + ${options.rounds ?? c.rounds ?? 7} timed rounds per side, interleaved`);
          await c.before?.();
          const result = await runInterleaved(c, {
            rounds: options.rounds,
            onRound: (round, sdkMs, baselineMs) =>
              log(`  round ${round + 1}: SDK ${sdkMs.toFixed(1)} ms, baseline ${baselineMs.toFixed(1)} ms, ratio ${(sdkMs / baselineMs).toFixed(3)}`),
          });
          results.push(result);
        }
      } catch (error) {
        failures.push(`${module.name}: ${(error as Error).message ?? String(error)}`);
        log(`${module.name} failed, its remaining cases skipped: ${(error as Error).stack ?? String(error)}`);
      } finally {
        const summary = module.summary?.();
        if (summary) summaries.push(summary);
        await module.teardown?.();
      }
    }
  } finally {
    await stopGlance();
    machine.restore();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  const totalS = (Date.now() - started) / 1000;
  process.stdout.write(`\n${formatTable(results)}\n\n`);
  for (const r of results) if (r.note) process.stdout.write(`  ${r.name}: ${r.note}; median of ${r.rounds} rounds after ${r.warmup} warm-up\n`);
  for (const summary of summaries) process.stdout.write(`\n${summary}\n`);
  for (const failure of failures) process.stdout.write(`\nFAILED ${failure}\n`);
  process.stdout.write(`\nratio = median SDK round / median baseline round (wall clock; Glance's own time is in both).\n`);
  process.stdout.write(`cpu = this process's CPU per round (the client-side cost). Total ${totalS.toFixed(0)} s.\n`);
  process.stdout.write(`machine: ${machine.note}.\n`);

  const dir = new URL("./results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL("latest.json", dir);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        machine: machine.note,
        totalSeconds: totalS,
        options,
        results,
        failures,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`Results written to ${file.pathname}\n`);
  const missed = results.filter((r) => !r.pass);
  if (failures.length > 0) return 1;
  return options.strict && missed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
