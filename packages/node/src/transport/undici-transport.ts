import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Agent, Dispatcher } from "undici";
import { type Transport, type TransportRequest, type TransportResponse } from "@cloud-images/core";
import { redactUrl } from "@cloud-images/core/internal";
import { undiciFailure, untilAborted } from "./undici-errors.js";
import { undiciResponse } from "./undici-response.js";
import { withUserinfo } from "./userinfo.js";
import { builtins, undici } from "./lazy-require.js";

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
 *
 * Failures come back as the core's errors: {@link ConnectionError} (refused, reset, DNS, TLS),
 * {@link RequestTimeoutError} (undici's headers or body timeout), and the reason of an aborted
 * `signal` unchanged, also while the request waits for a pooled connection and while its body
 * is read. User-info in a URL (`http://user:pw@host`) is sent as `Authorization: Basic` and
 * never shown in errors.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const owned = options.dispatcher === undefined;
  const timeouts = { headersTimeout: options.headersTimeout ?? 300_000, bodyTimeout: options.bodyTimeout ?? 300_000 };
  let agent: Dispatcher | undefined = options.dispatcher;
  const dispatcher = (): Dispatcher =>
    (agent ??= new (undici().Agent)({
      connections: options.connections ?? 16,
      keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
      keepAliveMaxTimeout: Math.max(options.keepAliveTimeout ?? 30_000, 600_000),
      ...timeouts,
      ...(options.connect === undefined ? {} : { connect: options.connect }),
    }));

  return {
    get dispatcher() {
      return dispatcher();
    },
    async request(req: TransportRequest): Promise<TransportResponse> {
      const description = { method: req.method, url: redactUrl(req.url) };
      const signal = req.signal;
      const fail = (error: unknown): unknown => undiciFailure(error, description, signal, timeouts);
      if (signal?.aborted) throw signal.reason;
      let res: Dispatcher.ResponseData;
      try {
        const url = new URL(req.url);
        const pending = dispatcher().request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: req.method as Dispatcher.HttpMethod,
          headers: withUserinfo(url, req.headers),
          body: req.body === undefined ? null : req.body instanceof Uint8Array ? req.body : builtins.stream().Readable.fromWeb(req.body as WebReadableStream<Uint8Array>),
          signal: signal ?? null,
        });
        res = await untilAborted(pending, signal, (late) => late.body.destroy());
      } catch (error) {
        throw fail(error);
      }
      return undiciResponse(res, fail);
    },
    async close() {
      if (owned && agent) await agent.close();
      if (owned) agent = undefined;
    },
  };
}
