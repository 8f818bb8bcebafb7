import { createRequire } from "node:module";
import type * as Undici from "undici";
import type * as Yaml from "yaml";
import type * as NodeCrypto from "node:crypto";
import type * as NodeFs from "node:fs";
import type * as NodeStream from "node:stream";
import type * as NodeWorkerThreads from "node:worker_threads";

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

/**
 * Node built-ins the SDK needs only once it moves data or reads configuration files: importing
 * `node:fs` (it brings `fs/promises` and the streams), `node:crypto` (the whole module, web
 * crypto included) or `node:worker_threads` costs tens of ms at start-up, so they are taken on
 * first use through `process.getBuiltinModule` (Node ≥ 20.16), synchronously and once.
 */
export const builtins = {
  fs: (): typeof NodeFs => process.getBuiltinModule("node:fs"),
  crypto: (): typeof NodeCrypto => process.getBuiltinModule("node:crypto"),
  stream: (): Pick<typeof NodeStream, "Readable"> => process.getBuiltinModule("node:stream"),
  workerThreads: (): typeof NodeWorkerThreads => process.getBuiltinModule("node:worker_threads"),
};
