import { seededData, startEmulator, type Emulator } from "@cloud-images/emulator";
import { ServiceUnavailableError, createClient, rackspaceApiKey, type NodeImageClient } from "@cloud-images/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("my image code, against a local Rackspace cloud", () => {
  let emulator: Emulator;
  let client: NodeImageClient;

  beforeAll(async () => {
    emulator = await startEmulator(); // a free port on 127.0.0.1, fresh seeded data
    const demo = emulator.users[0]!;
    client = createClient({
      identity: rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey }),
      region: "DFW",
    });
  });

  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it("reads a seeded image by its known id", async () => {
    const [ubuntu] = seededData("DFW").baseImages;
    const image = await client.images.get(ubuntu!.id);
    expect(image.name).toBe(ubuntu!.name);
    expect(image.visibility).toBe("public");
  });

  it("rides out a 503 with Retry-After", async () => {
    const fault = emulator.faults.inject({ match: { method: "GET", pathPrefix: "/images/DFW/v2/images" }, status: 503, retryAfterSeconds: 0 });
    const page = await client.images.list({ limit: 5 });
    expect(page.images.length).toBeGreaterThan(0);
    expect(fault.hits).toBe(1);
  });

  it("reports a service that stays down as a typed error", async () => {
    const fault = emulator.faults.inject({ match: { pathPrefix: "/images/DFW/" }, status: 503, times: Infinity });
    try {
      await expect(client.images.list({ limit: 5 }, { maxRetries: 0 })).rejects.toBeInstanceOf(ServiceUnavailableError);
    } finally {
      fault.remove();
    }
  });
});
