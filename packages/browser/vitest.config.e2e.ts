import { defineProject } from "vitest/config";

/**
 * The `browser-e2e` project: Node drives Debian's Chromium with playwright-core — the image
 * console (examples/console) end to end, and consumer pages bundled with esbuild and Vite — against
 * the emulator, which answers CORS for the pages' origin.
 */
export default defineProject({
  resolve: { conditions: ["@cloud-images/source", "module", "node", "development|production"] },
  ssr: { resolve: { conditions: ["@cloud-images/source", "module", "node", "development|production"], externalConditions: ["@cloud-images/source"] } },
  test: {
    name: "browser-e2e",
    include: ["test/e2e/**/*.browser.test.ts"],
    environment: "node",
    globalSetup: ["test/setup/chromium.ts"],
    // The suite-wide secrets check (Node side); the harness reports what the pages show to it.
    setupFiles: ["../test-servers/src/vitest-secrets-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
