import type { ResponseInfo } from "./http-client.js";
import type { CallOptions } from "./call-options.js";

/** Where the HTTP layer records the last expected response of a call (internal). */
export const RESPONSE_SINK: unique symbol = Symbol("cloud-images.response-sink");

/** Call options carrying a response sink (internal). */
export type SinkOptions = CallOptions & { [RESPONSE_SINK]?: { last?: ResponseInfo } };

/** The result of a call together with what the server answered. */
export interface WithResponse<T> {
  /** What the call returns. */
  readonly data: T;
  /** Status, headers and request id of the (last) successful response of the call. */
  readonly response: ResponseInfo;
}

/**
 * The promise every resource call returns: await it for the resource, or call
 * {@link ApiPromise.withResponse} for the resource plus the status, headers and request id of
 * the successful answer (`const { data, response } = await client.images.get(id).withResponse()`).
 */
export interface ApiPromise<T> extends Promise<T> {
  /** The result plus the answer's status, headers and request id. */
  withResponse(): Promise<WithResponse<T>>;
}

/** Runs a call with a response sink in its options and returns an {@link ApiPromise}. */
export function apiPromise<T>(options: CallOptions | undefined, run: (options: SinkOptions) => Promise<T>): ApiPromise<T> {
  // A call made inside another call (updateProperties → get, update) records into the outer sink too.
  const sink: { last?: ResponseInfo } = (options as SinkOptions | undefined)?.[RESPONSE_SINK] ?? {};
  const promise = run({ ...options, [RESPONSE_SINK]: sink });
  return Object.assign(promise, {
    withResponse: async (): Promise<WithResponse<T>> => {
      const data = await promise;
      return { data, response: sink.last ?? { status: 0, headers: {}, requestId: undefined } };
    },
  });
}

/** Records a successful response into the call's sink, when it has one. */
export function recordResponse(options: CallOptions | undefined, info: ResponseInfo): void {
  const sink = (options as SinkOptions | undefined)?.[RESPONSE_SINK];
  if (sink) sink.last = info;
}
