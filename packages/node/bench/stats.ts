/**
 * Timing helpers of the benchmark runner: interleaved SDK/baseline rounds, medians, and the
 * shapes case modules export. Nothing here knows about Glance.
 */
import { performance } from "node:perf_hooks";

/**
 * One side of a comparison: does one round's worth of work (e.g. 200 gets, or one full
 * listing). A side that times itself (a peer timed inside its own process, without its
 * start-up) resolves its own wall-clock ms, which then replaces the runner's measure.
 */
export type Work = () => Promise<void | number>;

/**
 * One side of a comparison split into steps (one request each). `start` begins a round and
 * returns `step`, which does the next step and resolves `false` once the round is complete.
 * The runner alternates SDK and baseline steps inside each round, so load from other processes
 * on the machine hits both sides alike (much steadier than alternating whole rounds).
 */
export interface Stepped {
  start(): () => Promise<boolean>;
}

/** A comparison of the SDK against a raw baseline, measured by {@link runInterleaved}. */
export interface BenchCase {
  /** Shown in the table, e.g. `images.get ×200 (keep-alive)`. */
  readonly name: string;
  /** Highest acceptable SDK/baseline ratio of the medians, e.g. 1.10. */
  readonly target: number;
  /** One round of SDK work: a function (whole round timed), or {@link Stepped} (steps interleaved). */
  readonly sdk: Work | Stepped;
  /** The same round of work done the raw way (same kind as `sdk`). */
  readonly baseline: Work | Stepped;
  /** Runs once before the case's first round, untimed (e.g. flushing the previous cases' file writes). */
  readonly before?: () => Promise<void>;
  /** Untimed rounds per side before measuring (default 2). */
  readonly warmup?: number;
  /** Timed rounds per side (default 7; `--rounds N` overrides). */
  readonly rounds?: number;
  /** Extra text shown under the table (what one round does, counts checked…). */
  readonly note?: string;
  /**
   * The verdict when the target is not a plain time ratio (e.g. "at most 60 ms more than bare
   * node"): given the medians, whether the case meets its target. Default: ratio ≤ `target`.
   */
  readonly passes?: (sdkMs: number, baselineMs: number) => boolean;
  /** How the target reads in the table when {@link passes} decides (default `≤ <target>`). */
  readonly targetText?: string;
}

/** What a case module gets from the runner. */
export interface BenchContext {
  /** Glance base URL, e.g. `http://127.0.0.1:40123`. */
  readonly glanceUrl: string;
  /** Throwaway directory of the running Glance (its sqlite DB is `${glanceDir}/glance.sqlite`). */
  readonly glanceDir: string;
  /** Command-line options after `pnpm bench --`. */
  readonly options: BenchOptions;
  /** Progress output (stderr). */
  log(message: string): void;
}

/** Command-line options of the runner. */
export interface BenchOptions {
  /** Overrides every case's round count. */
  readonly rounds?: number | undefined;
  /** Runs only cases whose name contains one of these strings. */
  readonly only: readonly string[];
}

/**
 * A case module (`*.bench.ts`, default export). `setup` prepares data on the shared Glance and
 * returns the cases; `teardown` releases what setup opened (clients, pools). Both are awaited
 * in order, one module at a time.
 */
export interface BenchModule {
  /** Short name for progress output. */
  readonly name: string;
  setup(context: BenchContext): Promise<readonly BenchCase[]>;
  teardown?(): Promise<void>;
  /** Lines printed under the table once every case ran (e.g. one figure across several cases). */
  summary?(): string | undefined;
}

/** The measured outcome of one {@link BenchCase}. */
export interface CaseResult {
  readonly name: string;
  /** Median wall-clock ms of one SDK round. */
  readonly sdkMs: number;
  /** Median wall-clock ms of one baseline round. */
  readonly baselineMs: number;
  /** `sdkMs / baselineMs`. */
  readonly ratio: number;
  readonly target: number;
  readonly targetText?: string | undefined;
  readonly pass: boolean;
  /** Median CPU ms (user + system) of this process per round: the client-side cost. */
  readonly sdkCpuMs: number;
  readonly baselineCpuMs: number;
  /** Every timed round, wall-clock ms, in order. */
  readonly sdkRoundsMs: readonly number[];
  readonly baselineRoundsMs: readonly number[];
  readonly warmup: number;
  readonly rounds: number;
  readonly note?: string | undefined;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall-clock and process CPU time of one run of `work`, in ms. */
export async function measure(work: Work): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const own = await work();
  const wallMs = typeof own === "number" ? own : performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs a case: `warmup` untimed rounds of each side, then `rounds` timed rounds alternating
 * the order (SDK first in even rounds, baseline first in odd ones) so drift of the server or
 * machine hits both sides alike. Reports medians and their ratio.
 */
export async function runInterleaved(
  c: BenchCase,
  options: { rounds?: number | undefined; onRound?: (round: number, sdkMs: number, baselineMs: number) => void } = {},
): Promise<CaseResult> {
  const warmup = c.warmup ?? 2;
  const rounds = options.rounds ?? c.rounds ?? 7;
  for (let i = 0; i < warmup; i++) {
    if (typeof c.sdk === "function" && typeof c.baseline === "function") {
      await c.sdk();
      await c.baseline();
    } else await steppedRound(c.sdk as Stepped, c.baseline as Stepped, i % 2 === 0);
  }
  const sdkWall: number[] = [];
  const sdkCpu: number[] = [];
  const baseWall: number[] = [];
  const baseCpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (typeof c.sdk !== "function" || typeof c.baseline !== "function") {
      maybeGc();
      const m = await steppedRound(c.sdk as Stepped, c.baseline as Stepped, round % 2 === 0);
      sdkWall.push(m.sdk.wallMs);
      sdkCpu.push(m.sdk.cpuMs);
      baseWall.push(m.baseline.wallMs);
      baseCpu.push(m.baseline.cpuMs);
      options.onRound?.(round, m.sdk.wallMs, m.baseline.wallMs);
      continue;
    }
    const order = round % 2 === 0 ? (["sdk", "baseline"] as const) : (["baseline", "sdk"] as const);
    for (const side of order) {
      maybeGc();
      const m = await measure(side === "sdk" ? c.sdk : c.baseline);
      (side === "sdk" ? sdkWall : baseWall).push(m.wallMs);
      (side === "sdk" ? sdkCpu : baseCpu).push(m.cpuMs);
    }
    options.onRound?.(round, sdkWall[round]!, baseWall[round]!);
  }
  const sdkMs = median(sdkWall);
  const baselineMs = median(baseWall);
  const ratio = sdkMs / baselineMs;
  return {
    name: c.name,
    sdkMs,
    baselineMs,
    ratio,
    target: c.target,
    targetText: c.targetText,
    pass: c.passes ? c.passes(sdkMs, baselineMs) : ratio <= c.target,
    sdkCpuMs: median(sdkCpu),
    baselineCpuMs: median(baseCpu),
    sdkRoundsMs: sdkWall,
    baselineRoundsMs: baseWall,
    warmup,
    rounds,
    note: c.note,
  };
}

/** One round of two {@link Stepped} sides, steps alternating; per side, the sum of its steps' times. */
async function steppedRound(
  sdk: Stepped,
  baseline: Stepped,
  sdkFirst: boolean,
): Promise<{ sdk: { wallMs: number; cpuMs: number }; baseline: { wallMs: number; cpuMs: number } }> {
  const sides = [
    { name: "sdk" as const, step: sdk.start(), more: true, wallMs: 0, cpuMs: 0, steps: 0 },
    { name: "baseline" as const, step: baseline.start(), more: true, wallMs: 0, cpuMs: 0, steps: 0 },
  ];
  if (!sdkFirst) sides.reverse();
  while (sides.some((s) => s.more)) {
    for (const side of sides) {
      if (!side.more) continue;
      let more = false;
      const m = await measure(async () => {
        more = await side.step();
      });
      side.more = more;
      side.wallMs += m.wallMs;
      side.cpuMs += m.cpuMs;
      side.steps++;
    }
  }
  const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
  if (a.steps !== b.steps) throw new Error(`sides took different step counts: ${a.name} ${a.steps}, ${b.name} ${b.steps}`);
  const bySide = a.name === "sdk" ? { sdk: a, baseline: b } : { sdk: b, baseline: a };
  return bySide;
}

/** Collects garbage between timed runs when node runs with `--expose-gc`, so one side does not pay for the other's garbage. */
function maybeGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === "function") gc();
}

/** The results as an aligned text table. */
export function formatTable(results: readonly CaseResult[]): string {
  const header = ["case", "SDK ms", "baseline ms", "ratio", "target", "result", "SDK cpu ms", "baseline cpu ms"];
  const rows = results.map((r) => [
    r.name,
    r.sdkMs.toFixed(1),
    r.baselineMs.toFixed(1),
    r.ratio.toFixed(3),
    r.targetText ?? `≤ ${r.target.toFixed(2)}`,
    r.pass ? "PASS" : "MISS",
    r.sdkCpuMs.toFixed(1),
    r.baselineCpuMs.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
