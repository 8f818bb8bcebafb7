/**
 * Cold start: `import("@cloud-images/node")` in a fresh `node` process (the built package, as a
 * CLI or a serverless function loads it), against bare `node -e 0` started the same way. The
 * target is absolute: at most 60 ms and 12 MB of peak RSS more than bare node (medians of
 * interleaved rounds). Every process prints its own peak RSS at exit.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildDist } from "./build-dist.js";
import { median, type BenchCase, type BenchContext, type BenchModule } from "./stats.js";

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
/** Most extra time and peak RSS the import may cost over bare node. */
export const IMPORT_BUDGET = { ms: 60, mb: 12 } as const;

const PRINT_RSS = `process.stdout.write(String(process.resourceUsage().maxRSS / 1024))`;

/** Spawns `node` with `args` in the package folder (so `@cloud-images/node` resolves to its own dist) and returns its peak RSS (MB). */
async function node(args: readonly string[]): Promise<number> {
  const { stdout } = await run(process.execPath, [...args], { cwd: PACKAGE_DIR, env: { ...process.env, NODE_OPTIONS: "" } });
  return Number(stdout);
}

function coldImportCase(): BenchCase {
  const sdkRss: number[] = [];
  const bareRss: number[] = [];
  return {
    name: `cold import("@cloud-images/node") vs node -e 0`,
    target: 1,
    targetText: `+${IMPORT_BUDGET.ms} ms`,
    warmup: 2,
    rounds: 15,
    passes: (sdkMs, bareMs) => sdkMs - bareMs <= IMPORT_BUDGET.ms && median(sdkRss) - median(bareRss) <= IMPORT_BUDGET.mb,
    get note() {
      if (sdkRss.length === 0) return "not run";
      const extra = median(sdkRss) - median(bareRss);
      return `peak RSS: bare node ${median(bareRss).toFixed(1)} MB, with the import ${median(sdkRss).toFixed(1)} MB (+${extra.toFixed(1)} MB, target ≤ +${IMPORT_BUDGET.mb}: ${extra <= IMPORT_BUDGET.mb ? "PASS" : "MISS"}); the time target is the wall-clock difference of the medians (≤ +${IMPORT_BUDGET.ms} ms); one round = one process per side, the built package (dist), plain node`;
    },
    sdk: async () => {
      sdkRss.push(await node(["--input-type=module", "--eval", `await import("@cloud-images/node"); ${PRINT_RSS}`]));
    },
    baseline: async () => {
      bareRss.push(await node(["--eval", PRINT_RSS]));
    },
  };
}

const startupBench: BenchModule = {
  name: "startup",
  async setup(context: BenchContext) {
    await buildDist(context.log);
    return [coldImportCase()];
  },
};

export default startupBench;
