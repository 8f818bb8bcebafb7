export { waitFor, type WaitForSpec } from "./wait-for.js";
export { DEFAULT_WAIT_TIMEOUT_MS, DEFAULT_MIN_DELAY_MS, DEFAULT_MAX_DELAY_MS, MAX_WAIT_MS, type WaitOptions, type WaitProgress } from "./wait-options.js";
export { WaiterTimeoutError, WaiterAbortedError, WaitFailedError, type WaiterState } from "./waiter-errors.js";
export { ImageWaitFailedError, ComputeImageWaitFailedError } from "./image-wait-errors.js";
export { ImageWaiters, type ImageReader, type TaskReader, type AwaitableImageStatus, type WaitForImageOptions, type WaiterSettings } from "./image-waiters.js";
export { ComputeWaiters, type ComputeImageReader, type WaitForComputeImageOptions } from "./compute-waiters.js";
