/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies are read loosely in tests */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type ResponseRecord } from "../src/index.js";
import { checkResponse, specRecorder } from "./spec-check.js";

const spec = specRecorder();
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ onResponse: spec.onResponse });
});
afterAll(async () => {
  await emulator.stop();
});

async function auth(body: unknown): Promise<Response> {
  return fetch(`${emulator.identityUrl}/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("identity v2.0", () => {
  it("authenticates with an API key and returns token, catalog and user", async () => {
    const before = emulator.stats.authRequests;
    const res = await auth({ auth: { "RAX-KSKEY:apiKeyCredentials": { username: "demo", apiKey: "0123456789abcdef0123456789abcdef" } } });
    expect(res.status).toBe(200);
    const { access } = (await res.json()) as any;
    expect(emulator.stats.authRequests).toBe(before + 1);
    expect(access.token.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(access.token.expires) - Date.now()).toBeGreaterThan(86_000_000);
    expect(access.token.tenant).toEqual({ id: "123456", name: "123456" });
    expect(access.token["RAX-AUTH:authenticatedBy"]).toEqual(["APIKEY"]);
    expect(access.user).toMatchObject({ id: "10001", name: "demo", "RAX-AUTH:defaultRegion": "DFW" });
    const byName = Object.fromEntries(access.serviceCatalog.map((s: any) => [s.name, s]));
    expect(byName.cloudImages.type).toBe("image");
    expect(byName.cloudImages.endpoints.map((e: any) => e.region)).toEqual(["DFW", "ORD", "IAD", "LON", "SYD", "HKG"]);
    expect(byName.cloudImages.endpoints[0].publicURL).toBe(`${emulator.url}/images/DFW/v2`);
    expect(byName.cloudServersOpenStack.endpoints[1].publicURL).toBe(`${emulator.url}/servers/ORD/v2/123456`);
    expect(byName.cloudFiles.endpoints[0].publicURL).toMatch(new RegExp(`^${emulator.url}/files/DFW/v1/MossoCloudFS_[0-9a-f-]{36}$`));
    expect(byName.cloudFiles.endpoints[0].internalURL).toBeDefined();
    expect(byName.cloudServers.endpoints[0]).not.toHaveProperty("region");
    expect(byName.cloudServers.endpoints[0].publicURL).toBe(`${emulator.url}/servers-v1/v1.0/123456`);
  });

  it("authenticates with a password, with tenantId or tenantName", async () => {
    for (const extra of [{}, { tenantId: "654321" }, { tenantName: "654321" }]) {
      const res = await auth({ auth: { passwordCredentials: { username: "partner", password: "partner-password" }, ...extra } });
      expect(res.status).toBe(200);
      const { access } = (await res.json()) as any;
      expect(access.token["RAX-AUTH:authenticatedBy"]).toEqual(["PASSWORD"]);
      expect(access.user["RAX-AUTH:defaultRegion"]).toBe("ORD");
    }
  });

  it("answers Rackspace's error bodies", async () => {
    let res = await auth({ auth: { passwordCredentials: { username: "demo", password: "wrong" } } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ unauthorized: { code: 401, message: "Unable to authenticate user with credentials provided." } });
    res = await auth({ auth: { "RAX-KSKEY:apiKeyCredentials": { username: "demo", apiKey: "nope" } } });
    expect(res.status).toBe(401);
    res = await auth("not json");
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).badRequest.code).toBe(400);
    res = await auth({ auth: { "RAX-KSKEY:apiKeyCredentials": { username: "demo", apiKey: "0123456789abcdef0123456789abcdef" }, tenantId: "999" } });
    expect(res.status).toBe(401);
  });

  it("services answer 401 without a valid token, and tokens expire", async () => {
    expect((await fetch(`${emulator.url}/images/DFW/v2/images`)).status).toBe(401);
    expect((await fetch(`${emulator.url}/images/DFW/v2/images`, { headers: { "x-auth-token": "bogus" } })).status).toBe(401);
    const short = await startEmulator({ tokenLifetimeSeconds: 1 });
    try {
      const res = await fetch(`${short.identityUrl}/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ auth: { passwordCredentials: { username: "demo", password: "demo-password" } } }),
      });
      const { access } = (await res.json()) as any;
      const validate = () => fetch(`${short.identityUrl}/tokens/${access.token.id}`, { headers: { "x-auth-token": access.token.id } });
      expect((await validate()).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await validate()).status).toBe(401);
    } finally {
      await short.stop();
    }
  });

  it("legacy v1.0 auth answers 204 with the token and management URL", async () => {
    const res = await fetch(`${emulator.url}/servers-v1/v1.0`, { headers: { "x-auth-user": "demo", "x-auth-key": "0123456789abcdef0123456789abcdef" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-auth-token")).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get("x-server-management-url")).toBe(`${emulator.url}/servers-v1/v1.0/123456`);
    const bad = await fetch(`${emulator.url}/servers-v1/v1.0`, { headers: { "x-auth-user": "demo", "x-auth-key": "x" } });
    expect(bad.status).toBe(401);
  });

  it("injects faults: status with Retry-After, reset, truncated body, times", async () => {
    const body = { auth: { passwordCredentials: { username: "demo", password: "demo-password" } } };
    const f = emulator.faults.inject({ match: { method: "POST", pathPrefix: "/identity" }, times: 2, status: 503, retryAfterSeconds: 2 });
    let res = await auth(body);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect((await auth(body)).status).toBe(503);
    expect(f.hits).toBe(2);
    expect((await auth(body)).status).toBe(200);
    emulator.faults.inject({ match: { pathPrefix: "/identity/v2.0/tokens" }, reset: true });
    await expect(auth(body)).rejects.toThrow();
    emulator.faults.inject({ match: { pathPrefix: "/identity/v2.0/tokens" }, truncateBodyAt: 10 });
    res = await auth(body);
    await expect(res.text()).rejects.toThrow();
    emulator.faults.inject({ status: 500, times: Infinity });
    expect((await auth(body)).status).toBe(500);
    emulator.faults.clear();
    expect((await auth(body)).status).toBe(200);
  });

  it("keeps tokens across a restart on the same data folder", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "emu-"));
    const first = await startEmulator({ dataDir });
    const res = await fetch(`${first.identityUrl}/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ auth: { passwordCredentials: { username: "demo", password: "demo-password" } } }),
    });
    const token = ((await res.json()) as any).access.token.id as string;
    await first.stop();
    const second = await startEmulator({ dataDir });
    try {
      const check = await fetch(`${second.identityUrl}/tokens/${token}`, { headers: { "x-auth-token": token } });
      expect(check.status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it("every identity answer matched spec/identity-rackspace-v2.0.yaml (and the v1.0 auth spec/compute-v1.0.yaml)", () => {
    expect(spec.problems).toEqual([]);
  });
});

describe("spec check of identity answers", () => {
  const record = (path: string, status: number, body: unknown, method = "POST", headers: Record<string, string> = {}): ResponseRecord => ({
    method,
    path,
    query: "",
    status,
    headers,
    body: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
  });
  it("flags an access document or an error body that drifts from the spec", () => {
    const access = { token: { id: "t", expires: "2099-01-01T00:00:00Z" }, user: { id: "u" } };
    expect(checkResponse(record("/identity/v2.0/tokens", 200, { access }))).toEqual([]);
    expect(checkResponse(record("/identity/v2.0/tokens", 200, { access: { ...access, token: { expires: "x" } } }))).toHaveLength(1);
    expect(checkResponse(record("/identity/v2.0/tokens", 401, { unauthorized: { code: 401, message: "no" } }))).toEqual([]);
    expect(checkResponse(record("/identity/v2.0/tokens", 401, { badRequest: { code: 401, message: "no" } }))).toHaveLength(1);
    expect(checkResponse(record("/identity/v2.0/tokens", 403, { userDisabled: { code: 403, message: "off" } }))).toEqual([]);
    expect(checkResponse(record("/identity/v2.0/tokens", 418, { teapot: { code: 418, message: "?" } }))).toHaveLength(1);
  });
  it("flags a legacy v1.0 auth answer without the token or management URL headers", () => {
    const headers = { "x-auth-token": "t", "x-server-management-url": "http://x/v1.0/1" };
    expect(checkResponse(record("/servers-v1/v1.0", 204, undefined, "GET", headers))).toEqual([]);
    expect(checkResponse(record("/servers-v1/v1.0", 204, undefined, "GET", { "x-auth-token": "t" }))).toHaveLength(1);
  });
});
