/**
 * The exports of a CommonJS package loaded with `import()`. Node's own loader offers them as
 * named exports and as `default`; the CLI's bundle (esbuild, split into chunks) only as
 * `default`. Reading `default` first works under both.
 */
export function commonJs<T extends object>(module: T): T {
  return (module as { default?: T }).default ?? module;
}
