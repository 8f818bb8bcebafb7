import { createServer } from "node:net";
import { playwright } from "@vitest/browser-playwright";
import { defineProject } from "vitest/config";
import { driveConsole } from "./test/setup/console-command.js";

/**
 * The `browser` project: test files run in Debian's Chromium (`/usr/bin/chromium`, launched by
 * Playwright; no browser is ever downloaded) against a real Keystone and Glance started by
 * ./test/setup/global-setup.ts, which allow CORS for the origin the page is served from: this
 * project's `browser.api` host and port (a free port picked when the config loads).
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const SOURCE_CONDITION = "@cloud-images/source";
// Vitest may evaluate this file more than once: the first pick is kept for the whole run.
process.env.BROWSER_TEST_PORT ??= String(await freePort());
const port = Number(process.env.BROWSER_TEST_PORT);

export default defineProject({
  resolve: { conditions: [SOURCE_CONDITION, "module", "browser", "development|production"] },
  // Pre-bundled at start: a dependency Vite discovers while a test runs (the hash code the core
  // imports on first use) makes it re-optimize and reload the page mid-test.
  optimizeDeps: {
    include: ["md5", "sha1", "sha256", "sha384", "sha512"].map((alg) => `@cloud-images/core > hash-wasm/dist/${alg}.umd.min.js`).concat(["@cloud-images/core > zod", "@cloud-images/core > zod/mini"]),
  },
  test: {
    name: "browser",
    include: ["test/browser/**/*.browser.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    // The suite-wide secrets check, in the page (the Node one cannot run there).
    setupFiles: ["test/setup/secrets-setup.browser.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: "/usr/bin/chromium" } }),
      instances: [{ browser: "chromium" }],
      api: { host: "127.0.0.1", port, strictPort: true },
      screenshotFailures: false,
      commands: { driveConsole },
    },
  },
});
