import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";

/** The emulator answers CORS like oslo.middleware in front of Glance: what the browser tests rely on. */
describe("emulator CORS (corsOrigins)", () => {
  const origin = "http://127.0.0.1:5173";
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ mode: "glance", corsOrigins: [origin] });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("answers a preflight from an allowed origin with the methods and headers the SDK sends", async () => {
    const res = await fetch(`${emulator.url}/images/DFW/v2/images`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "PATCH", "access-control-request-headers": "x-auth-token,content-type" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-auth-token");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("range");
  });

  it("exposes the headers the SDK reads on ordinary answers, errors included", async () => {
    const res = await fetch(`${emulator.url}/images/DFW/v2/images`, { headers: { origin } });
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    const exposed = res.headers.get("access-control-expose-headers")?.toLowerCase() ?? "";
    for (const name of ["x-openstack-request-id", "content-md5", "content-range", "location", "x-subject-token"]) expect(exposed).toContain(name);
    await res.body?.cancel();
  });

  it("gives other origins no CORS headers (the browser then refuses the answer)", async () => {
    const preflight = await fetch(`${emulator.url}/images/DFW/v2/images`, { method: "OPTIONS", headers: { origin: "http://evil.example", "access-control-request-method": "GET" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    await preflight.body?.cancel();
    const plain = await fetch(`${emulator.url}/images/DFW/v2/images`, { headers: { origin: "http://evil.example" } });
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    await plain.body?.cancel();
  });
});
