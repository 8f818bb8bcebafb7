import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Transform, type TransformCallback } from "node:stream";

/**
 * What a {@link FaultProxy} does to a matching request instead of (or on top of) forwarding it.
 *
 * - `status`: answer this status (with `headers`, `body`) without forwarding — or, with
 *   `forward: true`, after the real server has handled the request (its answer is dropped:
 *   "the work was done but the client was told it failed").
 * - `reset`: reset the connection (TCP RST) before any response header — after the real server
 *   handled the request with `forward: true`.
 * - `reset-download`: forward, send the headers and `afterBytes` bytes of the answer, then reset.
 * - `reset-upload`: forward `afterBytes` bytes of the request body, then reset both connections
 *   (the real server sees a cut upload).
 * - `truncate`: forward, send the real headers (the real `Content-Length`) but only `afterBytes`
 *   bytes of the body, then close the connection cleanly (FIN).
 * - `stall-headers`: hold the request for `ms` (forever when absent) before forwarding it.
 * - `stall-body`: forward, send `afterBytes` bytes of the answer, then hold the rest for `ms`
 *   (forever when absent).
 * - `flip-byte`: forward, XOR the byte at offset `at` of the answer body (or, with
 *   `direction: "upload"`, of the request body) with 0xff.
 * - `short-upload`: forward only the first `afterBytes` bytes of the request body and end it
 *   early, framed as `framing` says: `content-length` (the size the client declared —
 *   its `Content-Length`, else its `x-openstack-image-size` — then a half-close, FIN, so the real
 *   server sees the body end short of it), `chunked` (a well-formed chunked body that is simply
 *   shorter: the server cannot tell), or `chunked-unterminated` (chunked, then a half-close
 *   before the last chunk). The rest of the client's body is read and dropped; the real
 *   server's answer is relayed.
 */
export type Fault =
  | { readonly kind: "status"; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string; readonly forward?: boolean }
  | { readonly kind: "reset"; readonly forward?: boolean }
  | { readonly kind: "reset-download"; readonly afterBytes: number }
  | { readonly kind: "reset-upload"; readonly afterBytes: number }
  | { readonly kind: "truncate"; readonly afterBytes: number }
  | { readonly kind: "stall-headers"; readonly ms?: number }
  | { readonly kind: "stall-body"; readonly afterBytes: number; readonly ms?: number }
  | { readonly kind: "flip-byte"; readonly at: number; readonly direction?: "download" | "upload" }
  | { readonly kind: "short-upload"; readonly afterBytes: number; readonly framing: ShortUploadFraming };

/** How a `short-upload` fault frames the shortened body it sends on (see {@link Fault}). */
export type ShortUploadFraming = "content-length" | "chunked" | "chunked-unterminated";

/** Which requests a {@link FaultRule} applies to. Every field given must match. */
export interface FaultMatch {
  /** HTTP method (any case). */
  readonly method?: string;
  /** The request's path without query: an exact string, or a pattern tested against it. */
  readonly path?: string | RegExp;
  /** A test on the whole request (path with query, lower-case headers). */
  readonly where?: (request: { readonly method: string; readonly url: string; readonly headers: IncomingHttpHeaders }) => boolean;
}

/** A fault for some of the requests that match. */
export interface FaultRule {
  /** Which requests count; all when absent. */
  readonly match?: FaultMatch;
  /** Matching requests let through untouched before the fault starts (default 0: the first one). */
  readonly skip?: number;
  /** How many matching requests get the fault (default 1; `Infinity`: all of them). */
  readonly times?: number;
  /** What happens to them. */
  readonly fault: Fault;
}

/** A rule added with {@link FaultProxy.inject}. */
export interface InjectedFaultRule {
  /** Requests the fault was applied to so far. */
  readonly hits: number;
  /** Removes the rule. */
  remove(): void;
}

/** One request the proxy saw, in arrival order. */
export interface ProxiedRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path with query, as received. */
  readonly url: string;
  /** The fault applied, if any (`undefined`: forwarded untouched). */
  readonly fault: Fault["kind"] | undefined;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Base URL of the real server, e.g. `http://127.0.0.1:9292` (its path is ignored). */
  readonly target: string;
  /** Rewrites the headers sent on to the real server (e.g. turns a token into trusted-auth headers). */
  readonly rewriteHeaders?: (headers: IncomingHttpHeaders) => IncomingHttpHeaders;
}

/** A running fault-injecting proxy (see {@link startFaultProxy}). */
export interface FaultProxy {
  /** Base URL of the proxy (`http://127.0.0.1:PORT`); point the SDK at it. */
  readonly url: string;
  /** Its TCP port on 127.0.0.1 (kept across {@link down}/{@link up}). */
  readonly port: number;
  /** Every request seen since the start or the last {@link reset}. */
  readonly requests: readonly ProxiedRequest[];
  /** Adds a fault rule; rules are tried in the order added, the first that applies wins. */
  inject(rule: FaultRule): InjectedFaultRule;
  /** Removes every rule and forgets the requests seen. */
  reset(): void;
  /**
   * Stops listening and drops every open connection: new connections are refused
   * (`ECONNREFUSED`) until {@link up}.
   */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Stops the proxy (open connections are dropped). Idempotent. */
  stop(): Promise<void>;
}

interface Rule {
  readonly spec: FaultRule;
  seen: number;
  hits: number;
}

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

/**
 * Starts an HTTP proxy on 127.0.0.1 in front of a real server (Glance, Keystone) that injects
 * faults per request: refused connections ({@link FaultProxy.down}), resets before the
 * headers or mid-body (download and upload), any status with any headers (`Retry-After`,
 * a 401 for an expired token, a 409 on create…), bodies truncated under a correct
 * `Content-Length`, stalled headers or bodies, and a flipped byte. Requests without a matching
 * rule are forwarded untouched, bodies streamed both ways.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  // A fresh upstream connection per request: a stale pooled one would show up as a fault nobody injected.
  const agent = new Agent({ keepAlive: false, maxSockets: 256 });
  let rules: Rule[] = [];
  let requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const take = (req: IncomingMessage): Fault | undefined => {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    for (const rule of rules) {
      const m = rule.spec.match;
      if (m?.method !== undefined && m.method.toUpperCase() !== method) continue;
      if (typeof m?.path === "string" && m.path !== path) continue;
      if (m?.path instanceof RegExp && !m.path.test(path)) continue;
      if (m?.where !== undefined && !m.where({ method, url, headers: req.headers })) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.spec.skip ?? 0)) continue;
      if (rule.hits >= (rule.spec.times ?? 1)) continue;
      rule.hits += 1;
      return rule.spec.fault;
    }
    return undefined;
  };

  const later = (ms: number | undefined, run: () => void): void => {
    if (ms === undefined) return; // forever: dropped when the client or the proxy goes
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, onResponse: (upstream: IncomingMessage) => void, uploadCut?: number, uploadTransform?: Transform): void => {
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    for (const name of HOP_BY_HOP) if (name !== "transfer-encoding") delete headers[name];
    const sent = options.rewriteHeaders ? options.rewriteHeaders(headers) : headers;
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: sent as OutgoingHttpHeaders, agent });
    let answered = false;
    upstream.on("response", (up) => {
      up.once("end", () => (answered = true));
      up.once("error", () => res.destroy());
      onResponse(up);
    });
    // The real server failed or went away before answering: cut the client too. (A server that
    // answers early, e.g. a 409 to an upload, and closes while the body still comes in is
    // relayed as it answered.)
    upstream.on("error", () => {
      if (!res.headersSent) req.socket.destroy();
    });
    // The client went away (or was cut) before the real answer was through: drop the upstream request too.
    res.once("close", () => {
      if (!answered) upstream.destroy();
    });
    if (uploadCut === undefined) {
      (uploadTransform ? req.pipe(uploadTransform) : req).pipe(upstream);
      return;
    }
    let passed = 0;
    req.on("data", (chunk: Buffer) => {
      if (passed >= uploadCut) return;
      const room = uploadCut - passed;
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      passed += part.byteLength;
      if (passed < uploadCut) {
        upstream.write(part);
        return;
      }
      req.pause();
      // Let the bytes reach the server, then cut both sides.
      upstream.write(part, () => {
        upstream.destroy();
        req.socket.resetAndDestroy();
      });
    });
    req.on("end", () => upstream.end());
  };

  /** The `short-upload` fault: the first `cut` bytes of the body, framed as `framing`, then the body ends early. */
  const shortUpload = (req: IncomingMessage, res: ServerResponse, cut: number, framing: ShortUploadFraming): void => {
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    for (const name of HOP_BY_HOP) delete headers[name];
    const declared = req.headers["content-length"] ?? req.headers["x-openstack-image-size"];
    delete headers["content-length"];
    if (framing === "content-length") {
      if (declared === undefined) throw new Error("short-upload with content-length framing: the client declared no size");
      headers["content-length"] = String(declared);
    } else {
      headers["transfer-encoding"] = "chunked";
    }
    const sent = options.rewriteHeaders ? options.rewriteHeaders(headers) : headers;
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: sent as OutgoingHttpHeaders, agent });
    upstream.on("response", (up) => relay(res, up));
    upstream.on("error", () => {
      if (!res.headersSent) req.socket.destroy();
      else res.destroy();
    });
    res.once("close", () => upstream.destroy());
    let passed = 0;
    let ended = false;
    const endEarly = (): void => {
      if (ended) return;
      ended = true;
      if (framing === "chunked") upstream.end();
      // Half-close once the bytes are out: the server reads the end of the stream short of what
      // was announced, and can still answer.
      else {
        upstream.flushHeaders();
        upstream.write(Buffer.alloc(0), () => upstream.socket?.end());
      }
    };
    req.on("data", (chunk: Buffer) => {
      if (passed >= cut) return; // the rest is read and dropped
      const room = cut - passed;
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      passed += part.byteLength;
      if (passed < cut) upstream.write(part);
      else upstream.write(part, endEarly);
    });
    req.on("end", endEarly);
  };

  /** Sends the real answer on; with `cut`, only `cut.after` bytes of its body, then `cut.then(rest)`. */
  const relay = (res: ServerResponse, up: IncomingMessage, options: { transform?: Transform; cut?: { after: number; then: (rest: Buffer) => void } } = {}): void => {
    res.writeHead(up.statusCode ?? 502, responseHeaders(up.headers));
    const body: NodeJS.ReadableStream = options.transform ? up.pipe(options.transform) : up;
    const cut = options.cut;
    if (!cut) {
      body.pipe(res);
      return;
    }
    let passed = 0;
    body.on("data", (chunk: Buffer) => {
      if (passed >= cut.after) return;
      const room = cut.after - passed;
      if (chunk.byteLength < room) {
        passed += chunk.byteLength;
        if (!res.write(chunk)) {
          body.pause();
          res.once("drain", () => body.resume());
        }
        return;
      }
      passed = cut.after;
      body.pause();
      res.write(chunk.subarray(0, room), () => cut.then(chunk.subarray(room)));
    });
    body.on("end", () => {
      if (passed < cut.after) res.end();
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const fault = take(req);
    requests.push({ method: req.method ?? "GET", url: req.url ?? "/", fault: fault?.kind });
    switch (fault?.kind) {
      case undefined:
        forward(req, res, (up) => relay(res, up));
        return;
      case "status": {
        const answer = (): void => {
          const body = fault.body ?? JSON.stringify({ code: fault.status, title: "injected fault", message: `fault proxy answered ${fault.status}` });
          res.writeHead(fault.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...fault.headers });
          res.end(body);
        };
        if (fault.forward === true) forward(req, res, (up) => up.resume().on("end", answer));
        else req.resume().on("end", answer);
        return;
      }
      case "reset":
        if (fault.forward === true) forward(req, res, (up) => up.resume().on("end", () => req.socket.resetAndDestroy()));
        else req.socket.resetAndDestroy();
        return;
      case "reset-upload":
        forward(req, res, (up) => relay(res, up), Math.floor(fault.afterBytes));
        return;
      case "reset-download":
        forward(req, res, (up) => relay(res, up, { cut: { after: Math.floor(fault.afterBytes), then: () => res.socket?.resetAndDestroy() } }));
        return;
      case "truncate":
        // The real Content-Length, the body short of it, then a clean close (FIN).
        forward(req, res, (up) => relay(res, up, { cut: { after: Math.floor(fault.afterBytes), then: () => res.socket?.end() } }));
        return;
      case "stall-headers":
        req.pause();
        later(fault.ms, () => {
          req.resume();
          forward(req, res, (up) => relay(res, up));
        });
        return;
      case "stall-body":
        forward(req, res, (up) =>
          relay(res, up, {
            cut: {
              after: Math.floor(fault.afterBytes),
              then: (rest) =>
                later(fault.ms, () => {
                  res.write(rest);
                  up.pipe(res);
                  up.resume();
                }),
            },
          }),
        );
        return;
      case "short-upload":
        shortUpload(req, res, Math.floor(fault.afterBytes), fault.framing);
        return;
      case "flip-byte":
        if (fault.direction === "upload") forward(req, res, (up) => relay(res, up), undefined, flipByte(fault.at));
        else forward(req, res, (up) => relay(res, up, { transform: flipByte(fault.at) }));
        return;
    }
  };

  let server = createServer(handle);
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const track = (s: Server): void => {
    s.keepAliveTimeout = 5_000;
    s.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
    });
  };
  track(server);
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  let stopped = false;
  let listening = true;

  const closeListener = async (): Promise<void> => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    inject(spec: FaultRule): InjectedFaultRule {
      const rule: Rule = { spec, seen: 0, hits: 0 };
      rules.push(rule);
      return {
        get hits() {
          return rule.hits;
        },
        remove: () => {
          rules = rules.filter((r) => r !== rule);
        },
      };
    },
    reset() {
      rules = [];
      requests = [];
    },
    down: closeListener,
    async up() {
      if (listening || stopped) return;
      server = createServer(handle);
      track(server);
      await listen(port);
      listening = true;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await closeListener();
      agent.destroy();
    },
  };
}

/** The real server's headers, less the hop-by-hop ones (Node sets its own framing). */
function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.includes(name)) out[name] = value;
  return out;
}

/** XORs the byte at offset `at` of the stream with 0xff. */
function flipByte(at: number): Transform {
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const start = offset;
      offset += chunk.byteLength;
      if (at >= start && at < offset) {
        const copy = Buffer.from(chunk);
        copy[at - start]! ^= 0xff;
        done(null, copy);
        return;
      }
      done(null, chunk);
    },
  });
}

/** `Retry-After` as a number of seconds. */
export function retryAfterSeconds(seconds: number): Record<string, string> {
  return { "retry-after": String(seconds) };
}

/** `Retry-After` as an HTTP-date `seconds` from now. */
export function retryAfterDate(seconds: number): Record<string, string> {
  return { "retry-after": new Date(Date.now() + seconds * 1000).toUTCString() };
}
