/**
 * Machine settings the bench holds for its run and gives back after (as `pyperf system tune`
 * does for CPU frequency): only what skews one side of a row against the other.
 *
 * Free page reporting (virtio-balloon): the guest tells the host which pages it has freed, and
 * the host takes them back. The next write into such a page stalls while the host gives one
 * again. This machine's kernel reports pages as soon as they are free (`min_free_ms` 0), so the
 * gigabyte a round deletes is gone to the host within seconds, and a file written after that
 * costs up to ~2 CPU-s per GiB instead of ~0.35 (measured: 1 GiB of 1 MiB `writeSync`s after
 * 5 s idle, against right after the delete). The cost falls on whichever side runs longer: a
 * verified download, held back by its hash, finds its pages already taken, while `curl -o`, in
 * 1.7 s, mostly reuses pages not reported yet. The verified 1 GiB row, three runs each way:
 * the SDK child's CPU per round 4.3–5.2 s with reporting as it is, 3.4–4.3 with it held (curl's
 * rounds 2.2–2.4 either way). Holding it keeps most pages freed by one round for the next. It
 * does not stop every slow write: with it held, a file written slowly (a verified download,
 * paced by its hash) still costs up to ~2 CPU-s per GiB in some rounds (bench/README.md, "Why
 * the SDK's verified rounds are bimodal here").
 */
import { readFileSync, writeFileSync } from "node:fs";

/** This kernel's knob: how long (ms) a free page waits before it is reported. */
const MIN_FREE_MS = "/sys/module/page_reporting/parameters/min_free_ms";
/** The longest wait the knob takes (60 s; a bigger value is refused). */
const HOLD_MS = 60_000;

/** What the bench changed, to report, and how to put it back. */
export interface MachineHold {
  /** One line for the log and the results (what was held, or why nothing was). */
  readonly note: string;
  /** Puts back what was changed (safe to call twice). */
  restore(): void;
}

/**
 * Holds free page reporting off for the run where this kernel has the knob and the bench may
 * write it (root); `keep: true` (`--keep-page-reporting`) leaves the machine as it is.
 */
export function holdMachine(options: { readonly keep?: boolean } = {}): MachineHold {
  let before: string;
  try {
    before = readFileSync(MIN_FREE_MS, "utf8").trim();
  } catch {
    return { note: "free page reporting: no min_free_ms knob on this kernel (left as it is)", restore: () => undefined };
  }
  if (options.keep) return { note: `free page reporting: left as it is (min_free_ms ${before}, --keep-page-reporting)`, restore: () => undefined };
  if (Number(before) >= HOLD_MS) return { note: `free page reporting: already held (min_free_ms ${before})`, restore: () => undefined };
  try {
    writeFileSync(MIN_FREE_MS, String(HOLD_MS));
  } catch (error) {
    return { note: `free page reporting: could not hold it (${(error as NodeJS.ErrnoException).code ?? String(error)}; min_free_ms ${before})`, restore: () => undefined };
  }
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    try {
      writeFileSync(MIN_FREE_MS, before);
    } catch {
      process.stderr.write(`[bench] could not put min_free_ms back to ${before}: write it to ${MIN_FREE_MS}\n`);
    }
  };
  // Given back however the run ends (Ctrl-C and errors included).
  process.once("exit", restore);
  return { note: `free page reporting: held for the run (min_free_ms ${before} → ${HOLD_MS}, put back after; see bench/machine.ts)`, restore };
}
