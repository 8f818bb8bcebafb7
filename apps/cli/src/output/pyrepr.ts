/**
 * Python-style renderings of values, as the openstack CLI (cliff) prints them: `str()` for the
 * `value`, `csv` and `shell` formats, the human-readable list/dict columns in tables, and
 * `json.dumps` (ASCII-escaped) for `-f json`.
 */

/** Python's `repr()` of a JSON-like value: `'text'`, `True`, `None`, `[...]`, `{'k': v}`. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object")
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`)
      .join(", ")}}`;
  return String(value);
}

function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** Python's `str()`: strings as they are, everything else as {@link pyRepr}. */
export function pyStr(value: unknown): string {
  return typeof value === "string" ? value : pyRepr(value);
}

/**
 * `json.dumps(value, indent=2)` (or without indent: `", "` and `": "` separators), with
 * Python's default `ensure_ascii`: what cliff's json formatter prints.
 */
export function pyJson(value: unknown, indent: boolean): string {
  return dump(value, indent ? "\n" : "", indent);
}

function dump(value: unknown, newline: string, indent: boolean): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string") return asciiJsonString(value);
  const inner = indent ? `${newline}  ` : "";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v) => dump(v, inner, indent));
    return indent ? `[${inner}${items.join(`,${inner}`)}${newline}]` : `[${items.join(", ")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const items = entries.map(([k, v]) => `${asciiJsonString(k)}: ${dump(v, inner, indent)}`);
  return indent ? `{${inner}${items.join(`,${inner}`)}${newline}}` : `{${items.join(", ")}}`;
}

function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
