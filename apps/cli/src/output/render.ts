/**
 * The output formats of every command, as cliff (the openstack CLI's framework) writes them:
 * `table` (default), `json`, `yaml`, `value`, `csv` (listings) and `shell` (single objects).
 * Column selection (`-c`) matches names case-insensitively and keeps the command's column order.
 */
import type * as Yaml from "yaml";
import { UsageError } from "../errors.js";
import { pyJson, pyRepr, pyStr } from "./pyrepr.js";
import { renderTable, type Cell } from "./table.js";
import { commonJs } from "../commonjs.js";

/** `-f` values. */
export const FORMATS = ["table", "json", "yaml", "value", "csv", "shell"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** The output options every command that prints takes. */
export interface OutputOptions {
  readonly format: Format;
  readonly columns: readonly string[];
  readonly noindent: boolean;
  readonly prefix: string;
  readonly quote: "all" | "minimal" | "none" | "nonnumeric";
  readonly printEmpty: boolean;
}

/**
 * A value that prints differently for people and for machines: a list (`a, b` in tables, a
 * list in JSON) or a dict (`k='v', k2='v2'` in tables, an object in JSON).
 */
export class Formatted {
  constructor(
    readonly machine: unknown,
    readonly human: string,
  ) {}
}

/** A list column: sorted and comma-joined for people, as given for machines. */
export function listColumn(items: readonly unknown[] | null | undefined): Formatted {
  const list = items ?? [];
  return new Formatted(list, [...list].map(pyStr).sort().join(", "));
}

/** A dict column: `k='v'` pairs sorted by key for people, the object for machines. */
export function dictColumn(dict: Readonly<Record<string, unknown>> | null | undefined): Formatted {
  const d = dict ?? {};
  return new Formatted(
    d,
    Object.keys(d)
      .sort()
      .map((k) => `${k}='${pyStr(d[k])}'`)
      .join(", "),
  );
}

const machine = (v: unknown): unknown => (v instanceof Formatted ? v.machine : v);
const human = (v: unknown): Cell => {
  if (v instanceof Formatted) return v.human;
  if (typeof v === "number") return v;
  return pyStr(v);
};

/** Picks the columns named by `-c` (case-insensitive), in the command's order. */
function selectColumns(names: readonly string[], wanted: readonly string[]): number[] {
  if (wanted.length === 0) return names.map((_, i) => i);
  const lower = new Set(wanted.map((w) => w.toLowerCase()));
  const picked = names.map((n, i) => (lower.has(n.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (picked.length === 0)
    throw new UsageError(`No recognized column names in ${pyRepr([...wanted])}. Recognized columns are ${pyRepr(names)}.`);
  return picked;
}

/** Renders one object (`Field | Value`). `fields` in display order. */
export function renderShow(fields: readonly (readonly [string, unknown])[], options: OutputOptions): string {
  const idx = selectColumns(
    fields.map(([k]) => k),
    options.columns,
  );
  const picked = idx.map((i) => fields[i]!);
  switch (options.format) {
    case "table":
      return renderTable(
        ["Field", "Value"],
        picked.map(([k, v]) => [k, String(human(v))]),
        true,
      );
    case "json":
      return `${pyJson(Object.fromEntries(picked.map(([k, v]) => [k, machine(v)])), !options.noindent)}\n`;
    case "value":
      return picked.map(([, v]) => `${pyStr(machine(v))}\n`).join("");
    case "shell":
      return picked
        .map(([k, v]) => `${options.prefix}${k.replace(/[^A-Za-z0-9_]/g, "_")}="${pyStr(machine(v)).replace(/"/g, '\\"')}"\n`)
        .join("");
    case "yaml":
      return yamlOf(Object.fromEntries(picked.map(([k, v]) => [k, machine(v)])));
    case "csv":
      throw new UsageError("-f csv is for listings; use table, json, yaml, value or shell");
  }
}

/** Renders a listing with `headers` and `rows`. */
export function renderList(headers: readonly string[], rows: readonly (readonly unknown[])[], options: OutputOptions): string {
  const idx = selectColumns(headers, options.columns);
  const h = idx.map((i) => headers[i]!);
  const r = rows.map((row) => idx.map((i) => row[i]));
  switch (options.format) {
    case "table":
      if (r.length === 0 && !options.printEmpty) return "";
      return renderTable(
        h,
        r.map((row) => row.map(human)),
      );
    case "json":
      return `${pyJson(
        r.map((row) => Object.fromEntries(row.map((v, i) => [h[i]!, machine(v)]))),
        !options.noindent,
      )}\n`;
    case "value":
      return r.map((row) => `${row.map((v) => pyStr(machine(v))).join(" ")}\n`).join("");
    case "csv":
      return [h, ...r.map((row) => row.map(machine))].map((row) => `${row.map((v) => csvCell(v, options.quote)).join(",")}\n`).join("");
    case "yaml":
      return yamlOf(r.map((row) => Object.fromEntries(row.map((v, i) => [h[i]!, machine(v)]))));
    case "shell":
      throw new UsageError("-f shell is for single objects; use table, json, yaml, value or csv");
  }
}

function csvCell(value: unknown, quote: OutputOptions["quote"]): string {
  const text = pyStr(value);
  const numeric = typeof value === "number";
  const needs = /[",\r\n]/.test(text);
  const quoted = quote === "all" || (quote === "nonnumeric" && !numeric) || (quote === "minimal" && needs);
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

let yamlModule: typeof Yaml | undefined;
/** Loaded by {@link loadYaml} before a yaml render: the only format with a dependency. */
function yamlOf(value: unknown): string {
  return yamlModule!.stringify(value, { version: "1.1", singleQuote: true, sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}

/** Loads the yaml library when `-f yaml` is asked for (nothing else needs it). */
export async function loadYaml(format: Format): Promise<void> {
  if (format === "yaml") yamlModule ??= commonJs(await import("yaml"));
}
