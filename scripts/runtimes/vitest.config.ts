import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The runtime smoke (scripts/runtimes.mjs): the built packages, resolved as a consumer resolves
 * them (no `@cloud-images/source` condition), so it tests the JavaScript users install.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: {
    alias: { "@cloud-images/node": fileURLToPath(new URL("../../packages/node/dist/index.js", import.meta.url)) },
  },
  test: {
    name: "runtime-smoke",
    include: ["scripts/runtimes/*.smoke.ts"],
    environment: "node",
    testTimeout: 120_000,
  },
});
