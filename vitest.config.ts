import { defineConfig } from "vitest/config";

/**
 * Workspace packages export `"@cloud-images/source": "./src/index.ts"`; resolving with that
 * condition first makes tests run against sources without a build. Vite replaces its default
 * conditions when `conditions` is set, so the defaults are repeated (Vite 6+ values).
 * Node tests run in Vite's SSR environment, hence `ssr.resolve.conditions` as well.
 */
const SOURCE_CONDITION = "@cloud-images/source";
const clientConditions = [SOURCE_CONDITION, "module", "browser", "development|production"];
const serverConditions = [SOURCE_CONDITION, "module", "node", "development|production"];
/** The suite-wide secrets check (packages/test-servers/src/vitest-secrets-setup.ts), in every Node project. */
const SECRETS_CHECK = "packages/test-servers/src/vitest-secrets-setup.ts";

export default defineConfig({
  resolve: { conditions: clientConditions },
  ssr: { resolve: { conditions: serverConditions, externalConditions: [SOURCE_CONDITION] } },
  test: {
    projects: [
      // @cloud-images/browser in Debian's Chromium against real Keystone and Glance with CORS.
      "packages/browser/vitest.config.browser.ts",
      // The image console and consumer pages (esbuild, Vite) driven from Node in Debian's Chromium.
      "packages/browser/vitest.config.e2e.ts",
      {
        extends: true,
        test: {
          name: "unit",
          setupFiles: [SECRETS_CHECK],
          // Vitest's default on 2 cores is one worker; unit files wait on timers and spawned CLIs
          // as much as they compute, so two overlap well (scripts/runtimes.mjs runs Node 22 and 24
          // side by side with one each).
          maxWorkers: 2,
          // pnpm test runs this project beside the server projects at a lower priority
          // (scripts/test-suite.mjs): a test of a few seconds may take several times as long
          // there. A hang still fails.
          testTimeout: 30_000,
          include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**", "**/*.integ.test.ts", "**/*.browser.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integ",
          setupFiles: [SECRETS_CHECK],
          include: ["packages/*/test/**/*.integ.test.ts", "apps/*/test/**/*.integ.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**", "**/*.keystone.integ.test.ts"],
          environment: "node",
          // One real Glance for the whole project (see packages/test-servers).
          globalSetup: ["packages/test-servers/src/vitest-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // 2-core machines, one shared Glance: run integration files one at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integ-keystone",
          setupFiles: [SECRETS_CHECK],
          // Contract suites through a Glance behind Keystone (packages/node/test/contract/keystone-target.ts).
          include: ["packages/*/test/**/*.keystone.integ.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**"],
          environment: "node",
          // One real Keystone and one Glance with the `keystone` paste flavor for the whole project.
          globalSetup: ["packages/test-servers/src/vitest-keystone-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Runs in the same one-at-a-time queue as the `integ` files.
          fileParallelism: false,
        },
      },
    ],
  },
});
