/** Builds `@cloud-images/node` (and the core it imports) so child processes run today's code from `dist/`. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
let built: Promise<void> | undefined;

/** Runs turbo's build of the node package once per bench run (cached by turbo when nothing changed). */
export function buildDist(log: (message: string) => void): Promise<void> {
  return (built ??= (async () => {
    log("building @cloud-images/node (dist) for the child processes");
    await run("pnpm", ["exec", "turbo", "run", "build", "--filter=@cloud-images/node", "--output-logs=errors-only"], { cwd: REPO });
  })());
}

/** Whether a case of this name runs with the `--only` filters given. */
export function selected(only: readonly string[], name: string): boolean {
  return only.length === 0 || only.some((o) => name.includes(o));
}
