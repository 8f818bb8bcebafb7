#!/usr/bin/env node
// The emulator's command line, from the built JavaScript (`pnpm build` first in a checkout).
import "../dist/cli.js";
