// Commands of the `browser` project (vitest.config.browser.ts), run in Node; call them with
// `commands.<name>(…)` from "vitest/browser".
import type { ConsoleOutcome, ConsoleRun } from "./console-command.js";

declare module "vitest/browser" {
  interface BrowserCommands {
    driveConsole(run: ConsoleRun): Promise<ConsoleOutcome>;
  }
}
