import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { RequestTimeoutError, ServiceUnavailableError, createClient, rackspaceApiKey, type NodeImageClient } from "../src/index.js";
import { pipelineContract } from "./contract/pipeline.contract.js";
import { glanceEmulator } from "./contract/target.js";

pipelineContract(glanceEmulator());

// What only the emulator can show: injected 503s, resets and Retry-After, and a slow login.
describe("request pipeline against the emulator's faults", () => {
  let emulator: Emulator;
  let glance: NodeImageClient;
  let requests = 0;
  let imageId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ mode: "rackspace" });
    const identity = rackspaceApiKey({ authUrl: emulator.identityUrl, username: emulator.users[0]!.username, apiKey: emulator.users[0]!.apiKey });
    glance = createClient({ identity, region: "DFW", onRequest: () => void (requests += 1) });
    const page = await glance.images.list({ limit: 1 });
    imageId = page.items[0]!.id;
  });
  afterAll(async () => {
    await glance.close();
    await emulator.stop();
  });

  it("a 503 and a reset on a GET are retried, the call succeeds", async () => {
    emulator.faults.inject({ match: { method: "GET", pathPrefix: `/images/DFW/v2/images/${imageId}` }, status: 503 });
    emulator.faults.inject({ match: { method: "GET", pathPrefix: `/images/DFW/v2/images/${imageId}` }, reset: true });
    requests = 0;
    const image = await glance.images.get(imageId);
    expect(image.id).toBe(imageId);
    expect(requests).toBe(3);
  });

  it("a 429 with Retry-After is waited out; with maxRetries 0 it is the typed error", async () => {
    emulator.faults.inject({ match: { method: "GET", pathPrefix: "/images/DFW/v2/images" }, status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await glance.images.list({ limit: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    emulator.faults.inject({ match: { method: "GET", pathPrefix: "/images/DFW/v2/images" }, status: 503 });
    await expect(glance.images.list({ limit: 1 }, { maxRetries: 0 })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it("a login that fails with 503 is retried", async () => {
    const fresh = createClient({ identity: rackspaceApiKey({ authUrl: emulator.identityUrl, username: emulator.users[0]!.username, apiKey: emulator.users[0]!.apiKey }), region: "DFW" });
    try {
      emulator.faults.inject({ match: { method: "POST", pathPrefix: "/identity/v2.0/tokens" }, status: 503 });
      expect((await fresh.images.list({ limit: 1 })).items.length).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("the first call's deadline covers a slow login (3 s login, 500 ms deadline)", async () => {
    const fresh = createClient({ identity: rackspaceApiKey({ authUrl: emulator.identityUrl, username: emulator.users[0]!.username, apiKey: emulator.users[0]!.apiKey }), region: "DFW" });
    emulator.setLatency(3_000);
    try {
      const started = Date.now();
      await expect(fresh.images.list({ limit: 1 }, { timeoutMs: 500 })).rejects.toBeInstanceOf(RequestTimeoutError);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      emulator.setLatency(0);
      await fresh.close();
    }
  });
});
