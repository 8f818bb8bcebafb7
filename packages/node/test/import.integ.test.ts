import { createHash, randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  ConnectionError,
  ImportFailedError,
  NotFoundError,
  UploadImageError,
  createFetchTransport,
  createUndiciTransport,
  type UploadImageResult,
  type Transport,
  type TransferProgress,
} from "../src/index.js";
import { TRANSPORTS, glanceClient, runTag, type TransportName } from "./glance-fixtures.js";

/**
 * A transport whose `POST /v2/images` reaches Glance (the image is made) but whose answer is
 * lost: the connection "resets" after the server created the image.
 */
function cutCreate(name: TransportName): Transport & { cuts: number } {
  const inner = name === "undici" ? createUndiciTransport() : createFetchTransport();
  const state = {
    cuts: 0,
    async request(req: Parameters<Transport["request"]>[0]) {
      const res = await inner.request(req);
      if (req.method === "POST" && new URL(req.url).pathname === "/v2/images" && res.status === 201) {
        state.cuts += 1;
        await res.discard();
        throw new ConnectionError({ method: req.method, url: req.url }, { cause: new Error("socket hang up (cut by the test)") });
      }
      return res;
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
  return state;
}

const tag = runTag("import");

function bytesOf(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7 + (i >> 10)) & 0xff;
  return out;
}

describe.each(TRANSPORTS)("imports over %s", (transport) => {
  const client = glanceClient(transport);
  const admin = glanceClient(transport, "admin");
  const ids: string[] = [];
  afterAll(async () => {
    for (const id of ids) await admin.images.delete(id).catch(() => undefined);
    await client.close();
    await admin.close();
  });

  it("reads import methods, stores and usage", async () => {
    expect(await client.imports.methods()).toEqual(expect.arrayContaining(["glance-direct", "web-download", "copy-image"]));
    const stores = await client.imports.stores();
    expect(stores.stores.map((s) => s.id).sort()).toEqual(["fs", "fs2"]);
    const usage = await client.imports.usage();
    expect(typeof usage.usage).toBe("object");
  });

  it("stage + glance-direct through uploadImage, verified after import, progress reaching the total", async () => {
    const data = bytesOf(1_000_003, 1);
    const progress: TransferProgress[] = [];
    const id = randomUUID();
    ids.push(id);
    const result = await client.uploadImage({
      attributes: { id, name: `${tag}-gd`, disk_format: "raw", container_format: "bare" },
      data,
      method: "glance-direct",
      onProgress: (p) => progress.push(p),
      wait: { minDelayMs: 100 },
    });
    expect(result.method).toBe("glance-direct");
    expect(result.image.status).toBe("active");
    expect(result.verified).toBe("os_hash");
    expect(result.image.os_hash_value).toBe(createHash("sha512").update(data).digest("hex"));
    expect(progress.at(-1)).toEqual({ bytes: data.byteLength, total: data.byteLength });
  });

  it("web-download from the loopback source server", async () => {
    const data = bytesOf(777_777, 2);
    const name = `${tag}-${transport}.img`;
    await fs.writeFile(join(inject("sourceDir"), name), data);
    const id = randomUUID();
    ids.push(id);
    const result = await client.uploadImage({
      attributes: { id, name: `${tag}-wd`, disk_format: "raw", container_format: "bare" },
      url: `${inject("sourceServerUrl")}/${name}`,
      wait: { minDelayMs: 100 },
    });
    expect(result.method).toBe("web-download");
    expect(result.image.status).toBe("active");
    expect(result.image.checksum).toBe(createHash("md5").update(data).digest("hex"));
    const back = await (await client.data.download(id)).bytes();
    expect(back.verified).toBe("os_hash");
    expect(back.bytes).toBe(data.byteLength);
  });

  it("a failing web-download is an ImportFailedError and the image is deleted", async () => {
    const id = randomUUID();
    ids.push(id);
    const error = await client
      .uploadImage({
        attributes: { id, name: `${tag}-wd-missing`, disk_format: "raw", container_format: "bare" },
        url: `${inject("sourceServerUrl")}/no-such-file-${randomUUID()}.img`,
        wait: { minDelayMs: 100, timeoutMs: 30_000 },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadImageError);
    expect((error as UploadImageError).cause).toBeInstanceOf(ImportFailedError);
    expect(error).toMatchObject({ imageId: id, cleanup: "deleted" });
    await expect(client.images.get(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is safe to retry: a second call with the same id finds the image and does not make a twin", async () => {
    const id = randomUUID();
    ids.push(id);
    const attributes = { id, name: `${tag}-retry`, disk_format: "raw", container_format: "bare" } as const;
    // A first attempt that created the image but died before the data went in.
    await client.images.create(attributes);
    const data = bytesOf(4096, 3);
    const result = await client.uploadImage({ attributes, data });
    expect(result.created).toBe(false);
    expect(result.image.status).toBe("active");
    expect(result.verified).toBe("os_hash");
    const again = await client.uploadImage({ attributes, data });
    expect(again.method).toBe("existing");
    const listed = await client.images.list({ name: `${tag}-retry` });
    expect(listed.images).toHaveLength(1);
  });

  it("the SDK-chosen id: a create whose answer is cut leaves neither an orphan nor a twin", async () => {
    const cutting = cutCreate(transport);
    const bad = glanceClient(cutting);
    const name = `${tag}-cut-create`;
    try {
      const outcome = await bad.uploadImage({ attributes: { name, disk_format: "raw", container_format: "bare" }, data: bytesOf(4096, 6), wait: { minDelayMs: 100 } }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      expect(cutting.cuts).toBe(1);
      const listed = (await client.images.list({ name })).images;
      // The HTTP layer retried the create (its id is the SDK's, so a retry is safe): Glance answered
      // 409, which can only be this call's own image, and the upload carried on. One image, active.
      expect("error" in outcome ? outcome.error : undefined).toBeUndefined();
      const result = (outcome as { result: UploadImageResult }).result;
      ids.push(result.image.id);
      expect(result.created).toBe(true);
      expect(listed.map((i) => [i.id, i.status])).toEqual([[result.image.id, "active"]]);
    } finally {
      await bad.close();
    }
  });

  it("multi-store: direct upload to fs2, then copy-image to fs (admin)", async () => {
    const image = await admin.images.create({ name: `${tag}-ms`, disk_format: "raw", container_format: "bare" });
    ids.push(image.id);
    await admin.data.upload(image.id, bytesOf(65_536, 4), { store: "fs2" });
    expect((await admin.images.get(image.id)).stores).toBe("fs2");
    await admin.imports.copyImage(image.id, { stores: ["fs"] });
    const waiters = admin.waitFor;
    const copied = await waiters.image(image.id, { stores: ["fs", "fs2"], afterImport: true, minDelayMs: 100, timeoutMs: 30_000 });
    expect(copied.stores?.split(",").sort()).toEqual(["fs", "fs2"]);
  });

  it("glance-direct to all stores", async () => {
    const id = randomUUID();
    ids.push(id);
    const result = await admin.uploadImage({
      attributes: { id, name: `${tag}-all`, disk_format: "raw", container_format: "bare" },
      data: bytesOf(10_000, 5),
      allStores: true,
      wait: { minDelayMs: 100 },
    });
    expect(result.method).toBe("glance-direct");
    expect(result.image.stores?.split(",").sort()).toEqual(["fs", "fs2"]);
  });
});
