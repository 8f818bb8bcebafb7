import { CloudImagesError, ConnectionError, RequestTimeoutError, type RequestDescription } from "@cloud-images/core";

/** The undici timeouts of a transport, reported in its timeout errors. */
export interface UndiciTimeouts {
  readonly headersTimeout: number;
  readonly bodyTimeout: number;
}

/**
 * Turns what undici threw into what a transport reports: the caller's abort reason unchanged
 * (the core makes its own abort/timeout error of it), a core error unchanged (a request body
 * that failed with one), undici's headers/body timeouts as {@link RequestTimeoutError}, and
 * everything else (refused, reset, DNS, TLS, connect timeout…) as {@link ConnectionError}.
 */
export function undiciFailure(
  error: unknown,
  request: RequestDescription,
  signal: AbortSignal | undefined,
  timeouts: UndiciTimeouts,
): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof CloudImagesError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "UND_ERR_HEADERS_TIMEOUT") return new RequestTimeoutError(request, timeouts.headersTimeout, { cause: error });
  if (code === "UND_ERR_BODY_TIMEOUT") return new RequestTimeoutError(request, timeouts.bodyTimeout, { cause: error });
  return new ConnectionError(request, { cause: error });
}

/**
 * Waits for `pending` but rejects with the signal's reason as soon as it aborts. undici only
 * notices the abort of a request waiting in its pool queue once a connection is free (it then
 * drops it unsent); meanwhile the caller is answered at once and whatever the dropped request
 * yields later is discarded.
 */
export function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined, discard: (value: T) => void): Promise<T> {
  if (!signal) return pending;
  if (signal.aborted) {
    pending.then(discard, () => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      pending.then(discard, () => undefined);
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (settled) return;
        settled = true;
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        if (settled) return;
        settled = true;
        reject(error as Error);
      },
    );
  });
}
