// The reliability engineer's load row for the browser client (issue 12): 100 concurrent calls on
// an expired token → exactly one login. Runs in Node (unit project) through the browser
// transport's fetch path — JSON calls never use XMLHttpRequest — against the in-process emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { createClient, rackspaceApiKey } from "../src/index.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ mode: "rackspace" });
});
afterAll(() => emulator.stop());

describe("browser client: 100 concurrent calls on an expired token", () => {
  it("exactly one re-login, every call answered", async () => {
    const demo = emulator.users[0]!;
    const client = createClient({ identity: rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey }), region: "DFW" });
    await client.images.list({ limit: 1 });
    expect(emulator.stats.authRequests).toBe(1);
    emulator.revokeTokens();
    const pages = await Promise.all(Array.from({ length: 100 }, () => client.images.list({ limit: 1 })));
    expect(pages).toHaveLength(100);
    expect(emulator.stats.authRequests).toBe(2);
  }, 60_000);
});
