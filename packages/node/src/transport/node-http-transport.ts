import type { Agent as HttpAgent, ClientRequest, IncomingMessage, RequestOptions, request as httpRequest } from "node:http";
import type { AgentOptions as HttpsAgentOptions } from "node:https";
import type { Socket } from "node:net";
import { ConnectionError, RequestTimeoutError, type RequestDescription, type Transport, type TransportRequest, type TransportResponse } from "@cloud-images/core";
import { redactUrl } from "@cloud-images/core/internal";
import { chunkWritten } from "./written-chunks.js";
import { nodeFailure } from "./node-failure.js";
import { OriginSlots } from "./origin-slots.js";
import { requestOnOwnSocket } from "./own-socket-request.js";
import { withUserinfo } from "./userinfo.js";
import { webStream } from "./web-stream.js";
import { setOwn } from "@cloud-images/core/internal";

/** TLS and socket settings of new connections (what `https.Agent` passes on to `tls.connect`). */
export type NodeHttpConnectOptions = Pick<HttpsAgentOptions, "ca" | "cert" | "key" | "pfx" | "passphrase" | "rejectUnauthorized" | "servername" | "lookup" | "family">;

/** Options of {@link createNodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /**
   * Most connections per origin (default 16) in the keep-alive pool. Image downloads, each on a
   * connection of its own, also run at most this many at once per origin: later ones wait for
   * one to end (their call's signal and deadline hold while they wait).
   */
  readonly connections?: number;
  /** How long an idle keep-alive socket stays open, in ms (default 30 s). */
  readonly keepAliveTimeout?: number;
  /** Most time to wait for response headers once the request has a connection, in ms (default 5 min; the call's own timeout usually ends it first). */
  readonly headersTimeout?: number;
  /** Most idle time between two body chunks while the body is being read, in ms (default 5 min). */
  readonly bodyTimeout?: number;
  /** TLS and socket options for new connections (`ca`, `rejectUnauthorized`, `servername`, `lookup`…). */
  readonly connect?: NodeHttpConnectOptions;
}

/** A {@link Transport} on Node's own `http`/`https` modules with a keep-alive pool per origin. */
export interface NodeHttpTransport extends Transport {
  /** Closes the pooled connections, and the connections of image downloads in flight (their reads fail with `ConnectionError`, as do downloads waiting for a connection). */
  close(): Promise<void>;
}

/**
 * Creates a transport on Node's built-in `node:http` and `node:https`: no dependency to load
 * and no WebAssembly parser to compile, so the first request of a fresh process is answered
 * hundreds of ms sooner than through undici or `fetch` — the transport of short-lived
 * processes (the `cloud-images` CLI, serverless functions). Keep-alive pools per origin,
 * streamed request bodies, response bodies read straight from the socket. Image data
 * (`GET …/file`, a request with `largeBody`) goes on a connection of its own, closed after it
 * (at most `connections` such downloads at once per origin, the rest queued in call order),
 * whose socket reads land in the reader's buffers (`readInto`), or in one of two reused 64 KiB
 * buffers and are copied from there: nothing is allocated per chunk, so a download's memory
 * and CPU do not grow with the image. It does not go through HTTP proxies (use the undici transport for that).
 *
 * Failures come back as the core's errors: {@link ConnectionError} (refused, reset, DNS, TLS,
 * a body cut short of its `Content-Length`), {@link RequestTimeoutError} (the headers or body
 * timeout), and the reason of an aborted `signal` unchanged, also while the request waits for a
 * pooled connection and while its body is read. User-info in a URL is sent as
 * `Authorization: Basic` and never shown in errors.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): NodeHttpTransport {
  const timeouts = { headers: options.headersTimeout ?? 300_000, body: options.bodyTimeout ?? 300_000 };
  const connections = options.connections ?? 16;
  const agentOptions = {
    keepAlive: true,
    maxSockets: connections,
    // Idle pooled sockets close after this (the agent sets it as the socket timeout while idle).
    timeout: options.keepAliveTimeout ?? 30_000,
    ...options.connect,
  };
  /** Connections of image downloads in flight (see `requestOnOwnSocket`). */
  const ownSockets = new Set<Socket>();
  /** Image downloads per origin: at most `connections` at once. */
  const downloadSlots = new OriginSlots(connections);
  let httpAgent: HttpAgent | undefined;
  let httpsAgent: HttpAgent | undefined;
  const agentFor = (protocol: string): { agent: HttpAgent; request: typeof httpRequest } => {
    if (protocol === "https:") {
      const https = process.getBuiltinModule("node:https");
      return { agent: (httpsAgent ??= new https.Agent(agentOptions)), request: https.request };
    }
    const http = process.getBuiltinModule("node:http");
    return { agent: (httpAgent ??= new http.Agent(agentOptions)), request: http.request };
  };

  return {
    request(req: TransportRequest): Promise<TransportResponse> {
      const description: RequestDescription = { method: req.method, url: redactUrl(req.url) };
      const signal = req.signal;
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      let url: URL;
      try {
        url = new URL(req.url);
      } catch (error) {
        return Promise.reject(new ConnectionError(description, { cause: error }));
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        return Promise.reject(new ConnectionError(description, { cause: new TypeError(`unsupported protocol ${url.protocol}`) }));
      }
      // Image data: read on a connection of its own, straight from the socket into the reader's buffers.
      if (req.largeBody && req.method === "GET" && req.body === undefined) {
        const closed = (): ConnectionError => new ConnectionError(description, { cause: new Error("the transport was closed while the download waited for a connection") });
        return downloadSlots
          .take(url.origin, signal, closed)
          .then((release) => {
            // Aborted in the moment between the slot's grant and now: the slot goes to the next.
            if (signal?.aborted) {
              release();
              throw signal.reason;
            }
            return requestOnOwnSocket(url, req, description, { timeouts, connect: options.connect, open: ownSockets, onClose: release });
          });
      }
      const { agent, request } = agentFor(url.protocol);
      const requestOptions: RequestOptions = {
        agent,
        method: req.method,
        host: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port === "" ? undefined : Number(url.port),
        path: url.pathname + url.search,
        headers: withUserinfo(url, req.headers),
      };
      return send(request, requestOptions, req, description, timeouts);
    },
    async close() {
      httpAgent?.destroy();
      httpsAgent?.destroy();
      for (const socket of ownSockets) socket.destroy();
      downloadSlots.refuseAll();
      httpAgent = httpsAgent = undefined;
    },
  };
}

function send(
  request: typeof httpRequest,
  options: RequestOptions,
  req: TransportRequest,
  description: RequestDescription,
  timeouts: { readonly headers: number; readonly body: number },
): Promise<TransportResponse> {
  const signal = req.signal;
  const fail = (error: unknown): unknown => nodeFailure(error, description, signal);
  return new Promise<TransportResponse>((resolve, reject) => {
    let settled = false;
    let headersTimer: ReturnType<typeof setTimeout> | undefined;
    const clientRequest: ClientRequest = request(options);
    const settle = (error: unknown, response?: TransportResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(headersTimer);
      signal?.removeEventListener("abort", onAbort);
      if (response) resolve(response);
      else reject(fail(error) as Error);
    };
    // Before the headers: the signal ends the request at once, also while it waits for a
    // pooled connection (a destroyed request is never sent; its socket goes back to the pool).
    const onAbort = (): void => {
      clientRequest.destroy();
      settle(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    clientRequest.on("error", (error) => settle(error));
    clientRequest.on("socket", () => {
      headersTimer = setTimeout(() => clientRequest.destroy(new RequestTimeoutError(description, timeouts.headers)), timeouts.headers);
    });
    clientRequest.on("response", (res: IncomingMessage) => {
      if (settled) {
        res.destroy();
        return;
      }
      settle(undefined, nodeHttpResponse(res, description, fail, signal, timeouts.body));
    });
    writeBody(clientRequest, req.body).catch((error: unknown) => {
      // A request body that failed (a size check of the SDK, a source read error): the request is
      // abandoned and the caller gets that error, never a half-sent upload taken as whole.
      clientRequest.destroy(error instanceof Error ? error : new Error(String(error)));
      settle(error);
    });
  });
}

/** Writes the request body, honouring back-pressure; a stream is sent as it is read. */
async function writeBody(clientRequest: ClientRequest, body: TransportRequest["body"]): Promise<void> {
  if (body === undefined) {
    clientRequest.end();
    return;
  }
  if (body instanceof Uint8Array) {
    clientRequest.end(body);
    return;
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      if (clientRequest.destroyed) return;
      const chunk = next.value;
      // Once written to the socket, a file source may reuse the chunk's memory (written-chunks.ts).
      if (!clientRequest.write(chunk, (error) => void (error ? undefined : chunkWritten(chunk)))) await drained(clientRequest);
    }
    clientRequest.end();
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/** Resolves on `drain`, or once the request is gone (its error is reported by the request itself). */
function drained(clientRequest: ClientRequest): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clientRequest.off("drain", done);
      clientRequest.off("close", done);
      resolve();
    };
    clientRequest.on("drain", done);
    clientRequest.on("close", done);
  });
}

/**
 * Wraps Node's response: headers flattened, the body read from the `IncomingMessage` directly,
 * every body failure reported through `fail`. While the body is read, the signal destroys it and
 * a socket idle for `bodyTimeout` (not paused by the reader) ends it.
 */
function nodeHttpResponse(
  res: IncomingMessage,
  description: RequestDescription,
  fail: (error: unknown) => unknown,
  signal: AbortSignal | undefined,
  bodyTimeout: number,
): TransportResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) setOwn(headers, name, Array.isArray(value) ? value.join(", ") : value);
  }
  const onAbort = (): void => void res.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
  signal?.addEventListener("abort", onAbort, { once: true });
  // Idle only counts while the reader waits for data: a reader busy elsewhere (writing to a
  // slow disk, hashing) pauses the socket, which is not the server's silence.
  const reading = { waiting: false };
  const socket = res.socket;
  const onIdle = (): void => {
    if (reading.waiting) res.destroy(new RequestTimeoutError(description, bodyTimeout));
  };
  socket?.setTimeout(bodyTimeout);
  socket?.on("timeout", onIdle);
  res.once("close", () => {
    signal?.removeEventListener("abort", onAbort);
    socket?.off("timeout", onIdle);
  });

  const iterate = (): AsyncIterable<Uint8Array> => bodyChunks(res, description, fail, reading);
  const collect = async (): Promise<Buffer> => {
    const parts: Buffer[] = [];
    for await (const chunk of iterate()) parts.push(chunk as Buffer);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  };
  const response: TransportResponse = {
    status: res.statusCode ?? 0,
    headers,
    text: async () => (await collect()).toString("utf8"),
    bytes: async () => {
      const bytes = await collect();
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    stream: () => webStream(iterate()),
    discard: async () => {
      for await (const _ of iterate());
    },
  };
  // Non-enumerable: see TransportResponse.chunks.
  Object.defineProperty(response, "chunks", { value: iterate, enumerable: false });
  return response;
}

/**
 * The body's chunks. A body cut short (reset, a close before `Content-Length` bytes) throws;
 * stopping early destroys the response, also before the first chunk was asked for.
 */
function bodyChunks(
  res: IncomingMessage,
  description: RequestDescription,
  fail: (error: unknown) => unknown,
  reading: { waiting: boolean },
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const it = res[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      return {
        async next() {
          try {
            reading.waiting = true;
            const next = await it.next().finally(() => (reading.waiting = false));
            // A response that ended without all its bytes (no error on some paths) is not whole.
            if (next.done && !res.complete) throw new ConnectionError(description, { cause: new RangeError("the connection closed before the whole body arrived") });
            return next;
          } catch (error) {
            throw fail(error);
          }
        },
        async return() {
          if (!res.destroyed) res.destroy();
          await it.return?.()?.catch(() => undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
