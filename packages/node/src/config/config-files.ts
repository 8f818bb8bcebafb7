import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigurationError } from "@cloud-images/core";
import { builtins, yaml } from "../transport/lazy-require.js";
import { setOwn } from "@cloud-images/core/internal";

/** Where configuration comes from; defaults to the real process environment and folders. */
export interface ConfigSources {
  /** Environment variables (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Current folder (default `process.cwd()`). */
  readonly cwd?: string | undefined;
  /** Home folder (default `os.homedir()`). */
  readonly home?: string | undefined;
  /** System folder (default `/etc/openstack`). */
  readonly etcDir?: string | undefined;
}

/** A YAML mapping as read. */
export type Plain = Record<string, unknown>;

/** Whether a value is a mapping (not an array, not null). */
export const isPlain = (v: unknown): v is Plain =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The clouds.yaml paths in openstacksdk's order: `OS_CLIENT_CONFIG_FILE`, the current folder, `~/.config/openstack`, `/etc/openstack`. */
export function cloudsYamlCandidates(sources: ConfigSources = {}): string[] {
  return candidates(
    "clouds",
    sources.env?.OS_CLIENT_CONFIG_FILE ??
      (sources.env ? undefined : process.env.OS_CLIENT_CONFIG_FILE),
    sources,
  );
}

/** The secure.yaml paths in the same order (`OS_CLIENT_SECURE_FILE` first). */
export function secureYamlCandidates(sources: ConfigSources = {}): string[] {
  return candidates(
    "secure",
    sources.env?.OS_CLIENT_SECURE_FILE ??
      (sources.env ? undefined : process.env.OS_CLIENT_SECURE_FILE),
    sources,
  );
}

function candidates(
  base: string,
  explicit: string | undefined,
  sources: ConfigSources,
): string[] {
  const cwd = sources.cwd ?? process.cwd();
  const home = sources.home ?? homedir();
  const etc = sources.etcDir ?? "/etc/openstack";
  const dirs = [cwd, join(home, ".config", "openstack"), etc];
  const out = explicit ? [resolve(cwd, explicit)] : [];
  for (const dir of dirs)
    for (const ext of ["yaml", "yml"]) out.push(join(dir, `${base}.${ext}`));
  return out;
}

/** Deep merge: `over` wins; objects merge, everything else replaces. */
export function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over))
    setOwn(out, k, isPlain(v) && Object.hasOwn(out, k) && isPlain(out[k]) ? deepMerge(out[k] as Plain, v) : v);
  return out;
}

/**
 * Reads one YAML file holding a mapping (an empty file is an empty mapping).
 *
 * @throws ConfigurationError when it cannot be read or parsed; never quoting its content.
 */
export function readYaml(file: string): Plain {
  let text: string;
  try {
    text = builtins.fs().readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `cannot read ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = yaml().parse(text);
  } catch (error) {
    // yaml's messages quote the offending line, which may hold a secret: give the position only.
    const pos = (error as { linePos?: { line: number; col: number }[] })
      .linePos?.[0];
    throw new ConfigurationError(
      `${file} is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`,
    );
  }
  if (value === null || value === undefined) return {};
  if (!isPlain(value))
    throw new ConfigurationError(
      `${file}: expected a mapping at the top level`,
    );
  return value;
}
