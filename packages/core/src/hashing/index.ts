export {
  HASH_ALGORITHMS,
  DEFAULT_OS_HASH_ALGO,
  isHashAlgorithm,
  type HashAlgorithm,
  type HashFactory,
  type IncrementalHash,
  type MultiHash,
  type HashDigests,
} from "./hash-factory.js";
export { wasmHashFactory } from "./wasm-hash-factory.js";
export { HashSet } from "./hash-set.js";
export { HashStateError } from "./errors.js";
