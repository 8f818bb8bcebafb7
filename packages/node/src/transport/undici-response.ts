import type { Dispatcher } from "undici";
import type { TransportResponse } from "@cloud-images/core";
import { webStream } from "./web-stream.js";
import { setOwn } from "@cloud-images/core/internal";

/** Maps an error thrown while the body is read (see `undiciFailure`). */
type MapFailure = (error: unknown) => unknown;

/**
 * Wraps undici's response: headers flattened, the body read from undici's Node `Readable`
 * directly, every body failure reported through `fail` (typed errors, the abort reason as is).
 */
export function undiciResponse(res: Dispatcher.ResponseData, fail: MapFailure): TransportResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) setOwn(headers, name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = res.body;
  const mapped = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw fail(error);
    }
  };
  const chunks = (): AsyncIterable<Uint8Array> => mappedChunks(body, fail);
  const response: TransportResponse = {
    status: res.statusCode,
    headers,
    text: () => mapped(() => body.text()),
    bytes: () => mapped(async () => new Uint8Array(await body.arrayBuffer())),
    stream: () => webStream(chunks()),
    discard: () => mapped(async () => {
      await body.dump();
    }),
  };
  // undici's body is a Node Readable, itself async-iterable: image data is read from it with no
  // web stream in between. Non-enumerable: see TransportResponse.chunks.
  Object.defineProperty(response, "chunks", { value: chunks, enumerable: false });
  return response;
}

/**
 * The body's chunks. Stopping early (break, return, a cancelled stream) destroys the body, also
 * before the first chunk was asked for: an async generator's `return()` at that point would skip
 * its cleanup and keep the connection busy forever.
 */
function mappedChunks(body: Dispatcher.ResponseData["body"], fail: MapFailure): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const it = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      return {
        async next() {
          try {
            return await it.next();
          } catch (error) {
            throw fail(error);
          }
        },
        async return() {
          if (!body.destroyed) body.destroy();
          await it.return?.()?.catch(() => undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
