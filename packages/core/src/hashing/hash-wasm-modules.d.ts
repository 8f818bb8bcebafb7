// Types of hash-wasm's one-algorithm builds (`dist/<name>.umd.min.js`, UMD: CommonJS in Node,
// where only `default` is there; bundlers also give the named exports).
declare module "hash-wasm/dist/md5.umd.min.js" {
  import type { IHasher } from "hash-wasm";
  const api: { createMD5(): Promise<IHasher> };
  export default api;
}
declare module "hash-wasm/dist/sha1.umd.min.js" {
  import type { IHasher } from "hash-wasm";
  const api: { createSHA1(): Promise<IHasher> };
  export default api;
}
declare module "hash-wasm/dist/sha256.umd.min.js" {
  import type { IHasher } from "hash-wasm";
  const api: { createSHA256(): Promise<IHasher> };
  export default api;
}
declare module "hash-wasm/dist/sha384.umd.min.js" {
  import type { IHasher } from "hash-wasm";
  const api: { createSHA384(): Promise<IHasher> };
  export default api;
}
declare module "hash-wasm/dist/sha512.umd.min.js" {
  import type { IHasher } from "hash-wasm";
  const api: { createSHA512(): Promise<IHasher> };
  export default api;
}
