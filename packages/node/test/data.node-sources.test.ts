import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, ValidationError, type Transport, type TransportRequest, type TransportResponse } from "../src/index.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const DATA = new Uint8Array(300_000).map((_, i) => (i * 13 + (i >> 9)) & 0xff);
const hex = (algo: string, bytes: Uint8Array): string => createHash(algo).update(bytes).digest("hex");

const image = {
  id: ID,
  name: "cirros",
  status: "active",
  visibility: "shared",
  protected: false,
  os_hidden: false,
  checksum: hex("md5", DATA),
  os_hash_algo: "sha512",
  os_hash_value: hex("sha512", DATA),
  owner: "0123456789abcdef0123456789abcdef",
  size: DATA.byteLength,
  virtual_size: null,
  min_disk: 0,
  min_ram: 0,
  container_format: "bare",
  disk_format: "raw",
  created_at: "2026-11-22T18:00:00Z",
  updated_at: "2026-11-22T18:00:00Z",
  tags: [],
  self: `/v2/images/${ID}`,
  file: `/v2/images/${ID}/file`,
  schema: "/v2/schemas/image",
};

/** Records every request and its uploaded body; answers like Glance for one active image holding DATA. */
function recording(): Transport & { requests: TransportRequest[]; bodies: Uint8Array[] } {
  const requests: TransportRequest[] = [];
  const bodies: Uint8Array[] = [];
  return {
    requests,
    bodies,
    async request(req) {
      requests.push(req);
      if (req.body instanceof ReadableStream) {
        const parts: Uint8Array[] = [];
        for await (const part of req.body as unknown as AsyncIterable<Uint8Array>) parts.push(part);
        bodies.push(Buffer.concat(parts));
      }
      const file = req.url.endsWith("/file") && req.method === "GET";
      const status = req.method === "PUT" ? 204 : 200;
      const payload = file ? DATA : new TextEncoder().encode(req.method === "PUT" ? "" : JSON.stringify(image));
      const res: TransportResponse = {
        status,
        headers: { "content-type": file ? "application/octet-stream" : "application/json", ...(status === 204 ? {} : { "content-length": String(payload.byteLength) }) },
        text: async () => new TextDecoder().decode(payload),
        bytes: async () => payload,
        stream: () => new Blob([payload]).stream(),
        discard: async () => undefined,
      };
      return res;
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-sources-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const clientOf = (t: Transport) => createClient({ endpoint: "http://glance.test:9292", token: "t", transport: t });

describe("the Node client's one upload call", () => {
  it("takes a path, a file: URL and a Readable through the same data.upload", async () => {
    const path = join(dir, "src.img");
    await fs.writeFile(path, DATA);
    for (const source of [path, pathToFileURL(path), Readable.from([Buffer.from(DATA.subarray(0, 1000)), Buffer.from(DATA.subarray(1000))])]) {
      const t = recording();
      const result = await clientOf(t).data.upload(ID, source);
      expect(result.verified).toBe("os_hash");
      expect(Buffer.compare(t.bodies[0]!, DATA)).toBe(0);
    }
  });

  it("a path sends its size from stat", async () => {
    const path = join(dir, "sized.img");
    await fs.writeFile(path, DATA);
    const t = recording();
    await clientOf(t).data.upload(ID, path);
    expect(t.requests[0]!.headers["x-openstack-image-size"]).toBe(String(DATA.byteLength));
  });

  it.each([
    ["a missing path", () => join(dir, "does-not-exist.img")],
    ["a directory", () => dir],
    ["an empty path", () => ""],
    ["an http URL", () => new URL("http://example.com/x.img")],
    ["a destroyed Readable", () => Readable.from([]).destroy()],
  ])("%s is a ValidationError with nothing sent", async (_, make) => {
    const t = recording();
    await expect(clientOf(t).data.upload(ID, make())).rejects.toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(0);
  });

  it("uploadImage takes a path too, and a missing one is refused before the create", async () => {
    const t = recording();
    const error = await clientOf(t)
      .uploadImage({ attributes: { name: "x", disk_format: "raw", container_format: "bare" }, data: join(dir, "missing.img") })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(0);
  });
});

describe("downloadToFile checks its destination before downloading anything", () => {
  it.each([
    ["an empty path", () => ""],
    ["a path with NUL", () => join(dir, "a\0b.img")],
    ["an existing directory", () => dir],
    ["a path ending in a separator", () => `${dir}/`],
    ["a path ending in ..", () => join(dir, "sub") + "/.."],
    ["a missing parent directory", () => join(dir, "no", "such", "x.img")],
    ["a parent that is a file", () => join(dir, "parent-file", "x.img")],
    ["a name over 255 bytes", () => join(dir, `${"é".repeat(128)}.img`)],
  ])("%s is a ValidationError, zero requests sent", async (_, make) => {
    await fs.writeFile(join(dir, "parent-file"), "x");
    const t = recording();
    const error = await clientOf(t).data.downloadToFile(ID, make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toContain("path");
    expect(t.requests).toHaveLength(0);
  });

  it("with resume, the name must leave room for .partial", async () => {
    const t = recording();
    const name = `${"a".repeat(250)}`;
    await expect(clientOf(t).data.downloadToFile(ID, join(dir, name), { resume: true })).rejects.toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(0);
  });

  it("a long name that fits still downloads (its temporary name is shortened)", async () => {
    const t = recording();
    const path = join(dir, `${"b".repeat(251)}.img`);
    const result = await clientOf(t).data.downloadToFile(ID, path);
    expect(result.verified).toBe("os_hash");
    expect((await fs.stat(path)).size).toBe(DATA.byteLength);
  });
});
