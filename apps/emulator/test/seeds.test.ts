// seededData() describes what a fresh emulator holds, in both modes, without starting one.
import { readFileSync } from "node:fs";
import { createClient, rackspaceApiKey } from "@cloud-images/node";
import { describe, expect, it } from "vitest";
import { DEFAULT_USERS, RACKSPACE_OWNER, REGIONS, seededData, startEmulator } from "../src/index.js";

describe("seededData", () => {
  for (const mode of ["rackspace", "glance"] as const) {
    it(`names exactly the images and servers a fresh ${mode}-mode emulator holds`, async () => {
      const emulator = await startEmulator({ mode });
      const demo = emulator.users[0]!;
      const identity = rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey });
      const images = createClient({ identity, region: "ORD" });
      try {
        const seed = seededData("ORD", { mode });
        const listed = [];
        for await (const image of images.images.listAll()) listed.push(image);
        const visible = [...seed.baseImages, ...seed.snapshots.filter((s) => s.owner === demo.tenantId)];
        expect(listed.map((i) => i.id).sort()).toEqual(visible.map((i) => i.id).sort());
        for (const s of visible) {
          const image = listed.find((i) => i.id === s.id)!;
          expect({ name: image.name, owner: image.owner, visibility: image.visibility }).toEqual({ name: s.name, owner: s.owner, visibility: s.visibility });
        }
        const servers = seed.servers.filter((s) => s.tenantId === demo.tenantId);
        expect(servers.map((s) => s.name)).toEqual(["web-01", "db-01"]);
        const token = (await identity.authenticate({ transport: images.transport, timeoutMs: 10_000 })).value;
        for (const s of servers) {
          const res = await fetch(`${emulator.url}/servers/ORD/v2/${demo.tenantId}/servers/${s.id}`, { headers: { "x-auth-token": token } });
          expect(res.status).toBe(200);
          expect(((await res.json()) as { server: { name: string; image: { id: string } } }).server).toMatchObject({ name: s.name, image: { id: s.imageId } });
        }
      } finally {
        await images.close();
        await emulator.stop();
      }
    });
  }

  it("gives every region its own ids and no base images in glance mode", () => {
    const ids = REGIONS.flatMap((r) => seededData(r).baseImages.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(seededData("DFW").baseImages.every((i) => i.owner === RACKSPACE_OWNER)).toBe(true);
    expect(seededData("DFW", { mode: "glance" }).baseImages).toEqual([]);
    expect(seededData("DFW").snapshots.map((s) => s.owner)).toEqual(DEFAULT_USERS.map((u) => u.tenantId));
  });
});

describe("README", () => {
  it("shows the example test exactly as test/readme-example.test.ts runs it", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8");
    expect(readme).toContain("```ts\n" + example + "```\n");
  });
});
