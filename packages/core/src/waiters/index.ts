export { waitFor, DEFAULT_WAIT_TIMEOUT_MS, DEFAULT_POLL_BACKOFF, type WaitOptions, type WaitForSpec, type WaitProgress } from "./wait-for.js";
export { WaiterTimeoutError, WaiterAbortedError, WaitFailedError, type WaiterState } from "./waiter-errors.js";
export { waitForImage, defaultImageFailureStatuses, ImageWaitFailedError, type ImageGetter, type WaitForImageOptions } from "./image-waiter.js";
