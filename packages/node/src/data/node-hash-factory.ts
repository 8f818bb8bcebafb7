import type { HashFactory, IncrementalHash } from "@cloud-images/core";
import { builtins } from "../transport/lazy-require.js";

/** A {@link HashFactory} on `node:crypto` (OpenSSL): faster than the core's WebAssembly default. */
export const nodeHashFactory: HashFactory = {
  name: "node:crypto",
  create(algorithm): IncrementalHash {
    const hash = builtins.crypto().createHash(algorithm);
    return {
      update: (chunk) => {
        hash.update(chunk);
      },
      digest: () => hash.digest("hex"),
    };
  },
};
