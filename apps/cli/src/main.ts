/**
 * Entry point of the `cloud-images` command: parses the arguments with commander and runs the
 * command. Statically it loads only commander and the command tree; handlers, the SDK, the
 * emulator and the formatters are imported by the command that needs them.
 */
import { readFileSync } from "node:fs";
import { CommanderError, type Command } from "commander";
import { buildProgram } from "./program.js";

/** This package's package.json: one folder up from dist/main.js, two from the bundle (dist/bundle/cli.js). */
function packageJsonUrl(): URL {
  const here = import.meta.url;
  return new URL(here.includes("/dist/bundle/") ? "../../package.json" : "../package.json", here);
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(packageJsonUrl(), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/**
 * Runs `cloud-images` with `argv` (without node and the script) and resolves to the exit code:
 * 0 ok, 1 failure, 2 usage, 3 not found, 4 conflict, 5 auth, 6 server/network.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram(version());
  program.exitOverride();
  for (const c of allCommands(program)) c.exitOverride();
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
      // `cloud-images image` alone: commander shows the group's help and reports this code.
      if (error.code === "commander.executeSubCommandAsync") return 0;
      return 2;
    }
    const { errorLine, exitCodeOf } = await import("./errors.js");
    process.stderr.write(`${errorLine(error)}\n`);
    if (argv.includes("--debug") && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return exitCodeOf(error);
  }
}

function allCommands(root: Command): Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}
