import { createHash, randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChecksumMismatchError,
  IncompleteDataError,
  ValidationError,
  createFetchTransport,
  createUndiciTransport,
  type NodeImageClient,
  type Transport,
  type TransferProgress,
} from "../src/index.js";
import { MiB, dataContract, generated, pattern } from "./contract/data.contract.js";
import { realGlance } from "./contract/target.js";
import { TRANSPORTS, glanceClient, runTag, type TransportName } from "./glance-fixtures.js";

/** A transport whose `GET …/file` bodies are damaged: a byte flipped at `flipAt`, or cut after `cutAfter` bytes (first `times` answers only). */
function damaging(inner: Transport, damage: { flipAt?: number; cutAfter?: number; times?: number }): Transport & { ranges: (string | undefined)[] } {
  let left = damage.times ?? Number.POSITIVE_INFINITY;
  const ranges: (string | undefined)[] = [];
  return {
    ranges,
    async request(req) {
      const res = await inner.request(req);
      if (req.method !== "GET" || !req.url.endsWith("/file") || res.status >= 300 || left <= 0) return res;
      left -= 1;
      ranges.push(req.headers.range);
      return {
        ...res,
        stream: () => {
          const source = res.stream().getReader();
          let seen = 0;
          return new ReadableStream<Uint8Array>({
            async pull(controller) {
              const { done, value } = await source.read();
              if (done) {
                controller.close();
                return;
              }
              let chunk = value;
              if (damage.cutAfter !== undefined && seen + chunk.byteLength > damage.cutAfter) {
                chunk = chunk.subarray(0, damage.cutAfter - seen);
                if (chunk.byteLength > 0) controller.enqueue(chunk);
                await source.cancel();
                controller.error(Object.assign(new Error("socket cut by test"), { code: "ECONNRESET" }));
                return;
              }
              if (damage.flipAt !== undefined && damage.flipAt >= seen && damage.flipAt < seen + chunk.byteLength) {
                chunk = chunk.slice();
                chunk[damage.flipAt - seen]! ^= 0xff;
              }
              seen += chunk.byteLength;
              controller.enqueue(chunk);
            },
            cancel: (reason) => source.cancel(reason),
          });
        },
      };
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}

function inner(name: TransportName): Transport {
  return name === "undici" ? createUndiciTransport() : createFetchTransport();
}

const tag = runTag("data");
let dir: string;
const made: { client: NodeImageClient; id: string }[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-data-"));
});
afterAll(async () => {
  for (const { client, id } of made) await client.images.delete(id).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

async function newImage(client: NodeImageClient, name = "data"): Promise<string> {
  const image = await client.images.create({ name: `${tag}-${name}`, disk_format: "raw", container_format: "bare", tags: [tag] });
  made.push({ client, id: image.id });
  return image.id;
}

// Round trips, streams, cut uploads and 204 are the data contract, shared with the emulator in glance
// mode (data.emulator.integ.test.ts); what needs real Glance alone (Range resumes, 256 MiB) stays here.
dataContract(realGlance());

describe.each(TRANSPORTS)("image data over %s", (transport) => {
  const client = glanceClient(transport);
  afterAll(() => client.close());

  describe("damaged downloads", () => {
    let id: string;
    let bytes: Uint8Array;
    beforeAll(async () => {
      id = await newImage(client, "damaged");
      bytes = pattern(2 * MiB + 333, 99);
      await client.data.upload(id, bytes);
    });

    it("a flipped byte is a ChecksumMismatchError naming both values, and no file is left", async () => {
      const bad = glanceClient(damaging(inner(transport), { flipAt: MiB + 5 }));
      const path = join(dir, `${transport}-flipped.img`);
      const error = await bad.data.downloadToFile(id, path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChecksumMismatchError);
      const mismatch = error as ChecksumMismatchError;
      expect(mismatch.algorithm).toBe("sha512");
      expect(mismatch.expected).toBe(createHash("sha512").update(bytes).digest("hex"));
      expect(mismatch.message).toContain(mismatch.expected);
      expect(mismatch.message).toContain(mismatch.actual);
      await expect(fs.stat(path)).rejects.toThrow();
      expect((await fs.readdir(dir)).filter((f) => f.includes("flipped"))).toEqual([]);
      await bad.close();
    });

    it("a cut without retries is a typed error, and no file is left", async () => {
      const bad = glanceClient(damaging(inner(transport), { cutAfter: MiB }));
      const path = join(dir, `${transport}-cut.img`);
      const error = await bad.data.downloadToFile(id, path, { retries: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as { code?: string }).code).toMatch(/CONNECTION|INCOMPLETE_DATA/);
      expect((await fs.readdir(dir)).filter((f) => f.includes("cut"))).toEqual([]);
      await bad.close();
    });

    it("resumes a cut stream with Range and still verifies the whole image", async () => {
      const cutting = damaging(inner(transport), { cutAfter: MiB + 17, times: 1 });
      const bad = glanceClient(cutting);
      const got = await (await bad.data.download(id)).bytes();
      expect(got.resumed).toBe(1);
      expect(got.verified).toBe("os_hash");
      expect(Buffer.from(got.data).equals(Buffer.from(bytes))).toBe(true);
      await bad.close();
    });

    it("resumes a partial file left by a failed download (rehashing its prefix)", async () => {
      const path = join(dir, `${transport}-resume.img`);
      const bad = glanceClient(damaging(inner(transport), { cutAfter: MiB + 100 }));
      await expect(bad.data.downloadToFile(id, path, { retries: 0, resume: true })).rejects.toBeInstanceOf(Error);
      const kept = (await fs.stat(`${path}.partial`)).size;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThanOrEqual(MiB + 100);
      await expect(fs.stat(path)).rejects.toThrow();
      await bad.close();
      const result = await client.data.downloadToFile(id, path, { resume: true });
      expect(result.verified).toBe("os_hash");
      expect((await fs.readFile(path)).equals(Buffer.from(bytes))).toBe(true);
      await expect(fs.stat(`${path}.partial`)).rejects.toThrow();
    });

    it("a truncated body (clean end) is resumed, or IncompleteDataError without retries", async () => {
      const truncating: Transport = {
        async request(req) {
          const res = await inner(transport).request(req);
          if (req.method !== "GET" || !req.url.endsWith("/file")) return res;
          return { ...res, stream: () => res.stream().pipeThrough(new TransformStream({ transform: (c, ctl) => ctl.enqueue(c.subarray(0, 1000)) })) };
        },
      };
      const bad = glanceClient(truncating);
      await expect(bad.data.download(id, { retries: 0 }).then((d) => d.bytes())).rejects.toBeInstanceOf(IncompleteDataError);
    });
  });
});

describe("bad input is a ValidationError before any request", () => {
  const client = glanceClient("undici");
  afterAll(() => client.close());
  it("rejects a missing path, unknown formats and a negative size", async () => {
    await expect(client.data.upload(randomUUID(), join(tmpdir(), "does-not-exist.img"))).rejects.toBeInstanceOf(ValidationError);
    await expect(client.data.downloadToFile(randomUUID(), "/no/such/dir/x.img")).rejects.toBeInstanceOf(ValidationError);
    await expect(
      client.uploadImage({ attributes: { name: "x", disk_format: "floppy" as never, container_format: "bare" }, data: new Uint8Array(1) }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(client.data.upload(randomUUID(), new ReadableStream(), { size: -1 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("256 MiB round trip (undici)", () => {
  const client = glanceClient("undici");
  afterAll(() => client.close());
  it("uploads a generated stream and downloads it to a file, verified, with flat memory", async () => {
    const size = 256 * MiB;
    const id = await newImage(client, "big");
    const src = generated(size);
    let last: TransferProgress | undefined;
    const sent = await client.data.upload(id, src.stream, { size, onProgress: (p) => (last = p) });
    const expected = src.digests();
    expect(sent.verified).toBe("os_hash");
    expect(sent.digests.sha512).toBe(expected.sha512);
    expect(sent.image?.checksum).toBe(expected.md5);
    expect(last).toEqual({ bytes: size, total: size });
    const path = join(dir, "big.img");
    let downLast: TransferProgress | undefined;
    const result = await client.data.downloadToFile(id, path, { onProgress: (p) => (downLast = p) });
    expect(result).toMatchObject({ bytes: size, verified: "os_hash", digest: expected.sha512 });
    expect(downLast).toEqual({ bytes: size, total: size });
    expect((await fs.stat(path)).size).toBe(size);
    await fs.rm(path);
  }, 120_000);
});
