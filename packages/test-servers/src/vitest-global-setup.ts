import type {} from "./vitest-context.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startGlance, type GlanceServer } from "./glance.js";
import { directorySource, startSourceServer, type SourceServer } from "./source-server.js";

/**
 * vitest `globalSetup` for the `integ` project: starts ONE real Glance (trusted-auth) and one
 * loopback source server for the whole run, and provides to tests (via `inject` from "vitest"):
 *
 * - `glanceUrl`: the Glance base URL;
 * - `sourceServerUrl` + `sourceDir`: the source server serves `<sourceDir>/<name>` as
 *   `${sourceServerUrl}/<name>`; its port is in Glance's `allowed_ports`, so web-download and
 *   task imports from it work. Tests write files (use unique names) into `sourceDir`.
 *
 * Glance is never silently skipped: if it cannot be installed or started, setup throws (with the
 * Glance log tail), which fails the run — in CI (`CI=true`) and locally alike.
 * Returns the teardown that stops both servers.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sourceDir = mkdtempSync(join(tmpdir(), "cloud-images-source-"));
  let source: SourceServer | undefined;
  let glance: GlanceServer | undefined;
  try {
    source = await startSourceServer(directorySource(sourceDir));
    glance = await startGlance({ importAllowedPorts: [source.port] });
  } catch (error) {
    await source?.stop();
    rmSync(sourceDir, { recursive: true, force: true });
    const where = process.env.CI === "true" ? "CI (CI=true)" : "this machine";
    const message =
      `\n\n=== @cloud-images/test-servers: could not start a real Glance on ${where} ===\n` +
      `The integration tests need Debian's glance-api (installed automatically with apt-get as root).\n` +
      `They are never skipped. Fix the cause below, or run only the unit tests: pnpm test:unit\n\n` +
      `${(error as Error).message}\n`;
    throw new Error(message, { cause: error });
  }

  project.provide("glanceUrl", glance.url);
  project.provide("sourceServerUrl", source.url);
  project.provide("sourceDir", sourceDir);

  return async () => {
    await glance?.stop();
    await source?.stop();
    rmSync(sourceDir, { recursive: true, force: true });
  };
}
