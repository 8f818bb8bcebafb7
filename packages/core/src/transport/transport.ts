/** A request body the transports can send: bytes, or a web stream of bytes. */
export type RequestBody = Uint8Array | ReadableStream<Uint8Array>;

/** One HTTP request as the core hands it to a transport. Built purely, without I/O. */
export interface TransportRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Body, if any. A stream is sent as it is read, never buffered whole. */
  readonly body?: RequestBody | undefined;
  /** Aborts the request, including reading its response body. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The response body is expected to be large (image data) and read through `readInto` when
   * the transport offers it: a transport may then read it on a connection of its own into
   * reused memory instead of allocating per chunk. A hint; ignoring it is correct.
   */
  readonly largeBody?: boolean | undefined;
}

/** The answer to a {@link TransportRequest}. The body must be consumed exactly once. */
export interface TransportResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers with lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Reads the whole body as UTF-8 text. */
  text(): Promise<string>;
  /** Reads the whole body as bytes. */
  bytes(): Promise<Uint8Array>;
  /** The body as a web stream (for large downloads). */
  stream(): ReadableStream<Uint8Array>;
  /**
   * The body as an async iterable of chunks, without a web-stream layer: what the core reads
   * image data through when present (much less overhead per chunk than `stream()`). Optional;
   * must yield the same bytes as `stream()`. Define it non-enumerable, so a wrapper that
   * spreads a response (`{ ...res, stream: … }`) and replaces `stream()` is not bypassed.
   */
  chunks?(): AsyncIterable<Uint8Array>;
  /**
   * Reads the next bytes of the body into `buffer` (bring your own buffer) and resolves how many
   * it put there: at least one, as soon as some have arrived (like a socket read), and 0 once the
   * body has ended. Optional: a transport that reads the socket into memory of its own that it
   * reuses offers it, so a large download moves through the caller's few buffers without one
   * allocation per chunk. Fails like the other body reads. Not mixed with the other readers of
   * one response.
   *
   * The bytes of `buffer` past the count it resolved with remain the transport's until the next
   * call: a socket read already handed that memory may still land there (the next call gets
   * those bytes; the core's next call asks for exactly that rest of its buffer).
   */
  readInto?(buffer: Uint8Array): Promise<number>;
  /** Reads and throws away the body so the connection can be reused. */
  discard(): Promise<void>;
}

/**
 * Sends HTTP requests. One implementation per runtime (undici in Node, `fetch` anywhere),
 * injected into the client. A transport does I/O only and returns every HTTP status as a
 * response. It reports its own failures as the core's errors, from `request()` and from every
 * body read alike: `ConnectionError` (refused, reset, DNS, TLS), `RequestTimeoutError` (its own
 * timeouts), and, when `signal` aborted, the signal's reason unchanged (the core turns that into
 * its abort or timeout error). It rejects as soon as `signal` aborts, also while the request
 * waits for a pooled connection. Error URLs are redacted (`redactUrl`).
 */
export interface Transport {
  /** Sends one request and resolves once the response headers have arrived. */
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections. Optional. */
  close?(): Promise<void>;
}
