export {
  DEFAULT_RETRY_BACKOFF,
  DEFAULT_RETRY_POLICY,
  NO_RETRY,
  RetryAbortedError,
  backoffDelay,
  retryAfterMs,
  retryDelayFor,
  withRetry,
  type BackoffPolicy,
  type RetryEvent,
  type RetryPolicy,
  type WithRetryOptions,
} from "./retry-policy.js";
