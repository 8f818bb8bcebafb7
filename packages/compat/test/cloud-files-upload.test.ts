// uploadImage's task path on Cloud Images as Rackspace runs it (the emulator in rackspace mode,
// which refuses POST /v2/images with 403): the data goes to Cloud Files, an import task makes the
// image, the attributes are applied and the object is removed — verified, retry-safe, no orphan.
import { createHash, randomUUID } from "node:crypto";
import { filesAccount, startEmulator, type Emulator } from "@cloud-images/emulator";
import { ChecksumMismatchError, ForbiddenError, NotFoundError, TaskFailedError, UploadImageError, createCloud, rackspaceApiKey, type Cloud } from "@cloud-images/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let emu: Emulator;
let cloud: Cloud;

beforeAll(async () => {
  emu = await startEmulator({ mode: "rackspace", jobDurationMs: 50 });
  const demo = emu.users[0]!;
  cloud = createCloud({ identity: rackspaceApiKey({ authUrl: emu.identityUrl, username: demo.username, apiKey: demo.apiKey }), region: "DFW" });
});
afterAll(async () => {
  await cloud.close();
  await emu.stop();
});

const fast = { wait: { minDelayMs: 20, maxDelayMs: 50, timeoutMs: 20_000 } };
/** Bytes of a (pretend) VHD. */
const vhd = (text: string): Uint8Array => new TextEncoder().encode(`conectix${text}`.repeat(64));

async function objectCount(container: string): Promise<number> {
  return (await cloud.images.objectStore!.showContainer(container)).objectCount;
}

async function importTasks(): Promise<number> {
  return (await cloud.images.tasks.list({ type: "import", limit: 100 })).items.length;
}

describe("uploadImage on a cloud that refuses POST /v2/images (Cloud Files + import task)", () => {
  it("creates the container, imports, applies the attributes, verifies and removes the object", async () => {
    const data = vhd("happy");
    const progress: number[] = [];
    const container = `imports-${randomUUID().slice(0, 8)}`;
    await expect(cloud.images.objectStore!.showContainer(container)).rejects.toBeInstanceOf(NotFoundError);
    const result = await cloud.images.uploadImage({
      attributes: { name: "imported-web", disk_format: "vhd", container_format: "ovf", min_disk: 20, tags: ["web"], properties: { os_distro: "ubuntu" } },
      data,
      container,
      onProgress: (p) => progress.push(p.bytes),
      ...fast,
    });
    expect(result.method).toBe("task");
    expect(result.created).toBe(true);
    expect(result.verified).toBe("os_hash");
    expect(result.digests.md5).toBe(createHash("md5").update(data).digest("hex"));
    expect(result.image).toMatchObject({ name: "imported-web", status: "active", min_disk: 20, tags: ["web"], os_distro: "ubuntu", size: data.byteLength });
    expect(progress.at(-1)).toBe(data.byteLength);
    // The container was made for it, and is empty again.
    expect(await objectCount(container)).toBe(0);
    expect((await cloud.images.images.get(result.image.id)).checksum).toBe(result.digests.md5);
  });

  it("streams a web stream of unknown length the same way", async () => {
    const data = vhd("stream");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(data.subarray(0, 100));
        controller.enqueue(data.subarray(100));
        controller.close();
      },
    });
    const result = await cloud.images.uploadImage({ attributes: { name: "streamed", disk_format: "vhd", container_format: "ovf" }, data: stream, ...fast });
    expect(result.image.size).toBe(data.byteLength);
    expect(result.verified).toBe("os_hash");
    expect(await objectCount("cloud-images-imports")).toBe(0);
  });

  it("a failed import task deletes nothing it did not make and leaves no object", async () => {
    const container = `imports-${randomUUID().slice(0, 8)}`;
    const before = (await cloud.images.images.list({ limit: 1000 })).items.length;
    // Cloud Images imports VHD only: a qcow2 import task fails.
    const failure = await cloud.images
      .uploadImage({ attributes: { name: "bad-format", disk_format: "qcow2", container_format: "bare" }, data: vhd("qcow"), container, ...fast })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UploadImageError);
    expect((failure as UploadImageError).cause).toBeInstanceOf(TaskFailedError);
    expect((failure as UploadImageError).cleanup).toBe("not-found");
    expect(await objectCount(container)).toBe(0);
    expect((await cloud.images.images.list({ limit: 1000 })).items.length).toBe(before);
  });

  it("a store that received other bytes than were sent is a checksum mismatch, and the object is removed", async () => {
    const container = `imports-${randomUUID().slice(0, 8)}`;
    // The PUT is answered with a wrong ETag (the store says it got other bytes).
    const objects = `/files/DFW/v1/${filesAccount(emu.users[0]!.tenantId)}/${container}/`;
    const fault = emu.faults.inject({ match: { method: "PUT", pathPrefix: objects }, status: 201, headers: { etag: "0".repeat(32) }, body: "" });
    const tasksBefore = await importTasks();
    const failure = await cloud.images.uploadImage({ attributes: { name: "mismatch", disk_format: "vhd", container_format: "ovf" }, data: vhd("mismatch"), container, ...fast }).catch((e: unknown) => e);
    fault.remove();
    expect(failure).toBeInstanceOf(UploadImageError);
    expect((failure as UploadImageError).cause).toBeInstanceOf(ChecksumMismatchError);
    // No task was started for the bad object, and none is left in the container.
    expect(await importTasks()).toBe(tasksBefore);
    expect(await objectCount(container)).toBe(0);
  });

  it("a retried call with the same attributes.id carries on from its earlier task: one image, not two", async () => {
    const id = randomUUID();
    const attributes = { id, name: "retried", disk_format: "vhd", container_format: "ovf", properties: { build: "42" } } as const;
    // The first call fails once the task has made the image (applying the attributes answers 503
    // three times, more than the HTTP layer retries); it keeps what it made.
    const fault = emu.faults.inject({ match: { method: "PATCH", pathPrefix: "/images/DFW/v2/images/" }, status: 503, times: 3 });
    const tasksBefore = await importTasks();
    const first = await cloud.images.uploadImage({ attributes, data: vhd("retry"), keepOnFailure: true, ...fast }).catch((e: unknown) => e);
    fault.remove();
    expect(first).toBeInstanceOf(UploadImageError);
    expect((first as UploadImageError).cleanup).toBe("kept");
    expect(await importTasks()).toBe(tasksBefore + 1);
    const second = await cloud.images.uploadImage({ attributes, data: vhd("retry"), ...fast });
    expect(second.created).toBe(false);
    expect(second.image).toMatchObject({ name: "retried", build: "42", status: "active" });
    expect(await importTasks()).toBe(tasksBefore + 1);
    expect((await cloud.images.images.list({ name: "retried" })).items).toHaveLength(1);
    expect(await objectCount("cloud-images-imports")).toBe(0);
  });

  it("imports an object already in Cloud Files (pyrax's create(container=…, obj=…)) and leaves it in place", async () => {
    const store = cloud.images.objectStore!;
    const container = `exports-${randomUUID().slice(0, 8)}`;
    await store.createContainer(container);
    await store.putObject(container, "golden.vhd", vhd("golden"));
    const result = await cloud.images.uploadImage({ attributes: { name: "golden", disk_format: "vhd", container_format: "ovf" }, container, object: "golden.vhd", ...fast });
    expect(result.image).toMatchObject({ name: "golden", status: "active" });
    expect(result.verified).toBe("none");
    expect(await objectCount(container)).toBe(1);
  });

  it("a 403 about an attribute is the caller's to fix: thrown as is, nothing sent to Cloud Files", async () => {
    const container = `imports-${randomUUID().slice(0, 8)}`;
    const fault = emu.faults.inject({ match: { method: "POST", pathPrefix: "/images/DFW/v2/images" }, status: 403, body: JSON.stringify({ message: "Attribute 'owner' is read-only." }) });
    const error = await cloud.images.uploadImage({ attributes: { name: "x", disk_format: "vhd", container_format: "ovf" }, data: vhd("x"), container, ...fast }).catch((e: unknown) => e);
    fault.remove();
    expect(error).toBeInstanceOf(ForbiddenError);
    await expect(cloud.images.objectStore!.showContainer(container)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses bad input before any request", async () => {
    const requests = emu.stats.requests;
    await expect(cloud.images.uploadImage({ attributes: { disk_format: "vhd", container_format: "ovf" }, data: vhd("x"), container: "a/b" })).rejects.toThrow(/container/);
    await expect(cloud.images.uploadImage({ attributes: { disk_format: "vhd", container_format: "ovf" }, data: vhd("x"), object: "o.vhd" })).rejects.toThrow(/exactly one/);
    expect(emu.stats.requests).toBe(requests);
  });
});
