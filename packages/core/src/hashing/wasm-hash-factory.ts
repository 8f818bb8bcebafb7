import { createMD5, createSHA1, createSHA256, createSHA384, createSHA512, type IHasher } from "hash-wasm";
import type { HashAlgorithm, HashFactory, IncrementalHash } from "./hash-factory.js";

const CREATORS: Record<HashAlgorithm, () => Promise<IHasher>> = {
  md5: createMD5,
  sha1: createSHA1,
  sha256: createSHA256,
  sha384: createSHA384,
  sha512: createSHA512,
};

/**
 * The core's default {@link HashFactory}: `hash-wasm` (WebAssembly, incremental). Works in Node,
 * browsers, Deno, Bun and workers; pages with a Content-Security-Policy need `'wasm-unsafe-eval'`.
 */
export const wasmHashFactory: HashFactory = {
  name: "hash-wasm",
  async create(algorithm: HashAlgorithm): Promise<IncrementalHash> {
    const hasher = await CREATORS[algorithm]();
    hasher.init();
    return {
      update: (chunk) => {
        hasher.update(chunk);
      },
      digest: () => hasher.digest("hex"),
    };
  },
};
