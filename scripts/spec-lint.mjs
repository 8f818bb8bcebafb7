#!/usr/bin/env node
// Lints every API document listed in spec/redocly.yaml, offline:
// telemetry and the update check of @redocly/cli are switched off.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const pkgPath = require.resolve("@redocly/cli/package.json");
const pkg = require(pkgPath);
const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.redocly ?? Object.values(pkg.bin)[0];

const result = spawnSync(
  process.execPath,
  [path.join(path.dirname(pkgPath), bin), "lint", "--config", "spec/redocly.yaml", ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      NO_UPDATE_NOTIFIER: "1",
    },
  },
);
if (result.error) {
  console.error(`spec:lint: could not run @redocly/cli: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
