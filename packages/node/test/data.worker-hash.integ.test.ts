import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_A, trustedAuthHeaders } from "@cloud-images/test-servers";
import { ChecksumMismatchError, createClient, createUndiciTransport, createWorkerHashFactory, type NodeImageClient, type Transport } from "../src/index.js";
import { MiB, pattern } from "./contract/data.contract.js";
import { runTag } from "./glance-fixtures.js";

// The worker-thread hashes through real transfers: small batches so many cross the threads.
const factory = createWorkerHashFactory({ batchBytes: 64 * 1024, batches: 2 });
const tag = runTag("worker-hash");
const DATA = pattern(5 * MiB + 7, 11);
const hex = (algo: string, bytes: Uint8Array): string => createHash(algo).update(bytes).digest("hex");

/** Flips one byte of every `GET …/file` body. */
function corrupting(inner: Transport): Transport {
  return {
    async request(req) {
      const res = await inner.request(req);
      if (req.method !== "GET" || !req.url.endsWith("/file") || res.status >= 300) return res;
      let flipped = false;
      const flip = (chunk: Uint8Array): Uint8Array => {
        if (flipped || chunk.byteLength === 0) return chunk;
        flipped = true;
        const copy = chunk.slice();
        copy[0]! ^= 0xff;
        return copy;
      };
      return {
        ...res,
        chunks: undefined,
        stream: () => res.stream().pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform: (c, ctl) => ctl.enqueue(flip(c)) })),
      };
    },
  };
}

const client = (transport?: Transport): NodeImageClient =>
  createClient({ endpoint: inject("glanceUrl"), headers: trustedAuthHeaders({ project: PROJECT_A }), hashFactory: factory, ...(transport ? { transport } : {}) });

describe("data with worker-thread hashes (real Glance)", () => {
  const glance = client();
  const ids: string[] = [];
  let dir = "";
  beforeAll(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-worker-hash-"));
  });
  afterAll(async () => {
    for (const id of ids) await glance.images.delete(id).catch(() => undefined);
    await glance.close();
    await fs.rm(dir, { recursive: true, force: true });
    await factory.terminate();
  });
  const newImage = async (): Promise<string> => {
    const image = await glance.images.create({ name: tag, disk_format: "raw", container_format: "bare", tags: [tag] });
    ids.push(image.id);
    return image.id;
  };

  it("uploads a file and downloads it to a file, md5 + sha512 verified", async () => {
    const id = await newImage();
    const src = join(dir, "src.img");
    await fs.writeFile(src, DATA);
    const sent = await glance.data.upload(id, src);
    expect(sent).toMatchObject({ bytes: DATA.byteLength, verified: "os_hash", digests: { md5: hex("md5", DATA), sha512: hex("sha512", DATA) } });
    const out = join(dir, "out.img");
    const got = await glance.data.downloadToFile(id, out);
    expect(got).toMatchObject({ bytes: DATA.byteLength, verified: "os_hash", digest: hex("sha512", DATA) });
    expect(Buffer.compare(await fs.readFile(out), DATA)).toBe(0);
  });

  it("a corrupted download fails with ChecksumMismatchError and leaves no file; the hashes keep working after", async () => {
    const id = await newImage();
    await glance.data.upload(id, DATA);
    const bad = client(corrupting(createUndiciTransport()));
    try {
      const out = join(dir, "bad.img");
      await expect(bad.data.downloadToFile(id, out)).rejects.toBeInstanceOf(ChecksumMismatchError);
      expect((await fs.readdir(dir)).filter((f) => f.includes("bad.img"))).toEqual([]);
    } finally {
      await bad.close();
    }
    const again = await (await glance.data.download(id)).bytes();
    expect(again.verified).toBe("os_hash");
  });

  it("a download left early releases its hash session (next transfers still verify)", async () => {
    const id = await newImage();
    await glance.data.upload(id, DATA);
    const download = await glance.data.download(id);
    for await (const chunk of download.chunks()) if (chunk.byteLength > 0) break;
    await expect(download.result).rejects.toThrow();
    const bytes = await (await glance.data.download(id)).bytes();
    expect(bytes).toMatchObject({ verified: "os_hash", digest: hex("sha512", DATA) });
  });
});
