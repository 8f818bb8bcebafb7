// The types of hash-wasm's one-algorithm builds must come along wherever this source is compiled
// (the runtime packages compile it through the source condition), and a .d.ts of ambient
// modules cannot be imported: hence a reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./hash-wasm-modules.d.ts" />
import type { IHasher } from "hash-wasm";
import type { HashAlgorithm, HashFactory, IncrementalHash } from "./hash-factory.js";

type CreateHasher = () => Promise<IHasher>;

/** Reads a creator off a module that may come as CommonJS (`default`) or with named exports. */
function creator<K extends string>(module: { default?: Record<K, CreateHasher> } & Partial<Record<K, CreateHasher>>, name: K): CreateHasher {
  return (module[name] ?? module.default?.[name]) as CreateHasher;
}

/**
 * Where each algorithm's code is: hash-wasm's one-algorithm builds, each its own module, so a
 * bundle splits them into chunks and a page loads only the algorithms its transfers use
 * (md5 ≈ 5 kB gzip, sha512 ≈ 9 kB; hash-wasm's one-file ESM build would bring all five, 18 kB).
 * Nothing is loaded before the first hash is asked for.
 */
const LOADERS: Record<HashAlgorithm, () => Promise<CreateHasher>> = {
  md5: async () => creator(await import("hash-wasm/dist/md5.umd.min.js"), "createMD5"),
  sha1: async () => creator(await import("hash-wasm/dist/sha1.umd.min.js"), "createSHA1"),
  sha256: async () => creator(await import("hash-wasm/dist/sha256.umd.min.js"), "createSHA256"),
  sha384: async () => creator(await import("hash-wasm/dist/sha384.umd.min.js"), "createSHA384"),
  sha512: async () => creator(await import("hash-wasm/dist/sha512.umd.min.js"), "createSHA512"),
};

const loaded = new Map<HashAlgorithm, Promise<CreateHasher>>();

/** The creator of `algorithm`, loaded on first use (once; a failed load is tried again next time). */
function load(algorithm: HashAlgorithm): Promise<CreateHasher> {
  let pending = loaded.get(algorithm);
  if (!pending) {
    pending = LOADERS[algorithm]();
    loaded.set(algorithm, pending);
    pending.catch(() => loaded.delete(algorithm));
  }
  return pending;
}

/**
 * The core's default {@link HashFactory}: `hash-wasm` (WebAssembly, incremental; md5 + sha512
 * about 5× as fast as the pure-JS `@noble/hashes`). Works in Node, browsers, Deno, Bun and
 * workers; pages with a Content-Security-Policy need `'wasm-unsafe-eval'`.
 *
 * Each algorithm is loaded the first time a transfer hashes with it, one algorithm at a time:
 * importing the SDK loads no hash code, and a download verified with sha512 never loads md5.
 */
export const wasmHashFactory: HashFactory = {
  name: "hash-wasm",
  async create(algorithm: HashAlgorithm): Promise<IncrementalHash> {
    const hasher = await (await load(algorithm))();
    hasher.init();
    return {
      update: (chunk) => {
        hasher.update(chunk);
      },
      digest: () => hasher.digest("hex"),
    };
  },
};
