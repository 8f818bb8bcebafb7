import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Agent, type Dispatcher } from "undici";
import type { Transport, TransportRequest, TransportResponse } from "@cloud-images/core";

/** Options of {@link createUndiciTransport}. */
export interface UndiciTransportOptions {
  /** Use this dispatcher (an `Agent`, `Pool`, `ProxyAgent`…) instead of creating one. Not closed by `close()`. */
  readonly dispatcher?: Dispatcher;
  /** Most connections per origin (default 16). */
  readonly connections?: number;
  /** How long an idle keep-alive socket stays open, in ms (default 30 s). */
  readonly keepAliveTimeout?: number;
  /** Most time to wait for response headers, in ms (default 5 min; the call's own timeout usually ends it first). */
  readonly headersTimeout?: number;
  /** Most idle time between two body chunks, in ms (default 5 min). */
  readonly bodyTimeout?: number;
  /** TLS and socket options for new connections (`ca`, `rejectUnauthorized`, `servername`…). */
  readonly connect?: Agent.Options["connect"];
}

/** A {@link Transport} on undici with a keep-alive connection pool per origin. */
export interface UndiciTransport extends Transport {
  /** The dispatcher requests go through. */
  readonly dispatcher: Dispatcher;
  /** Closes pooled connections (only those of a dispatcher this transport created). */
  close(): Promise<void>;
}

/**
 * Creates the Node transport: undici's `Agent` (a keep-alive pool per origin), streamed
 * request bodies, and response bodies read straight from undici without copying through a
 * web stream unless one is asked for.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const owned = options.dispatcher === undefined;
  let agent: Dispatcher | undefined = options.dispatcher;
  const dispatcher = (): Dispatcher =>
    (agent ??= new Agent({
      connections: options.connections ?? 16,
      keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
      keepAliveMaxTimeout: Math.max(options.keepAliveTimeout ?? 30_000, 600_000),
      headersTimeout: options.headersTimeout ?? 300_000,
      bodyTimeout: options.bodyTimeout ?? 300_000,
      ...(options.connect === undefined ? {} : { connect: options.connect }),
    }));

  return {
    get dispatcher() {
      return dispatcher();
    },
    async request(req: TransportRequest): Promise<TransportResponse> {
      const url = new URL(req.url);
      const res = await dispatcher().request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers as Record<string, string>,
        body: req.body === undefined ? null : req.body instanceof Uint8Array ? req.body : Readable.fromWeb(req.body as WebReadableStream<Uint8Array>),
        signal: req.signal ?? null,
      });
      return undiciResponse(res);
    },
    async close() {
      if (owned && agent) await agent.close();
      if (owned) agent = undefined;
    },
  };
}

function undiciResponse(res: Dispatcher.ResponseData): TransportResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const body = res.body;
  const response: TransportResponse = {
    status: res.statusCode,
    headers,
    text: () => body.text(),
    bytes: async () => new Uint8Array(await body.arrayBuffer()),
    stream: () => Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>,
    discard: async () => {
      await body.dump();
    },
  };
  // undici's body is a Node Readable, itself async-iterable: image data is read from it with no
  // web stream in between. Non-enumerable: see TransportResponse.chunks.
  Object.defineProperty(response, "chunks", { value: (): AsyncIterable<Uint8Array> => body, enumerable: false });
  return response;
}
