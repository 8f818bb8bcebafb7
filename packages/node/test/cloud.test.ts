// Client construction (endpoint checks, secrets in endpoints), the compute clients' options,
// close() ownership and createCloud, against the local emulator (identity v2.0 + images + compute).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ComputeClient,
  ConnectionError,
  IdentitySession,
  LegacyComputeClient,
  ValidationError,
  cloudConfigFromRaw,
  createClient,
  createCloud,
  createComputeClient,
  createLegacyComputeClient,
  createUndiciTransport,
  rackspaceApiKey,
  type Transport,
} from "../src/index.js";
import { recordingTransport } from "./support/recording-transport.js";

const PASSWORD = "s3cret-endpoint-PASSWORD";

let emu: Emulator;
let demo: Emulator["users"][number];
const shared = createUndiciTransport();

beforeAll(async () => {
  emu = await startEmulator({ jobDurationMs: 100 });
  demo = emu.users.find((u) => u.username === "demo")!;
});
afterAll(async () => {
  await shared.close();
  await emu.stop();
});

const apiKey = () => rackspaceApiKey({ authUrl: emu.identityUrl, username: demo.username, apiKey: demo.apiKey });

/** A transport that fails the test if anything is sent, and counts close(). */
function silentTransport(): Transport & { sent: number; closed: number } {
  const t = {
    sent: 0,
    closed: 0,
    async request(): Promise<never> {
      t.sent += 1;
      throw new ConnectionError({ method: "GET", url: "http://never" });
    },
    async close() {
      t.closed += 1;
    },
  };
  return t;
}

async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe("endpoint checks", () => {
  const bad = ["not a url", "", "ftp://glance.example.com", "file:///etc/passwd", "http://glance:9292/?x=1", "http://glance:9292/#top", "http://glance:9292?", "glance.example.com:9292"];

  it.each(bad)("createClient refuses endpoint %j with a ValidationError, sending nothing", (endpoint) => {
    const transport = silentTransport();
    expect(() => createClient({ endpoint, token: "t", transport })).toThrow(ValidationError);
    expect(() => createComputeClient({ endpoint, token: "t", transport })).toThrow(ValidationError);
    expect(() => createLegacyComputeClient({ endpoint, token: "t", transport })).toThrow(ValidationError);
    expect(() => new ComputeClient({ endpoint, token: "t", transport })).toThrow(ValidationError);
    expect(() => createCloud({ endpoints: { compute: endpoint }, token: "t", transport })).toThrow(ValidationError);
    expect(transport.sent).toBe(0);
  });

  it("a bad endpoint is refused before the cloud configuration is read", () => {
    // `cloud: "missing"` would be a ConfigurationError; the endpoint is checked first.
    expect(() => createClient({ endpoint: "nope", cloud: "missing", configSources: { env: {}, cwd: "/nonexistent", home: "/nonexistent" } })).toThrow(ValidationError);
  });

  it("no endpoint and no way to find one is a ValidationError, not a TypeError", () => {
    const error = (() => {
      try {
        createClient({ token: "t", transport: silentTransport() });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toEqual(["endpoint"]);
    expect(() => createComputeClient({ token: "t", transport: silentTransport() })).toThrow(ValidationError);
  });

  it("a password in an endpoint never shows in inspect, JSON or errors, and is sent as Basic credentials", async () => {
    const base = await refusedUrl();
    const endpoint = base.replace("//", `//admin:${PASSWORD}@`);
    // The default policy with its delays shrunk: the refused calls below are retried in milliseconds.
    const retry = { baseDelayMs: 1, maxDelayMs: 5 };
    const glance = createClient({ endpoint, token: "t", retry });
    const compute = createComputeClient({ endpoint: `${endpoint}/v2/123`, token: "t", retry });
    const core = new LegacyComputeClient({ endpoint: `${endpoint}/v1.0/123`, token: "t", transport: shared });
    for (const client of [glance, compute, core]) {
      expect(inspect(client, { depth: 5 })).not.toContain(PASSWORD);
      expect(JSON.stringify(client)).not.toContain(PASSWORD);
    }
    const error = await glance.images.get("2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
    const computeError = await compute.images.list().catch((e: unknown) => e);
    expect(computeError).toBeInstanceOf(ConnectionError);
    expect(inspect(computeError, { depth: 10 })).not.toContain(PASSWORD);
    await glance.close();
    await compute.close();

    const refused = (() => {
      try {
        createClient({ endpoint: `ftp://admin:${PASSWORD}@glance`, token: "t" });
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect(inspect(refused)).not.toContain(PASSWORD);

    const recording = recordingTransport(silentTransport());
    const viaRecording = createClient({ endpoint, token: "t", transport: recording });
    await viaRecording.images.get("2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b").catch(() => undefined);
    const sent = recording.requests[0]!;
    expect(sent.url).not.toContain(PASSWORD);
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from(`admin:${PASSWORD}`).toString("base64")}`);
  });
});

describe("compute clients take the image client's options", () => {
  it("identity: next-gen and legacy endpoints come from the catalog (cloudServersOpenStack, cloudServers)", async () => {
    const recording = recordingTransport(shared);
    const compute = createComputeClient({ identity: apiKey(), transport: recording });
    const legacy = createLegacyComputeClient({ identity: compute.identity, transport: recording });
    expect(inspect(compute)).toContain("(from the service catalog)");
    expect((await compute.images.listAll().toArray()).length).toBeGreaterThan(0);
    expect((await legacy.images.list()).length).toBeGreaterThan(0);
    expect(compute.http.root).toMatch(/\/v2\/\d+$/);
    expect(legacy.http.root).toMatch(/\/v1\.0\/\d+$/);
    expect(recording.auths()).toBe(1);
    await compute.close();
    await legacy.close();
  });

  it("endpoint + token, like the image client", async () => {
    const session = new IdentitySession({ auth: apiKey(), transport: shared });
    const url = (await session.endpoint({ type: "compute", name: "cloudServersOpenStack" })).url;
    const token = (await session.token()).value;
    const compute = createComputeClient({ endpoint: url, token, transport: shared });
    expect((await compute.images.list()).images.length).toBeGreaterThan(0);
  });

  it("cloud: a clouds.yaml cloud with the rackspace profile picks cloudServersOpenStack", async () => {
    const cloud = cloudConfigFromRaw("emu", undefined, {
      profile: "rackspace",
      auth: { auth_url: emu.identityUrl, username: demo.username, api_key: demo.apiKey },
    });
    const compute = createComputeClient({ cloud });
    expect((await compute.images.list()).images.length).toBeGreaterThan(0);
    expect(compute.http.root).toMatch(/\/v2\/\d+$/);
    await compute.close();
  });
});

describe("close() closes only what the client created", () => {
  it("a transport passed in stays open; one the client made is closed", async () => {
    const given = silentTransport();
    await createClient({ endpoint: "http://glance:9292", token: "t", transport: given }).close();
    await createComputeClient({ endpoint: "http://nova/v2/1", token: "t", transport: given }).close();
    await createLegacyComputeClient({ endpoint: "http://nova/v1.0/1", token: "t", transport: given }).close();
    expect(given.closed).toBe(0);

    const own = createComputeClient({ endpoint: "http://nova/v2/1", token: "t" });
    const spy = vi.spyOn(own.transport, "close");
    await own.close();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("a dispatcher passed in stays open", async () => {
    const dispatcherOwner = createUndiciTransport();
    const dispatcher = dispatcherOwner.dispatcher;
    const close = vi.spyOn(dispatcher, "close");
    await createClient({ endpoint: "http://glance:9292", token: "t", undici: { dispatcher } }).close();
    expect(close).not.toHaveBeenCalled();
    await dispatcherOwner.close();
  });
});

describe("createCloud", () => {
  it("images, compute and legacy compute share one session (one login) and one transport", async () => {
    const cloud = createCloud({ identity: apiKey() });
    const close = vi.spyOn(cloud.transport, "close");
    const request = vi.spyOn(cloud.transport, "request");
    const [server] = await cloud.compute.images.listServers();
    const snapshot = await cloud.compute.images.createImage(server!.id, { name: "cloud-snap" });
    expect((await cloud.compute.images.get(snapshot.id)).name).toBe("cloud-snap");
    expect((await cloud.images.images.list()).images.length).toBeGreaterThan(0);
    expect((await cloud.legacyCompute.images.list()).length).toBeGreaterThan(0);
    expect(cloud.images.identity).toBe(cloud.identity);
    expect(cloud.compute.identity).toBe(cloud.identity);
    expect(cloud.legacyCompute.transport).toBe(cloud.transport);
    expect(cloud.identity!.authRequests).toBe(1);
    expect(request.mock.calls.filter(([r]) => r.url.endsWith("/v2.0/tokens"))).toHaveLength(1);
    expect(cloud.compute).toBe(cloud.compute); // created once

    // A client of the cloud does not close what it shares; the cloud closes it once.
    await cloud.images.close();
    await cloud.compute.close();
    expect(close).not.toHaveBeenCalled();
    await cloud.close();
    await cloud.close();
    expect(close).toHaveBeenCalledTimes(1);
    expect(inspect(cloud)).not.toContain(demo.apiKey);
    expect(JSON.stringify(cloud)).not.toContain(demo.apiKey);
    const token = cloud.identity!.current!.value;
    expect(inspect(cloud, { depth: 10 })).not.toContain(token);
    expect(JSON.stringify(cloud)).not.toContain(token);
  });

  it("creates each client lazily and leaves a transport passed in open", async () => {
    const given = recordingTransport(shared);
    const closeGiven = vi.spyOn(given, "close");
    const cloud = createCloud({ identity: apiKey(), transport: given });
    expect(given.requests).toHaveLength(0);
    expect(JSON.stringify(cloud)).toContain('"clients":[]');
    await cloud.legacyCompute.images.list();
    expect(JSON.stringify(cloud)).toMatch(/"clients":\[\{"endpoint":"http[^"]+\/v1\.0\/\d+"\}\]/);
    await cloud.close();
    expect(closeGiven).not.toHaveBeenCalled();
  });

  it("with a token and per-service endpoints, no identity", async () => {
    const session = new IdentitySession({ auth: apiKey(), transport: shared });
    const token = (await session.token()).value;
    const image = (await session.endpoint({ type: "image" })).url;
    const compute = (await session.endpoint({ type: "compute", name: "cloudServersOpenStack" })).url;
    const cloud = createCloud({ token, endpoints: { image, compute }, transport: shared });
    expect((await cloud.images.images.list()).images.length).toBeGreaterThan(0);
    expect((await cloud.compute.images.list()).images.length).toBeGreaterThan(0);
    expect(() => cloud.legacyCompute).toThrow(ValidationError);
    await cloud.close();
  });
});
