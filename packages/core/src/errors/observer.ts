/**
 * The SDK's diagnostics observer: a function a test harness may install under this global
 * symbol to see every error the SDK creates and every event it gives a hook (the project's
 * suite-wide secrets check does). Not public API: nothing is installed in normal use, and the
 * cost is then one global lookup per error or hook event.
 */
const OBSERVER = Symbol.for("@cloud-images/diagnostics-observer");

/** What an observer is told: an SDK error just constructed (its subclass fields not set yet), or an event handed to a hook. */
export type DiagnosticsObserver = (kind: "error" | "hook-event", value: unknown) => void;

/** Tells the installed observer, if any, about `value`; never throws. */
export function notifyObserver(kind: "error" | "hook-event", value: unknown): void {
  const observer = (globalThis as { [OBSERVER]?: unknown })[OBSERVER];
  if (typeof observer !== "function") return;
  try {
    (observer as DiagnosticsObserver)(kind, value);
  } catch {
    // An observer must not break the SDK.
  }
}
