/**
 * Runs one command: gathers its options, builds the {@link Run} the handler gets, connects to
 * the cloud on first use and always closes it (connections, the in-process emulator).
 */
import type { Command } from "commander";
import type { Cloud } from "@cloud-images/node";
import { openCloud, type OpenedCloud } from "./connect.js";
import { UsageError } from "./errors.js";
import { loadYaml, renderList, renderShow, type Format, type OutputOptions } from "./output/render.js";
import type { Globals, Handler, Run } from "./run-types.js";

function rootOf(command: Command): Command {
  let c = command;
  while (c.parent) c = c.parent;
  return c;
}

function outputOf(opts: Record<string, unknown>): OutputOptions {
  return {
    format: (opts.format as Format | undefined) ?? "table",
    columns: (opts.column as string[] | undefined) ?? [],
    noindent: opts.noindent === true,
    prefix: (opts.prefix as string | undefined) ?? "",
    quote: (opts.quote as OutputOptions["quote"] | undefined) ?? "nonnumeric",
    printEmpty: opts.printEmpty === true,
  };
}

/** Sorts rows by `--sort-column` names (case-insensitive), as cliff does. */
function sortRows(headers: readonly string[], rows: readonly (readonly unknown[])[], opts: Record<string, unknown>): readonly (readonly unknown[])[] {
  const names = (opts.sortColumn as string[] | undefined) ?? [];
  if (names.length === 0) return rows;
  const idx = names.map((n) => {
    const i = headers.findIndex((h) => h.toLowerCase() === n.toLowerCase());
    if (i < 0) throw new UsageError(`--sort-column ${n}: no such column (${headers.join(", ")})`);
    return i;
  });
  const dir = opts.sortDescending ? -1 : 1;
  const key = (v: unknown): string | number => (typeof v === "number" ? v : v === null || v === undefined ? "" : String(v));
  return [...rows].sort((a, b) => {
    for (const i of idx) {
      const x = key(a[i]);
      const y = key(b[i]);
      if (x < y) return -dir;
      if (x > y) return dir;
    }
    return 0;
  });
}

/** Runs the handler `load` gives for `command`. Errors propagate to `main`, which prints them. */
export async function runCommand(command: Command, args: readonly (string | string[] | undefined)[], load: () => Promise<Handler>): Promise<void> {
  const program = rootOf(command);
  const globals = program.opts() as Globals;
  const opts = command.opts();
  const output = outputOf(opts);
  await loadYaml(output.format);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new UsageError("interrupted"));
  process.once("SIGINT", onSigint);
  let opened: Promise<OpenedCloud> | undefined;
  const cloud = async (): Promise<Cloud> => (await (opened ??= openCloud(globals, (t) => run.notice(t)))).cloud;
  const machine = output.format !== "table";
  const run: Run = {
    globals,
    opts,
    args,
    output,
    program,
    signal: controller.signal,
    call: { signal: controller.signal, ...(globals.timeout ? { timeoutMs: globals.timeout * 1000 } : {}) },
    interactive: process.stderr.isTTY === true && !globals.quiet && !machine && opts.progress !== false,
    cloud,
    images: async () => (await cloud()).images,
    print: (text) => void process.stdout.write(text),
    show: async (fields) => void process.stdout.write(renderShow(fields, output)),
    list: async (headers, rows) => void process.stdout.write(renderList(headers, sortRows(headers, rows, opts), output)),
    notice: (text) => {
      if (!globals.quiet) process.stderr.write(`${text}\n`);
    },
  };
  try {
    const handler = await load();
    await handler(run);
  } finally {
    process.off("SIGINT", onSigint);
    if (opened) await (await opened.catch(() => undefined))?.close();
  }
}
