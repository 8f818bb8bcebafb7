/**
 * prettytable-style tables as the openstack CLI prints them:
 *
 * ```
 * +--------------------------------------+-------+--------+
 * | ID                                   | Name  | Status |
 * +--------------------------------------+-------+--------+
 * | 5630b61a-6c84-4b26-832d-3374d8e5861f | demo1 | active |
 * +--------------------------------------+-------+--------+
 * ```
 *
 * Columns are left-aligned, except those whose first row holds a number (right-aligned, as
 * cliff does); a cell with line breaks spans several lines.
 */

/** A cell: already a string, or a number (which right-aligns its column when in the first row). */
export type Cell = string | number;

/** Renders a table with `headers` and `rows` (every row as long as `headers`), ending with a newline. */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[], alignAllLeft = false): string {
  const right = headers.map((_, i) => !alignAllLeft && typeof rows[0]?.[i] === "number");
  const cells = rows.map((row) => row.map((c) => String(c).split(/\r?\n/)));
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((row) => Math.max(...(row[i] ?? [""]).map(width)))));
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+\n`;
  const line = (parts: readonly string[], alignRight: readonly boolean[]): string =>
    `|${parts.map((p, i) => ` ${pad(p, widths[i]!, alignRight[i] ?? false)} `).join("|")}|\n`;
  let out = rule + line(headers, right) + rule;
  for (const row of cells) {
    const height = Math.max(1, ...row.map((c) => c.length));
    for (let l = 0; l < height; l++) out += line(row.map((c) => c[l] ?? ""), right);
  }
  return out + rule;
}

/** Display width: code points (wide characters are not special-cased). */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function pad(text: string, size: number, alignRight: boolean): string {
  const fill = " ".repeat(Math.max(0, size - width(text)));
  return alignRight ? fill + text : text + fill;
}
