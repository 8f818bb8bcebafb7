// The runtime smoke: the BUILT @cloud-images/node (packages/node/dist, as users get it) against a
// real Glance, on whichever Node runs this file. scripts/runtimes.mjs runs it on Node 20, 22 and 24
// and passes the Glance URL and the expected Node major in the environment.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError, createClient, createFetchTransport } from "@cloud-images/node";

const glanceUrl = process.env.CLOUD_IMAGES_SMOKE_GLANCE_URL;
const expectedMajor = process.env.CLOUD_IMAGES_SMOKE_NODE_MAJOR;
const headers = {
  "X-Identity-Status": "Confirmed",
  "X-Tenant-Id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0",
  "X-Project-Id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0",
  "X-User-Id": "runtime-smoke",
  "X-Roles": "member,reader",
};
const dir = mkdtempSync(join(tmpdir(), "cloud-images-runtime-smoke-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`real Glance on Node ${process.versions.node}`, () => {
  it("runs on the Node it was started for", () => {
    expect(glanceUrl, "CLOUD_IMAGES_SMOKE_GLANCE_URL (set by scripts/runtimes.mjs)").toBeTruthy();
    expect(process.versions.node.split(".")[0]).toBe(expectedMajor);
  });

  for (const transport of ["undici", "fetch"] as const) {
    it(`${transport}: upload, list, download to a file, update, delete`, async () => {
      const glance = createClient({ endpoint: glanceUrl!, headers, ...(transport === "fetch" ? { transport: createFetchTransport() } : {}) });
      const tag = `runtime-${process.versions.node}-${randomUUID().slice(0, 8)}`;
      const bytes = new Uint8Array(256 * 1024).map((_, i) => (i * 31) & 0xff);
      try {
        const { image, verified } = await glance.uploadImage({
          attributes: { name: tag, disk_format: "raw", container_format: "bare", tags: [tag] },
          data: bytes,
          wait: { timeoutMs: 60_000 },
        });
        expect(image.status).toBe("active");
        expect(verified).toBeTruthy();
        expect((await glance.images.listAll({ tag: [tag] }).toArray()).map((i) => i.id)).toEqual([image.id]);

        const file = join(dir, `${tag}.raw`);
        await glance.data.downloadToFile(image.id, file);
        expect(Buffer.compare(readFileSync(file), Buffer.from(bytes))).toBe(0);

        await glance.images.updateProperties(image.id, { min_ram: 256 });
        expect((await glance.images.get(image.id)).min_ram).toBe(256);
        await expect(glance.images.removeTag(image.id, "..")).rejects.toBeInstanceOf(ValidationError);

        await glance.images.delete(image.id);
        await expect(glance.images.get(image.id)).rejects.toBeInstanceOf(NotFoundError);
      } finally {
        await glance.close();
      }
    });
  }
});
