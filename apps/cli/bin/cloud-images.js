#!/usr/bin/env node
import { main } from "../dist/bundle/cli.js";

const code = await main(process.argv.slice(2));
// Everything the command opened is closed by now: exit as soon as standard output is flushed
// rather than waiting for idle sockets to wind down.
process.exitCode = code;
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
