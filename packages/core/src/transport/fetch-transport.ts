import { CloudImagesError } from "../errors/base.js";
import { ConnectionError, type RequestDescription } from "../errors/transport-errors.js";
import { redactUrl } from "../errors/redact.js";
import { basicAuthorization } from "./endpoint-url.js";
import type { Transport, TransportRequest, TransportResponse } from "./transport.js";
import { setOwn } from "../records/own-keys.js";

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
 *
 * Failures come back as the core's errors: a network failure (fetch's `TypeError`) as
 * {@link ConnectionError}, the reason of an aborted `signal` unchanged, also while the body is
 * read. User-info in a URL (`http://user:pw@host`, which fetch refuses) is sent as
 * `Authorization: Basic` instead, and never shown in errors.
 */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async request(req: TransportRequest): Promise<TransportResponse> {
      const description = { method: req.method, url: redactUrl(req.url) };
      const { url, headers } = moveUserinfo(req.url, req.headers);
      const fail = (error: unknown): unknown => fetchFailure(error, description, req.signal, [req.url, url]);
      if (req.signal?.aborted) throw req.signal.reason;
      let res: Response;
      try {
        const init: RequestInit & { duplex?: "half" } = {
          ...options.init,
          method: req.method,
          headers,
          signal: req.signal ?? null,
        };
        if (req.body !== undefined) {
          init.body = req.body as NonNullable<RequestInit["body"]>;
          if (!(req.body instanceof Uint8Array)) init.duplex = "half";
        }
        res = await doFetch(url, init);
      } catch (error) {
        throw fail(error);
      }
      return fetchResponse(res, fail);
    },
  };
}

/**
 * What a fetch failure becomes: the abort reason as is, a core error as is, anything else a
 * {@link ConnectionError}. Its cause is the original error unless that shows a URL (fetch's
 * parse and credential errors quote it, credentials included): then the message alone, redacted.
 */
function fetchFailure(error: unknown, request: RequestDescription, signal: AbortSignal | undefined, urls: readonly string[]): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof CloudImagesError) return error;
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) messages.push(e.message);
  const secrets = urls.flatMap((url) => [url, /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i.exec(url)?.[1] ?? ""]).filter((s) => s !== "" && s !== request.url);
  if (!messages.some((m) => secrets.some((s) => m.includes(s)))) return new ConnectionError(request, { cause: error });
  let shown = messages[0] ?? String(error);
  for (const url of urls) shown = shown.split(url).join(request.url);
  for (const s of secrets) shown = shown.split(s).join("REDACTED");
  return new ConnectionError(request, { cause: shown });
}

/** The URL without user-info, and the headers with it as Basic credentials (unless `authorization` is set). */
function moveUserinfo(rawUrl: string, headers: Readonly<Record<string, string>>): { url: string; headers: Readonly<Record<string, string>> } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { url: rawUrl, headers };
  }
  if (url.username === "" && url.password === "") return { url: rawUrl, headers };
  const authorization = basicAuthorization(url);
  url.username = "";
  url.password = "";
  if ("authorization" in headers || authorization === undefined) return { url: url.toString(), headers };
  return { url: url.toString(), headers: { ...headers, authorization } };
}

function fetchResponse(res: Response, fail: (error: unknown) => unknown): TransportResponse {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    setOwn(headers, name, value);
  });
  const mapped = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw fail(error);
    }
  };
  const response: TransportResponse = {
    status: res.status,
    headers,
    text: () => mapped(() => res.text()),
    bytes: () => mapped(async () => new Uint8Array(await res.arrayBuffer())),
    stream: () => (res.body ? mappedStream(res.body, fail) : new ReadableStream<Uint8Array>({ start: (c) => c.close() })),
    discard: async () => {
      await res.body?.cancel().catch(() => undefined);
    },
  };
  // Non-enumerable: see TransportResponse.chunks.
  Object.defineProperty(response, "chunks", { value: () => readerChunks(res.body, fail), enumerable: false });
  return response;
}

/** What a web stream reader's `read()` gives. */
type ReadResult = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>>;

/**
 * A web stream read straight from its reader (works where ReadableStream is not async-iterable,
 * e.g. Safari). Stopping early cancels the body, also before the first chunk was asked for (an
 * async generator's `return()` at that point would skip its cleanup and keep the connection).
 */
function readerChunks(body: ReadableStream<Uint8Array> | null, fail: (error: unknown) => unknown): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      if (!body) return { next: async () => ({ done: true, value: undefined }) };
      const reader = body.getReader();
      let finished = false;
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          if (finished) return { done: true, value: undefined };
          let next: ReadResult;
          try {
            next = await reader.read();
          } catch (error) {
            finished = true;
            reader.releaseLock();
            throw fail(error);
          }
          if (next.done) {
            finished = true;
            reader.releaseLock();
            return { done: true, value: undefined };
          }
          return { done: false, value: next.value };
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          if (!finished) {
            finished = true;
            await reader.cancel().catch(() => undefined);
            reader.releaseLock();
          }
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** The body stream with its read failures reported through `fail`. */
function mappedStream(body: ReadableStream<Uint8Array>, fail: (error: unknown) => unknown): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: ReadResult;
      try {
        next = await reader.read();
      } catch (error) {
        throw fail(error);
      }
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await reader.cancel(reason);
    },
  });
}
