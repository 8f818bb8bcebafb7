// Image sharing on Cloud Images as Rackspace runs it (the emulator in rackspace mode): no `shared`
// visibility, so shared images stay `private`, members are added to private images, and consumer
// listings cannot send `visibility=shared`. The SDK follows the server's image schema.
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ImageNotShareableError,
  NotImageOwnerError,
  createClient,
  createUndiciTransport,
  rackspaceApiKey,
  type Image,
  type NodeImageClient,
} from "../src/index.js";
import { recordingTransport, type RecordingTransport } from "./support/recording-transport.js";

let emu: Emulator;
let owner: NodeImageClient; // demo
let consumer: NodeImageClient; // partner
const consumerRequests = recordingTransport(createUndiciTransport());
const clients: NodeImageClient[] = [];

function rackspaceClient(who: Emulator["users"][number], transport?: RecordingTransport): NodeImageClient {
  const client = createClient({
    identity: rackspaceApiKey({ authUrl: emu.identityUrl, username: who.username, apiKey: who.apiKey }),
    region: "DFW",
    ...(transport ? { transport } : {}),
  });
  clients.push(client);
  return client;
}

async function ids(iterator: AsyncIterable<Image>): Promise<string[]> {
  const out: string[] = [];
  for await (const image of iterator) out.push(image.id);
  return out;
}

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace" });
  const [demo, partner] = emu.users as [Emulator["users"][number], Emulator["users"][number]];
  owner = rackspaceClient(demo);
  consumer = rackspaceClient(partner, consumerRequests);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await consumerRequests.close?.();
  await emu.stop();
});

describe("sharing on Cloud Images (rackspace mode: no `shared` visibility)", () => {
  it("shares a private image; the consumer finds it pending, accepts it and finds it shared with it", async () => {
    const [demo, partner] = emu.users as [Emulator["users"][number], Emulator["users"][number]];
    const image = (await owner.images.list({ name: "demo-web-01-snapshot" })).images[0]!;
    expect(image.visibility).toBe("private");

    // Members on a private image, as it is: makeShared changes nothing here.
    expect(await owner.members.add(image.id, partner.tenantId, { makeShared: true })).toMatchObject({ status: "pending" });
    expect((await owner.images.get(image.id)).visibility).toBe("private");

    expect(await ids(consumer.members.pending())).toEqual([image.id]);
    expect(await ids(consumer.members.sharedWithMe("accepted"))).toEqual([]);
    expect(await ids(consumer.members.sharedWithMe("all"))).toEqual([image.id]);
    await consumer.members.accept(image.id);
    expect(await ids(consumer.members.sharedWithMe())).toEqual([image.id]);
    expect(await ids(consumer.members.pending())).toEqual([]);

    // Never `visibility=shared` (the server refuses it); the schema was read once.
    const sent = consumerRequests.requests.map((r) => new URL(r.url)).filter((u) => u.pathname.includes("/v2/"));
    expect(sent.some((u) => u.searchParams.get("visibility") === "shared")).toBe(false);
    expect(sent.filter((u) => u.pathname.endsWith("/v2/schemas/image"))).toHaveLength(1);
    expect(sent.filter((u) => u.pathname.endsWith("/v2/images")).map((u) => u.searchParams.get("member_status"))).toEqual(["pending", "accepted", "all", "accepted", "pending"]);

    await owner.members.remove(image.id, partner.tenantId);
    expect(await ids(consumer.members.sharedWithMe("all"))).toEqual([]);
    expect(demo.tenantId).not.toBe(partner.tenantId);
  });

  it("a consumer's add on a private image is NotImageOwnerError, never 'make it shared'", async () => {
    const [, partner] = emu.users as [Emulator["users"][number], Emulator["users"][number]];
    const image = (await owner.images.list({ name: "demo-web-01-snapshot" })).images[0]!;
    await owner.members.add(image.id, partner.tenantId);
    const error = await consumer.members.add(image.id, "999999").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotImageOwnerError);
    expect(error).not.toBeInstanceOf(ImageNotShareableError);
    expect((error as NotImageOwnerError).hint).toMatch(/only the image owner \(project 123456\)/);
    expect((error as NotImageOwnerError).message).not.toMatch(/shared/);
    await owner.members.remove(image.id, partner.tenantId);
  });
});
