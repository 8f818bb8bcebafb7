import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { CorsPolicy } from "./cors.js";
import { Faults, type FaultInjector, type FaultSpec } from "./faults.js";
import { Ctx, fault, faultName, HttpFailure, json, type Reply } from "./http.js";
import { Identity, type Caller, type EmulatorStats } from "./identity.js";
import { seed } from "./seeds.js";
import { Store } from "./store.js";
import { DEFAULT_USERS, REGIONS, type EmulatorOptions, type EmulatorUser, type Region } from "./types.js";

/** A service mounted under a path prefix. */
export interface Service {
  /** Handles a request whose path starts with the service's prefix; `rest` follows the region. */
  handle(ctx: Ctx, caller: Caller, region: Region, rest: string): Promise<Reply>;
  /** Authenticates a request another way than by token (glance mode's trusted-auth headers). */
  authenticate?(ctx: Ctx): Caller | undefined;
  /** Moves time-driven state forward (tasks, snapshots); returns whether anything changed. */
  advance?(now: number): boolean;
}

/** Everything services share. */
export interface EmulatorRuntime {
  readonly store: Store;
  readonly users: readonly EmulatorUser[];
  readonly mode: "rackspace" | "glance";
  readonly jobDurationMs: number;
  readonly baseUrl: () => string;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  /** Rackspace identity v2.0 root: POST `${identityUrl}/tokens`. */
  readonly identityUrl: string;
  /** The accounts (demo, partner). */
  readonly users: readonly EmulatorUser[];
  /** Fault injection. */
  readonly faults: FaultInjector;
  /** Request counters. */
  readonly stats: EmulatorStats;
  /** The image service flavour. */
  readonly mode: "rackspace" | "glance";
  /** Where state is kept. */
  readonly dataDir: string;
  /** Forgets every issued token: the next service call answers 401. */
  revokeTokens(): void;
  /** Changes the lifetime of tokens issued from now on. */
  setTokenLifetime(seconds: number): void;
  /** Changes the added latency. */
  setLatency(ms: number): void;
  /** Closes the server (state stays in `dataDir`). */
  stop(): Promise<void>;
}

type ServiceFactory = (runtime: EmulatorRuntime) => Service;
const factories = new Map<string, ServiceFactory>();

/** Registers the service answering `/<prefix>/<REGION>/...`. */
export function registerService(prefix: string, factory: ServiceFactory): void {
  factories.set(prefix, factory);
}

/** Starts an emulator. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "cloud-images-emulator-"));
  const store = new Store(dataDir);
  const users = DEFAULT_USERS;
  let lifetime = options.tokenLifetimeSeconds ?? 86_400;
  let latency = options.latencyMs ?? 0;
  const stats: EmulatorStats = { authRequests: 0, legacyAuthRequests: 0, requests: 0 };
  const faults = new Faults();
  const identity = new Identity(store, users, () => lifetime, stats);
  let baseUrl = "";
  const runtime: EmulatorRuntime = {
    store,
    users,
    mode: options.mode ?? "rackspace",
    jobDurationMs: options.jobDurationMs ?? 1500,
    baseUrl: () => baseUrl,
  };
  const services = new Map<string, Service>();
  for (const [prefix, factory] of factories) services.set(prefix, factory(runtime));
  if (store.fresh) {
    seed(store, users, runtime.mode);
    store.save();
  }

  const advance = (): void => {
    const now = Date.now();
    let changed = false;
    for (const s of services.values()) if (s.advance?.(now)) changed = true;
    if (changed) store.save();
  };

  const route = async (ctx: Ctx): Promise<Reply> => {
    if (ctx.path === "/" || ctx.path === "") {
      return json(200, { services: ["identity/v2.0", ...[...services.keys()].map((p) => `${p}/{region}`), "servers-v1/v1.0"] });
    }
    if (ctx.path === "/identity/v2.0" || ctx.path.startsWith("/identity/v2.0/")) {
      return identity.handle(ctx, ctx.path.slice("/identity/v2.0".length));
    }
    if (ctx.path === "/servers-v1/v1.0" || ctx.path === "/servers-v1/v1.0/") {
      if (ctx.method !== "GET" && ctx.method !== "HEAD") return fault(405, "badMethod", "Method not allowed.");
      return identity.legacyAuth(ctx);
    }
    const m = /^\/([a-z0-9-]+)\/([^/]+)(\/.*)?$/.exec(ctx.path);
    if (m) {
      const prefix = m[1]!;
      const service = services.get(prefix);
      if (service) {
        const region = m[2]!.toUpperCase() as Region;
        if (prefix !== "servers-v1" && !REGIONS.includes(region)) return fault(404, "itemNotFound", `Unknown region ${m[2]}.`);
        const caller = service.authenticate?.(ctx) ?? identity.caller(ctx);
        if ("status" in caller) return caller;
        return service.handle(ctx, caller, region, m[3] ?? "");
      }
    }
    return fault(404, "itemNotFound", "Resource not found.");
  };

  const cors = new CorsPolicy(options.corsOrigins ?? []);
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void handleRequest(req, res);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests += 1;
    const ctx = new Ctx(req, baseUrl);
    const preflight = cors.preflight(ctx.method, ctx.header("origin"), ctx.header("access-control-request-method"));
    if (preflight) {
      res.writeHead(200, { ...preflight, "content-length": "0" });
      res.end();
      return;
    }
    const spec: FaultSpec | undefined = faults.take(ctx.method, ctx.path);
    try {
      if (latency > 0) await sleep(latency);
      if (spec?.delayMs) await sleep(spec.delayMs);
      if (spec?.reset) {
        req.socket.destroy();
        return;
      }
      let reply: Reply;
      if (spec && (spec.status !== undefined || spec.retryAfterSeconds !== undefined)) {
        await ctx.body().catch(() => undefined);
        const status = spec.status ?? 503;
        const headers: Record<string, string> = { ...(spec.headers ?? {}) };
        if (spec.retryAfterSeconds !== undefined) headers["retry-after"] = String(spec.retryAfterSeconds);
        reply =
          spec.body !== undefined
            ? { status, headers: { "content-type": "application/json; charset=UTF-8", ...lower(headers) }, body: Buffer.from(spec.body) }
            : fault(status, injectedFaultName(ctx.path, status), "Injected fault.", lower(headers));
      } else {
        advance();
        try {
          reply = await route(ctx);
        } catch (error) {
          if (error instanceof HttpFailure) reply = error.reply;
          else throw error;
        }
        // Drain an unread request body so keep-alive connections stay usable.
        if (!req.readableEnded) await ctx.body().catch(() => undefined);
      }
      write(res, ctx, reply, spec?.truncateBodyAt);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      write(res, ctx, fault(500, "serviceFault", `Emulator error: ${message}`), undefined);
    }
  };

  const write = (res: ServerResponse, ctx: Ctx, reply: Reply, truncateAt: number | undefined): void => {
    const headers: Record<string, string> = { ...reply.headers, ...cors.headers(ctx.header("origin")) };
    headers["x-openstack-request-id"] ??= `req-${randomUUID()}`;
    const bodyless = ctx.method === "HEAD" || reply.status === 204 || reply.status === 304;
    if (!("content-length" in headers) && !bodyless) headers["content-length"] = String(reply.body.length);
    if (reply.status === 204 || reply.status === 304) delete headers["content-length"];
    options.onResponse?.({ method: ctx.method, path: ctx.path, query: ctx.rawQuery, status: reply.status, headers, body: reply.body });
    res.writeHead(reply.status, headers);
    if (bodyless) {
      res.end();
      return;
    }
    if (truncateAt !== undefined && truncateAt < reply.body.length) {
      res.write(reply.body.subarray(0, truncateAt), () => {
        res.socket?.destroy();
      });
      return;
    }
    res.end(reply.body);
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  baseUrl = `http://${shownHost}:${address.port}`;

  return {
    url: baseUrl,
    identityUrl: `${baseUrl}/identity/v2.0`,
    users,
    faults,
    stats,
    mode: runtime.mode,
    dataDir,
    revokeTokens: () => identity.revokeAll(),
    setTokenLifetime: (seconds: number) => {
      lifetime = seconds;
    },
    setLatency: (ms: number) => {
      latency = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Name of an injected fault: identity v2.0 calls its internal errors `identityFault`. */
function injectedFaultName(path: string, status: number): string {
  if (status === 500 && (path === "/identity/v2.0" || path.startsWith("/identity/v2.0/"))) return "identityFault";
  return faultName(status);
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
