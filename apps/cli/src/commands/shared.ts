/** Small helpers the command modules share. */
import { UsageError } from "../errors.js";
import type { Run } from "../run-types.js";
import { setOwn } from "@cloud-images/core/internal";

/** `["k=v", …]` → `{ k: v }`; a pair without `=` is a usage error naming `flag`. */
export function keyValues(pairs: readonly string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`${flag} ${pair}: expected key=value`);
    setOwn(out, pair.slice(0, eq), pair.slice(eq + 1));
  }
  return out;
}

/** The visibility `--public/--private/--community/--shared` ask for (at most one). */
export function visibilityOf(o: Readonly<Record<string, unknown>>): "public" | "private" | "community" | "shared" | undefined {
  const chosen = (["public", "private", "community", "shared"] as const).filter((v) => o[v] === true);
  if (chosen.length > 1) throw new UsageError(`--${chosen.join(", --")} are exclusive`);
  return chosen[0];
}

/** Positional argument `i` as a string. */
export function stringArg(run: Run, i: number): string {
  const v = run.args[i];
  return Array.isArray(v) ? v.join(" ") : (v ?? "");
}

/**
 * This project's id, for accepting or rejecting as the member: the client's (a fixed
 * `--os-project-id`), else the one the identity token names.
 */
export async function ownProject(run: Run): Promise<string | undefined> {
  const cloud = await run.cloud();
  if (cloud.images.projectId !== undefined) return cloud.images.projectId;
  return (await cloud.identity?.token(run.signal))?.projectId;
}
