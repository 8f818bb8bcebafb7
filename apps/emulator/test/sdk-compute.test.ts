import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  CloudImagesError,
  ComputeClient,
  ComputeImageWaitFailedError,
  IdentitySession,
  LegacyComputeClient,
  LegacyImageNotFoundError,
  NotFoundError,
  ValidationError,
  createUndiciTransport,
  rackspaceApiKey,
} from "@cloud-images/node";
import { startEmulator, type Emulator } from "../src/index.js";
import { specRecorder } from "./spec-check.js";

const spec = specRecorder();
const transport = createUndiciTransport();
let emulator: Emulator;
let compute: ComputeClient;
let legacy: LegacyComputeClient;

beforeAll(async () => {
  emulator = await startEmulator({ jobDurationMs: 300, onResponse: spec.onResponse });
  const demo = emulator.users[0]!;
  const session = new IdentitySession({ auth: rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey }), transport });
  compute = new ComputeClient({ endpoint: (await session.endpoint({ type: "compute", name: "cloudServersOpenStack" })).url, transport, auth: session });
  legacy = new LegacyComputeClient({ endpoint: (await session.endpoint({ type: "compute", name: "cloudServers" })).url, transport, auth: session });
});
afterAll(async () => {
  await transport.close?.();
  await emulator.stop();
});

describe("SDK compute APIs against the emulator", () => {
  it("next-gen: filters, paging across pages, metadata, createImage + waitFor.image, fail fast on ERROR", async () => {
    const all = await compute.images.listAll({ limit: 2 }).toArray();
    expect(all.length).toBe(5);
    expect((await compute.images.list({ type: "BASE" })).images).toHaveLength(4);
    const [server] = await compute.images.listServers();
    // The emulator's clock held still while createImage asks for the new image: a loaded
    // machine cannot let the 300 ms job end between its POST and its GET.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const image = await compute.images.createImage(server!.id, { name: "sdk-snap", metadata: { a: "1" } }).finally(() => vi.useRealTimers());
    expect(image.status).toBe("SAVING");
    const statuses: string[] = [];
    // The compute client's waiters (what `compute.waitFor` gives).
    const waitFor = compute.waitFor;
    const active = await waitFor.image(image.id, { minDelayMs: 50, maxDelayMs: 100, onProgress: (p) => statuses.push(p.state ?? "") });
    expect(active.progress).toBe(100);
    expect(statuses.at(-1)).toBe("ACTIVE");
    expect((await compute.images.listDetail({ server: server!.id, type: "SNAPSHOT", name: "sdk-snap" })).images).toHaveLength(1);
    expect(await compute.images.updateMetadata(image.id, { b: "2" })).toMatchObject({ a: "1", b: "2" });
    await compute.images.setMetadataItem(image.id, "c", "3");
    expect(await compute.images.getMetadataItem(image.id, "c")).toBe("3");
    await compute.images.deleteMetadataItem(image.id, "c");
    expect(await compute.images.setMetadata(image.id, { only: "x" })).toEqual({ only: "x" });
    expect(await compute.images.getMetadata(image.id)).toEqual({ only: "x" });
    // Keys named like Object.prototype's members are metadata like any other.
    const odd = Object.fromEntries([["__proto__", "p"], ["constructor", "c"]]);
    expect(Object.entries(await compute.images.updateMetadata(image.id, odd))).toEqual([["only", "x"], ["__proto__", "p"], ["constructor", "c"]]);
    await compute.images.deleteMetadataItem(image.id, "__proto__");
    await compute.images.setMetadataItem(image.id, "__proto__", "p2");
    expect(await compute.images.getMetadataItem(image.id, "__proto__")).toBe("p2");
    await expect(compute.images.getMetadataItem(image.id, "toString")).rejects.toBeInstanceOf(NotFoundError);
    await compute.images.deleteMetadataItem(image.id, "constructor");
    await expect(compute.images.deleteMetadataItem(image.id, "valueOf")).rejects.toBeInstanceOf(NotFoundError);
    expect(Object.entries(await compute.images.setMetadata(image.id, { only: "x" }))).toEqual([["only", "x"]]);
    // Regression: a metadata key `..` made the URL parser turn the DELETE into one of the image.
    for (const key of ["..", "%2E%2E", "."]) await expect(compute.images.deleteMetadataItem(image.id, key)).rejects.toBeInstanceOf(ValidationError);
    expect((await compute.images.get(image.id)).status).toBe("ACTIVE");
    await compute.images.delete(image.id);
    await waitFor.imageDeleted(image.id, { minDelayMs: 50, maxDelayMs: 100 });

    const failing = await compute.images.createImage(server!.id, { name: "broken [fail]" });
    const error = await waitFor.image(failing.id, { minDelayMs: 50, maxDelayMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComputeImageWaitFailedError);
    expect((error as ComputeImageWaitFailedError).image.status).toBe("ERROR");
    await expect(compute.images.list({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("legacy v1.0: list detailed or not, find/findall across pages, create(name, server), image.delete()", async () => {
    const brief = await legacy.images.list({ detailed: false });
    expect(brief[0]).not.toHaveProperty("status", expect.anything());
    const found = await legacy.images.find({ name: "CentOS 5.5" }, { limit: 1 });
    expect(found.id).toBe(187);
    expect(await legacy.images.findall({ status: "ACTIVE" }, { limit: 2 })).toHaveLength(4);
    await expect(legacy.images.find({ name: "nope" })).rejects.toBeInstanceOf(LegacyImageNotFoundError);
    await expect(legacy.images.find({ name: "nope" })).rejects.toBeInstanceOf(CloudImagesError);
    await expect(legacy.images.get(null as never)).rejects.toBeInstanceOf(ValidationError);
    const [server] = await legacy.images.listServers();
    const created = await legacy.images.create("sdk v1", server!);
    expect(created).toMatchObject({ name: "sdk v1", serverId: server!.id, status: "QUEUED", progress: 0 });
    let current = created;
    for (let i = 0; i < 50 && current.status !== "ACTIVE"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      current = await current.refresh();
    }
    expect(current.status).toBe("ACTIVE");
    await current.delete();
    await expect(legacy.images.get(current.id)).rejects.toMatchObject({ status: 404 });
  });

  it("every response matched the spec", () => {
    expect(spec.problems).toEqual([]);
  });
});
