import type { Transport, TransportRequest, TransportResponse } from "./transport.js";

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** The `fetch` to use. Defaults to the global one. */
  readonly fetch?: typeof globalThis.fetch;
  /** Extra `RequestInit` fields merged into every request (e.g. `credentials`, `mode`). */
  readonly init?: Omit<RequestInit, "method" | "headers" | "body" | "signal">;
}

/**
 * A transport on the standard `fetch` API: Node's global fetch, browsers, Deno, Bun and
 * workers. Streamed request bodies are sent with `duplex: "half"` (browsers accept those only
 * over HTTP/2; send bytes or a Blob there).
 */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async request(req: TransportRequest): Promise<TransportResponse> {
      const init: RequestInit & { duplex?: "half" } = {
        ...options.init,
        method: req.method,
        headers: req.headers,
        signal: req.signal ?? null,
      };
      if (req.body !== undefined) {
        init.body = req.body as NonNullable<RequestInit["body"]>;
        if (!(req.body instanceof Uint8Array)) init.duplex = "half";
      }
      const res = await doFetch(req.url, init);
      return fetchResponse(res);
    },
  };
}

function fetchResponse(res: Response): TransportResponse {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const response: TransportResponse = {
    status: res.status,
    headers,
    text: () => res.text(),
    bytes: async () => new Uint8Array(await res.arrayBuffer()),
    stream: () => res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }),
    discard: async () => {
      await res.body?.cancel().catch(() => undefined);
    },
  };
  // Non-enumerable: see TransportResponse.chunks.
  Object.defineProperty(response, "chunks", { value: () => readerChunks(res.body), enumerable: false });
  return response;
}

/** A web stream read straight from its reader (works where ReadableStream is not async-iterable, e.g. Safari). */
async function* readerChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array, void, undefined> {
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
