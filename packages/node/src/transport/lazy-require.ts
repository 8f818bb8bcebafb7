import { createRequire } from "node:module";
import type * as Undici from "undici";
import type * as Yaml from "yaml";

/**
 * Loads heavy dependencies on first use instead of at `import("@cloud-images/node")`: undici
 * (≈ 20 MB RSS and tens of ms to load) when the first request is sent or the first dispatcher
 * built, yaml (≈ 10 MB) when the first clouds.yaml is read. Both ship CommonJS for Node, so a
 * synchronous `require` serves callers that cannot await (a transport's `dispatcher` getter,
 * `createConfiguredDispatcher`). Types come from `import type` only, which costs nothing at run time.
 */
const load = createRequire(import.meta.url);

let undiciModule: typeof Undici | undefined;
let yamlModule: typeof Yaml | undefined;

/** undici, loaded on the first call. */
export function undici(): typeof Undici {
  return (undiciModule ??= load("undici") as typeof Undici);
}

/** yaml, loaded on the first call. */
export function yaml(): typeof Yaml {
  return (yamlModule ??= load("yaml") as typeof Yaml);
}
