// Runs the worked ports of PORTING.md's php-opencloud and openstacksdk sections (the ```ts
// port:<name> blocks) against the emulator, so the guide's code compiles and works as shown.
import { seededData, startEmulator, type Emulator } from "@cloud-images/emulator";
import { createClient } from "@cloud-images/node";
import { PROJECT_A, PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rackspace } from "../src/php-opencloud/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const guide = readFileSync(path.join(here, "..", "PORTING.md"), "utf8");
const workDir = mkdtempSync(path.join(tmpdir(), "compat-porting-"));

/** Writes the guide's `port:<name>` block as a module (imports pointed at the sources) and loads it. */
async function loadPort<T>(name: string): Promise<T> {
  const match = new RegExp("```ts port:" + name + "\\n([\\s\\S]*?)\\n```").exec(guide);
  expect(match, `PORTING.md has a port:${name} block`).not.toBeNull();
  const source = match![1]!.replace(/"@cloud-images\/compat\/([a-z-]+)"/g, (_all, sub: string) =>
    JSON.stringify(pathToFileURL(path.join(here, "..", "src", sub, "index.ts")).href),
  );
  const file = path.join(workDir, `${name}.ts`);
  writeFileSync(file, source);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
}

describe("PORTING.md worked ports", () => {
  let rackspace: Emulator;
  let glance: Emulator;
  beforeAll(async () => {
    rackspace = await startEmulator({ mode: "rackspace", jobDurationMs: 200 });
    glance = await startEmulator({ mode: "glance", jobDurationMs: 200 });
  });
  afterAll(async () => {
    await rackspace?.stop();
    await glance?.stop();
  });

  it("php-opencloud: the nightly snapshot script", async () => {
    type Nightly = (user: string, key: string, serverId: string, partner: string, identityUrl?: string) => Promise<string>;
    const { nightly } = await loadPort<{ nightly: Nightly }>("php-opencloud");
    const [demo, partner] = rackspace.users as [Emulator["users"][number], Emulator["users"][number]];
    const server = seededData("DFW").servers.find((s) => s.tenantId === demo.tenantId)!;
    const first = await nightly(demo.username, demo.apiKey, server.id, partner.tenantId, rackspace.identityUrl);
    const second = await nightly(demo.username, demo.apiKey, server.id, partner.tenantId, rackspace.identityUrl);

    const client = new Rackspace(rackspace.identityUrl, { username: demo.username, apiKey: demo.apiKey });
    try {
      const images = client.imageService(null, "DFW");
      const tagged = await images.listImages({ tag: "nightly" }).toArray();
      expect(tagged.map((i) => i.getId())).toEqual([second]); // the first run's image was deleted by the second
      const image = tagged[0]!;
      expect(image["backup_of"]).toBe(server.id);
      expect((await image.listMembers().toArray()).map((m) => m.getId())).toEqual([partner.tenantId]);
      expect(first).not.toBe(second);
    } finally {
      await client.close();
    }
  });

  it("openstacksdk: the golden image script", async () => {
    type Golden = (imageId: string, partner: string, file: string, settings?: object) => Promise<string>;
    const { golden } = await loadPort<{ golden: Golden }>("openstacksdk");
    const file = path.join(workDir, "cirros.img");
    writeFileSync(file, "pretend qcow2\n".repeat(500));
    const session = createClient({ endpoint: `${glance.url}/images/DFW`, headers: trustedAuthHeaders({ project: PROJECT_A }) });
    try {
      const older = await golden(randomUUID(), PROJECT_B, file, { session });
      const id = randomUUID();
      expect(await golden(id, PROJECT_B, file, { session })).toBe(id);
      const tagged: string[] = [];
      for await (const image of session.images.listAll({ tag: "golden" })) tagged.push(image.id);
      expect(tagged).toEqual([id]);
      await expect(session.images.get(older)).rejects.toThrow();
      expect((await session.members.list(id)).map((m) => m.member_id)).toEqual([PROJECT_B]);
    } finally {
      await session.close();
    }
  });
});
