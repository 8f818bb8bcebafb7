// Rackspace identity v2.0 against the local emulator (an in-process HTTP server on 127.0.0.1).
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { inspect } from "node:util";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  EndpointNotFoundError,
  IdentitySession,
  RACKSPACE_REGIONS,
  createClient,
  createUndiciTransport,
  rackspaceApiKey,
  rackspacePassword,
} from "../src/index.js";
import { recordingTransport } from "./support/recording-transport.js";

let emu: Emulator;
let demo: Emulator["users"][number];
const transport = createUndiciTransport();


beforeAll(async () => {
  emu = await startEmulator({ mode: "glance" });
  demo = emu.users.find((u) => u.username === "demo")!;
});
afterAll(async () => {
  await transport.close();
  await emu.stop();
});

describe("Rackspace identity v2.0 (emulator)", () => {
  it("API key: token, expiry, tenant, default region and the six-region catalog", async () => {
    const token = await rackspaceApiKey({
      authUrl: emu.identityUrl,
      username: demo.username,
      apiKey: demo.apiKey,
    }).authenticate({ transport, timeoutMs: 10_000 });
    expect(token.value).toMatch(/^[0-9a-f]{32}$/);
    expect(token.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(token).toMatchObject({
      projectId: demo.tenantId,
      defaultRegion: "DFW",
      userName: "demo",
      methods: ["APIKEY"],
    });
    const images = token.catalog.find((s) => s.name === "cloudImages")!;
    expect(images.type).toBe("image");
    expect(images.endpoints.map((e) => e.region)).toEqual([
      ...RACKSPACE_REGIONS,
    ]);
  });

  it("password, with tenantId and tenantName", async () => {
    for (const extra of [
      {},
      { tenantId: demo.tenantId },
      { tenantName: demo.tenantName },
    ]) {
      const token = await rackspacePassword({
        authUrl: emu.identityUrl,
        username: demo.username,
        password: demo.password,
        ...extra,
      }).authenticate({ transport, timeoutMs: 10_000 });
      expect(token.methods).toEqual(["PASSWORD"]);
    }
  });

  it("wrong key and wrong tenant: AuthenticationError with Rackspace's message, never the key", async () => {
    const wrongKey = "ffffffffffffffffffffffffffffffff";
    const e1 = await rackspaceApiKey({
      authUrl: emu.identityUrl,
      username: "demo",
      apiKey: wrongKey,
    })
      .authenticate({ transport, timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(AuthenticationError);
    expect(e1).toMatchObject({
      status: 401,
      serverMessage: "Unable to authenticate user with credentials provided.",
    });
    const e2 = await rackspacePassword({
      authUrl: emu.identityUrl,
      username: "demo",
      password: demo.password,
      tenantId: "999",
    })
      .authenticate({ transport, timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect((e2 as AuthenticationError).serverMessage).toMatch(/Tenant/);
    for (const e of [e1, e2]) {
      const shown = `${(e as Error).message}\n${inspect(e, { depth: 10 })}\n${JSON.stringify(e)}`;
      for (const s of [wrongKey, demo.password, demo.apiKey])
        expect(shown).not.toContain(s);
    }
  });

  it("catalog selection: user's default region, a chosen region, legacy cloudServers without region, no match", async () => {
    const session = new IdentitySession({
      auth: rackspaceApiKey({
        authUrl: emu.identityUrl,
        username: "partner",
        apiKey: emu.users.find((u) => u.username === "partner")!.apiKey,
      }),
      transport,
    });
    expect(await session.endpoint({ type: "image" })).toMatchObject({
      region: "ORD",
      name: "cloudImages",
      url: `${emu.url}/images/ORD/v2`,
    });
    expect(session.region).toBe("ORD");
    expect(
      (await session.endpoint({ name: "cloudServersOpenStack", region: "SYD" }))
        .url,
    ).toMatch(/\/servers\/SYD\/v2\/654321$/);
    expect(
      (
        await session.endpoint({
          type: "object-store",
          region: "HKG",
          interface: "internal",
        })
      ).url,
    ).toMatch(/\/files\/HKG\/v1\/MossoCloudFS_/);
    expect(
      (await session.endpoint({ name: "cloudServers" })).region,
    ).toBeUndefined();
    const error = await session
      .endpoint({ type: "image", region: "FRA" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointNotFoundError);
    expect((error as Error).message).toContain(
      'image "cloudImages" (public: DFW ORD IAD LON SYD HKG)',
    );
  });
});

describe("a client authenticating against the emulator", () => {
  it("lists images in the default region, endpoint from the catalog (…/v2 suffix stripped)", async () => {
    const t = recordingTransport(transport);
    const client = createClient({
      identity: rackspaceApiKey({
        authUrl: emu.identityUrl,
        username: "demo",
        apiKey: demo.apiKey,
      }),
      transport: t,
    });
    const page = await client.images.list({ limit: 5 });
    expect(Array.isArray(page.images)).toBe(true);
    expect(client.http.root).toBe(`${emu.url}/images/DFW`);
    expect(client.projectId).toBe(demo.tenantId);
    expect(t.requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/identity/v2.0/tokens",
      "/images/DFW/v2/images",
    ]);
  });

  it("single flight: 100 concurrent calls on a fresh client send exactly one auth request", async () => {
    const before = emu.stats.authRequests;
    const t = recordingTransport(transport);
    const client = createClient({
      identity: rackspaceApiKey({
        authUrl: emu.identityUrl,
        username: "demo",
        apiKey: demo.apiKey,
      }),
      transport: t,
      region: "IAD",
    });
    await Promise.all(
      Array.from({ length: 100 }, () => client.images.list({ limit: 1 })),
    );
    expect(emu.stats.authRequests - before).toBe(1);
    expect(t.requests.filter((r) => r.url.endsWith("/tokens"))).toHaveLength(1);
    expect(client.identity!.authRequests).toBe(1);
  });

  it("401 after the tokens are revoked: re-authenticates once and replays", async () => {
    const client = createClient({
      identity: rackspaceApiKey({
        authUrl: emu.identityUrl,
        username: "demo",
        apiKey: demo.apiKey,
      }),
      transport,
    });
    await client.images.list({ limit: 1 });
    const before = emu.stats.authRequests;
    emu.revokeTokens();
    await Promise.all(
      Array.from({ length: 20 }, () => client.images.list({ limit: 1 })),
    );
    expect(emu.stats.authRequests - before).toBe(1);
  });

  it("renews a token before it expires (short lifetime)", async () => {
    emu.setTokenLifetime(4);
    try {
      const session = new IdentitySession({
        auth: rackspacePassword({
          authUrl: emu.identityUrl,
          username: "demo",
          password: demo.password,
        }),
        transport,
        refreshMarginMs: 1000,
      });
      const client = createClient({ identity: session, transport });
      await client.images.list({ limit: 1 });
      const first = session.current!;
      expect(first.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(4000);
      await new Promise((r) => setTimeout(r, 2200)); // margin = min(1 s, 4 s / 2): stale after ~3 s
      await client.images.list({ limit: 1 });
      expect(session.authRequests).toBe(1);
      await new Promise((r) => setTimeout(r, 1200));
      await client.images.list({ limit: 1 });
      expect(session.authRequests).toBe(2);
      expect(session.current!.value).not.toBe(first.value);
      expect(session.current!.expiresAt!.getTime()).toBeGreaterThan(
        first.expiresAt!.getTime(),
      );
    } finally {
      emu.setTokenLifetime(86_400);
    }
  });
});

describe("configuration from OS_* variables, through an HTTP proxy", () => {
  /** A CONNECT proxy on 127.0.0.1 counting tunnels. */
  async function startProxy(): Promise<{
    url: string;
    tunnels: () => number;
    stop: () => Promise<void>;
  }> {
    let tunnels = 0;
    const server: Server = createServer((_req, res) =>
      res.writeHead(405).end(),
    );
    server.on("connect", (req, socket, head) => {
      tunnels += 1;
      const [host, port] = (req.url ?? "").split(":");
      const upstream = connect(Number(port), host!, () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      tunnels: () => tunnels,
      stop: () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    };
  }

  it("HTTP_PROXY carries auth and image calls; NO_PROXY bypasses it", async () => {
    const proxy = await startProxy();
    try {
      const env = {
        OS_AUTH_TYPE: "rackspace_apikey",
        OS_AUTH_URL: emu.identityUrl,
        OS_USERNAME: "demo",
        OS_API_KEY: demo.apiKey,
        OS_REGION_NAME: "LON",
      };
      const viaProxy = createClient({
        configSources: { env: { ...env, HTTP_PROXY: proxy.url } },
      });
      await viaProxy.images.list({ limit: 1 });
      expect(viaProxy.cloud).toMatchObject({
        name: "envvars",
        authType: "rackspace_apikey",
        region: "LON",
      });
      expect(viaProxy.http.root).toBe(`${emu.url}/images/LON`);
      expect(proxy.tunnels()).toBeGreaterThanOrEqual(1);
      await viaProxy.close();

      const before = proxy.tunnels();
      const bypass = createClient({
        cloud: true,
        configSources: {
          env: { ...env, HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" },
        },
      });
      await bypass.images.list({ limit: 1 });
      expect(proxy.tunnels()).toBe(before);
      const shown = `${inspect(bypass, { depth: 10 })}${JSON.stringify(bypass)}${inspect(bypass.cloud)}${JSON.stringify(bypass.identity)}`;
      expect(shown).not.toContain(demo.apiKey);
      await bypass.close();
    } finally {
      await proxy.stop();
    }
  });
});
