import { CloudImagesError, ConnectionError, type RequestDescription } from "@cloud-images/core";

/**
 * What a failure of a `node:http` / `node:net` request or its body becomes: the signal's reason
 * when it aborted, the core's own errors unchanged, anything else a `ConnectionError`.
 */
export function nodeFailure(error: unknown, description: RequestDescription, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof CloudImagesError) return error;
  return new ConnectionError(description, { cause: error });
}
