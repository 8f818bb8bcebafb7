#!/usr/bin/env node
// Runs the emulator from its TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
