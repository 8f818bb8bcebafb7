/**
 * Progress bars (uploads, downloads: bytes, rate, ETA) and spinners (waits: the status seen),
 * drawn with cli-progress on standard error — only when {@link Run.interactive} (a terminal,
 * no `--quiet`, no machine-readable format); otherwise silent no-ops.
 */
import type { Run } from "./run-types.js";
import { commonJs } from "./commonjs.js";

/** A transfer's bar. */
export interface TransferBar {
  /** Bytes so far; `total` once known. */
  update(bytes: number, total?: number): void;
  /** Draws the last state and leaves it on screen. */
  stop(): void;
}

/** A wait's spinner. */
export interface Spinner {
  /** The status last seen. */
  status(text: string): void;
  stop(): void;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** `1536` → `1.5 KiB`. */
export function humanBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${UNITS[u]}`;
}

/** `75` → `1m15s`. */
function humanSeconds(s: number): string {
  if (!Number.isFinite(s)) return "--";
  const t = Math.max(0, Math.round(s));
  return t < 60 ? `${t}s` : t < 3600 ? `${Math.floor(t / 60)}m${String(t % 60).padStart(2, "0")}s` : `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, "0")}m`;
}

const BAR_WIDTH = 30;

/** Starts a transfer bar labelled `label` (`total` bytes when known). */
export async function transferBar(run: Run, label: string, total?: number): Promise<TransferBar> {
  if (!run.interactive) return { update: () => {}, stop: () => {} };
  const { SingleBar } = commonJs(await import("cli-progress"));
  const started = Date.now();
  let known = total;
  const bar = new SingleBar({
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
    format: (_options, params) => {
      const elapsed = Math.max(0.001, (Date.now() - started) / 1000);
      const rate = params.value / elapsed;
      const head = `${label} `;
      if (known === undefined || known <= 0) return `${head}${humanBytes(params.value)} | ${humanBytes(Math.round(rate))}/s | ${humanSeconds(elapsed)}`;
      const ratio = Math.min(1, params.value / known);
      const done = Math.round(ratio * BAR_WIDTH);
      const eta = rate > 0 ? (known - params.value) / rate : Infinity;
      return `${head}[${"█".repeat(done)}${"░".repeat(BAR_WIDTH - done)}] ${String(Math.floor(ratio * 100)).padStart(3)}% | ${humanBytes(params.value)}/${humanBytes(known)} | ${humanBytes(Math.round(rate))}/s | ETA ${humanSeconds(eta)}`;
    },
  });
  bar.start(known ?? 0, 0);
  return {
    update: (bytes, t) => {
      if (t !== undefined && t !== known) {
        known = t;
        bar.setTotal(t);
      }
      bar.update(bytes);
    },
    stop: () => {
      bar.render();
      bar.stop();
    },
  };
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** Starts a spinner `label: <status> (elapsed)`. */
export async function spinner(run: Run, label: string): Promise<Spinner> {
  if (!run.interactive) return { status: () => {}, stop: () => {} };
  const { SingleBar } = commonJs(await import("cli-progress"));
  const started = Date.now();
  let status = "…";
  let frame = 0;
  const bar = new SingleBar({
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
    format: () => `${FRAMES[frame++ % FRAMES.length]} ${label}: ${status} (${humanSeconds((Date.now() - started) / 1000)})`,
  });
  bar.start(1, 0);
  return {
    status: (text) => {
      status = text;
      bar.update(0);
    },
    stop: () => {
      bar.render();
      bar.stop();
    },
  };
}
