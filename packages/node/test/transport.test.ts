import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  ConnectionError,
  RequestTimeoutError,
  createClient,
  createCloud,
  createFetchTransport,
  createNodeHttpTransport,
  createUndiciTransport,
  type Transport,
  type TransportResponse,
} from "../src/index.js";

const PASSWORD = "s3cret-pw-in-url";

interface Local {
  readonly url: string;
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

const servers: Local[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close?.()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A local HTTP server on 127.0.0.1 answering with `handler`. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Local> {
  const sockets = new Set<Socket>();
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const local: Local = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  servers.push(local);
  return local;
}

/** A port nothing listens on. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Sends the headers and half of a 1000-byte body, then resets the connection. */
const resetMidBody = (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(200, { "content-length": "1000", "content-type": "application/octet-stream" });
  res.write(Buffer.alloc(500, 1), () => setTimeout(() => res.socket?.resetAndDestroy(), 20));
};

const undici = (options: Parameters<typeof createUndiciTransport>[0] = {}): Transport => {
  const t = createUndiciTransport(options);
  transports.push(t);
  return t;
};

const nodeHttp = (options: Parameters<typeof createNodeHttpTransport>[0] = {}): Transport => {
  const t = createNodeHttpTransport(options);
  transports.push(t);
  return t;
};

const get = (t: Transport, url: string, signal?: AbortSignal): Promise<TransportResponse> =>
  t.request({ method: "GET", url, headers: {}, signal });

async function drain(iterable: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of iterable) n += chunk.byteLength;
  return n;
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let n = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) return n;
    n += next.value.byteLength;
  }
}

/** Every way of reading a body, each on a fresh response. */
const READERS: Record<string, (res: TransportResponse) => Promise<unknown>> = {
  text: (res) => res.text(),
  bytes: (res) => res.bytes(),
  chunks: (res) => drain(res.chunks!()),
  stream: (res) => readStream(res.stream()),
};

describe.each([
  ["undici", () => undici()],
  ["node:http", () => nodeHttp()],
  ["fetch", () => createFetchTransport()],
])("%s transport failures are the core's errors", (name, make) => {
  it("a refused connection is a ConnectionError with a redacted URL, never showing user-info", async () => {
    const port = await refusedPort();
    const error = await get(make(), `http://demo:${PASSWORD}@127.0.0.1:${port}/v2/images`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ method: "GET", url: `http://REDACTED@127.0.0.1:${port}/v2/images`, code: "CONNECTION" });
    expect((error as Error).cause).toBeDefined();
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
  });

  it.each(Object.keys(READERS))("a connection reset mid-body is a ConnectionError from %s()", async (reader) => {
    const local = await serve(resetMidBody);
    const res = await get(make(), `${local.url}/file`);
    expect(res.status).toBe(200);
    const error = await READERS[reader]!(res).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).url).toBe(`${local.url}/file`);
  });

  it("response headers named like Object.prototype's members are headers (__proto__, constructor)", async () => {
    const local = await serve((_req, res) => {
      res.writeHead(200, ["__proto__", "p", "constructor", "c", "content-length", "2"]);
      res.end("{}");
    });
    const res = await get(make(), `${local.url}/v2/images`);
    await res.text();
    // Node's own parser leaves `__proto__` out of `IncomingMessage.headers`; the transport keeps what Node gives.
    expect(Object.getOwnPropertyDescriptor(res.headers, "__proto__")?.value).toBe(name === "node:http" ? undefined : "p");
    expect(Object.getOwnPropertyDescriptor(res.headers, "constructor")?.value).toBe("c");
    expect(Object.getPrototypeOf(res.headers)).toBe(Object.prototype);
  });

  it("an aborted signal rejects with its reason unchanged, before the headers and while reading the body", async () => {
    const local = await serve((req, res) => {
      if (req.url === "/slow-headers") return; // never answers
      res.writeHead(200, { "content-length": "1000" });
      res.write("partial");
    });
    const transport = make();
    const early = new AbortController();
    const reason = new Error("stop now");
    setTimeout(() => early.abort(reason), 50);
    await expect(get(transport, `${local.url}/slow-headers`, early.signal)).rejects.toBe(reason);

    for (const read of Object.values(READERS)) {
      const late = new AbortController();
      const res = await get(transport, `${local.url}/slow-body`, late.signal);
      const lateReason = new Error("stop reading");
      setTimeout(() => late.abort(lateReason), 50);
      await expect(read(res)).rejects.toBe(lateReason);
    }

    const already = AbortSignal.abort(reason);
    await expect(get(transport, `${local.url}/slow-body`, already)).rejects.toBe(reason);
  });
});

/** The pooled transports, with their own options. */
const POOLED = [
  ["undici", undici],
  ["node:http", nodeHttp],
] as const;

describe.each(POOLED)("%s transport", (name, make) => {
  it("a headers timeout is a RequestTimeoutError carrying the timeout", async () => {
    const local = await serve(() => undefined);
    const error = await get(make({ headersTimeout: 200 }), `${local.url}/v2/images`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, method: "GET", url: `${local.url}/v2/images` });
  });

  it("a body timeout is a RequestTimeoutError from the body read", async () => {
    const local = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("x");
    });
    const res = await get(make({ bodyTimeout: 200 }), `${local.url}/file`);
    const error = await res.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200 });
  });

  it("a DNS failure is a ConnectionError", async () => {
    const lookup = (_host: string, _options: unknown, callback: (error: Error) => void): void => {
      callback(Object.assign(new Error("getaddrinfo ENOTFOUND glance.invalid"), { code: "ENOTFOUND" }));
    };
    const error = await get(make({ connect: { lookup } as never }), "http://glance.invalid:9292/v2/images").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("ENOTFOUND");
  });

  it("a request queued for a pooled connection rejects when its signal aborts, and is never sent", async () => {
    let releaseFirst: () => void = () => undefined;
    const local = await serve((req, res) => {
      if (req.url === "/first") {
        releaseFirst = () => res.end("first");
        return;
      }
      res.end("second");
    });
    const transport = make({ connections: 1 });
    const first = get(transport, `${local.url}/first`);
    await expect.poll(() => local.requests.length).toBe(1);

    // The first response is held until after this: waiting for the pool would never end.
    const error = await get(transport, `${local.url}/second`, AbortSignal.timeout(300)).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");

    releaseFirst();
    expect(await (await first).text()).toBe("first");
    // The pool is free again: a new request goes through; the aborted one was dropped unsent.
    expect(await (await get(transport, `${local.url}/third`)).text()).toBe("second");
    expect(local.requests.map((r) => r.url)).toEqual(["/first", "/third"]);
  });

  it("a client call waiting for the only pooled connection ends at its timeoutMs", async () => {
    let releaseFirst: () => void = () => undefined;
    const local = await serve((_req, res) => {
      releaseFirst = () => res.writeHead(404, { "content-type": "application/json" }).end("{}");
    });
    const pool = name === "undici" ? { undici: { connections: 1 } } : { transport: "node:http" as const, nodeHttp: { connections: 1 } };
    const glance = createClient({ endpoint: local.url, token: "t", ...pool });
    const id = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
    const first = glance.images.get(id).catch((e: unknown) => e);
    await expect.poll(() => local.requests.length).toBe(1);
    // The first call's answer is held until after this: waiting for the pool would never end.
    const error = await glance.images.get(id, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    releaseFirst();
    await first;
    expect(local.requests).toHaveLength(1);
    await glance.close();
  });

  it("sends URL user-info as Basic credentials", async () => {
    const local = await serve((_req, res) => res.end("ok"));
    const url = local.url.replace("//", `//demo:${encodeURIComponent(PASSWORD)}@`);
    await (await get(make(), `${url}/`)).text();
    expect(local.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`demo:${PASSWORD}`).toString("base64")}`);
  });
});

describe("fetch transport", () => {
  it("sends URL user-info as Basic credentials instead of failing", async () => {
    const local = await serve((_req, res) => res.end("ok"));
    const url = local.url.replace("//", `//demo:${encodeURIComponent(PASSWORD)}@`);
    expect(await (await get(createFetchTransport(), `${url}/`)).text()).toBe("ok");
    expect(local.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`demo:${PASSWORD}`).toString("base64")}`);
  });

  it("never shows a URL quoted by fetch's own error", async () => {
    const quoting = (async (input: string | URL | Request) => {
      throw new TypeError(`Failed to parse URL from ${String(input)}`);
    }) as typeof fetch;
    const url = `http://127.0.0.1:1/v2/images?temp_url_sig=${PASSWORD}`;
    const error = await get(createFetchTransport({ fetch: quoting }), url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("Failed to parse URL from http://127.0.0.1:1/v2/images?temp_url_sig=REDACTED");
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
  });
});

describe("node:http transport", () => {
  it("streams a request body with back-pressure and reads a chunked answer", async () => {
    const local = await serve((req, res) => {
      let n = 0;
      req.on("data", (c: Buffer) => (n += c.length));
      req.on("end", () => {
        res.write(`got ${n} `);
        res.end(req.headers["transfer-encoding"] ?? "none");
      });
    });
    const chunk = new Uint8Array(256 * 1024).fill(7);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 64) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const res = await nodeHttp().request({ method: "PUT", url: `${local.url}/file`, headers: { "content-type": "application/octet-stream" }, body });
    expect(await res.text()).toBe(`got ${64 * 256 * 1024} chunked`);
  });

  it("a request body that fails ends the request with that error, and the server never sees a whole body", async () => {
    const seen: string[] = [];
    const local = await serve((req, res) => {
      req.once("data", () => seen.push("start"));
      req.on("close", () => seen.push(req.complete ? "whole" : "cut"));
      req.on("error", () => undefined);
      res.on("close", () => undefined);
    });
    const failure = new ConnectionError({ method: "PUT", url: "source" });
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // The server has the headers and the first chunks by the time the source fails.
        if (n++ === 3) return void (await expect.poll(() => seen).toEqual(["start"]), controller.error(failure));
        controller.enqueue(new Uint8Array(1024));
      },
    });
    await expect(nodeHttp().request({ method: "PUT", url: `${local.url}/file`, headers: {}, body })).rejects.toBe(failure);
    await expect.poll(() => seen).toEqual(["start", "cut"]);
  });

  it("a body cut short of its Content-Length without a reset is a ConnectionError", async () => {
    const local = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write(Buffer.alloc(400), () => res.socket?.end());
    });
    const res = await get(nodeHttp(), `${local.url}/file`);
    await expect(res.bytes()).rejects.toBeInstanceOf(ConnectionError);
  });

  it("reuses one keep-alive connection for calls in a row", async () => {
    const ports = new Set<number>();
    const local = await serve((req, res) => {
      ports.add(req.socket.remotePort!);
      res.end("ok");
    });
    const transport = nodeHttp();
    for (let i = 0; i < 5; i++) expect(await (await get(transport, `${local.url}/${i}`)).text()).toBe("ok");
    expect(ports.size).toBe(1);
  });

  it("a client of a cloud configuration refuses it when an HTTP proxy is set, rather than bypassing the proxy", () => {
    const cloud = { OS_AUTH_URL: "http://127.0.0.1:1/v3", OS_USERNAME: "demo", OS_PASSWORD: PASSWORD, OS_PROJECT_NAME: "demo", OS_USER_DOMAIN_NAME: "Default", OS_PROJECT_DOMAIN_NAME: "Default" };
    const sources = (env: Record<string, string>) => ({ env: { ...cloud, ...env }, home: "/nonexistent", cwd: "/nonexistent", etcDir: "/nonexistent" });
    const error = (() => {
      try {
        createClient({ cloud: true, transport: "node:http", configSources: sources({ HTTPS_PROXY: "http://proxy.example:3128" }) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/proxy.*"undici"/);
    expect(inspect(error, { depth: 5 })).not.toContain(PASSWORD);
    // Without a proxy the same configuration uses it.
    const glance = createClient({ cloud: true, transport: "node:http", configSources: sources({}) });
    expect(glance.http).toBeDefined();
  });
});

describe("the default transport", () => {
  const isUndici = (t: Transport): boolean => "dispatcher" in t;
  const sources = (env: Record<string, string>) => ({
    env: { OS_AUTH_URL: "http://127.0.0.1:1/v3", OS_USERNAME: "demo", OS_PASSWORD: PASSWORD, OS_PROJECT_NAME: "demo", OS_USER_DOMAIN_NAME: "Default", OS_PROJECT_DOMAIN_NAME: "Default", ...env },
    home: "/nonexistent",
    cwd: "/nonexistent",
    etcDir: "/nonexistent",
  });

  it("is node:http; undici settings, or a cloud configuration with a proxy variable, pick undici", async () => {
    const clouds = [
      [createCloud({ endpoints: { image: "http://127.0.0.1:1" }, token: "t" }), false],
      [createCloud({ cloud: true, configSources: sources({}) }), false],
      [createCloud({ endpoints: { image: "http://127.0.0.1:1" }, token: "t", undici: { connections: 2 } }), true],
      [createCloud({ cloud: true, configSources: sources({ https_proxy: "http://proxy.example:3128" }) }), true],
    ] as const;
    expect(clouds.map(([cloud]) => isUndici(cloud.transport))).toEqual(clouds.map(([, undici]) => undici));
    await Promise.all(clouds.map(([cloud]) => cloud.close()));
  });

  it("answers a client's calls end to end", async () => {
    const local = await serve((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ images: [], first: "/v2/images", schema: "/v2/schemas/images" })));
    const glance = createClient({ endpoint: local.url, token: "t" });
    expect((await glance.images.list()).images).toEqual([]);
    expect(local.requests[0]!.headers["x-auth-token"]).toBe("t");
    await glance.close();
  });
});
