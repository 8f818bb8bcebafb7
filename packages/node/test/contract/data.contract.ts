import { createHash, randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NoImageDataError,
  NotFoundError,
  UploadImageError,
  UploadSourceError,
  type NodeImageClient,
  type TransferProgress,
} from "../../src/index.js";
import { TRANSPORTS, runTag } from "../glance-fixtures.js";
import { targetClient, type ContractTarget } from "./target.js";

/** One mebibyte. */
export const MiB = 1024 * 1024;

/** Deterministic pseudo-random bytes (xorshift), the same for the same seed. */
export function pattern(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A web stream of `size` bytes in `chunk`-sized pieces, hashed on the side (sha512 + md5). */
export function generated(
  size: number,
  chunk = MiB,
): {
  stream: ReadableStream<Uint8Array>;
  digests: () => { sha512: string; md5: string };
} {
  const base = pattern(chunk, 7);
  const sha = createHash("sha512");
  const md5 = createHash("md5");
  let sent = 0;
  let n = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) {
        controller.close();
        return;
      }
      const len = Math.min(chunk, size - sent);
      const piece = base.slice(0, len);
      new DataView(piece.buffer).setUint32(0, n++ >>> 0);
      sha.update(piece);
      md5.update(piece);
      sent += len;
      controller.enqueue(piece);
    },
  });
  return {
    stream,
    digests: () => ({ sha512: sha.digest("hex"), md5: md5.digest("hex") }),
  };
}

/**
 * The image data contract (upload, download, verification, 204 for no data): runs against real
 * Glance (data.integ.test.ts) and the emulator in glance mode (data.emulator.integ.test.ts).
 */
export function dataContract(target: ContractTarget): void {
  describe(`image data on ${target.name}`, () => {
    const tag = runTag("data");
    let dir: string;

    beforeAll(async () => {
      await target.start();
      dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-data-"));
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
      await target.stop();
    });

    describe.each(TRANSPORTS)("over %s", (transport) => {
      let client: NodeImageClient;
      const made: string[] = [];

      beforeAll(() => {
        client = targetClient(target, transport, "a");
      });
      afterAll(async () => {
        for (const id of made)
          await client.images.delete(id).catch(() => undefined);
        await client.close();
      });

      async function newImage(name = "data"): Promise<string> {
        const image = await client.images.create({
          name: `${tag}-${name}`,
          disk_format: "raw",
          container_format: "bare",
          tags: [tag],
        });
        made.push(image.id);
        return image.id;
      }

      it.each([0, 1, 3 * MiB + 12_345])(
        "round-trips %i bytes with checksums verified and progress reaching the total",
        async (size) => {
          const id = await newImage(`rt-${size}`);
          const bytes = pattern(size, size + 1);
          const up: TransferProgress[] = [];
          const sent = await client.data.upload(id, bytes, {
            onProgress: (p) => up.push(p),
          });
          expect(sent.verified).toBe("os_hash");
          expect(sent.image?.status).toBe("active");
          // The digest the server records is computed (md5 too until the client has seen which one that is).
          expect(sent.digests.sha512).toBe(
            createHash("sha512").update(bytes).digest("hex"),
          );
          expect(sent.digests.sha512).toBe(sent.image?.os_hash_value);
          if (sent.digests.md5 !== undefined) expect(sent.digests.md5).toBe(sent.image?.checksum);
          expect(up.at(-1)).toEqual({ bytes: size, total: size });

          const down: TransferProgress[] = [];
          const got = await (await client.data.download(id, {
            onProgress: (p) => down.push(p),
          })).bytes();
          expect(got.verified).toBe("os_hash");
          expect(got.algorithm).toBe("sha512");
          expect(Buffer.from(got.data).equals(Buffer.from(bytes))).toBe(true);
          expect(down.at(-1)).toEqual({ bytes: size, total: size });
        },
      );

      it("a client computes md5 and sha512 for its first upload, then only the digest its server records", async () => {
        const fresh = targetClient(target, transport, "a");
        try {
          const bytes = pattern(200_000, 7);
          const first = await fresh.data.upload(await newImage("learn-1"), bytes);
          expect(Object.keys(first.digests).sort()).toEqual(["md5", "sha512"]);
          const recorded = first.image?.os_hash_algo ? first.image.os_hash_algo : "md5";
          const second = await fresh.data.upload(await newImage("learn-2"), bytes);
          expect(Object.keys(second.digests)).toEqual([recorded]);
          expect(second.verified).toBe(first.verified);
          expect(second.digests[recorded as "sha512"]).toBe(recorded === "md5" ? second.image?.checksum : second.image?.os_hash_value);
          // A caller naming another algorithm gets it, with md5 beside it.
          const named = await fresh.data.upload(await newImage("learn-3"), bytes, { osHashAlgo: "sha256" });
          expect(Object.keys(named.digests).sort()).toEqual(["md5", "sha256"]);
          expect(named.verified).toBe("md5");
        } finally {
          await fresh.close();
        }
      });

      it("uploads a stream of unknown size and downloads to a file", async () => {
        const id = await newImage("stream");
        const src = generated(5 * MiB + 7, 64 * 1024 + 3);
        const sent = await client.data.upload(id, src.stream);
        expect(sent.bytes).toBe(5 * MiB + 7);
        expect(sent.digests.sha512).toBe(src.digests().sha512);
        const path = join(dir, `${transport}-stream.img`);
        const result = await client.data.downloadToFile(id, path);
        expect(result.verified).toBe("os_hash");
        expect((await fs.stat(path)).size).toBe(5 * MiB + 7);
        expect(
          (await fs.readdir(dir)).filter(
            (f) => f.includes(`${transport}-stream`) && f.includes(".partial"),
          ),
        ).toEqual([]);
      });

      it("reports an upload source cut mid-stream and leaves no active image", async () => {
        const id = await newImage("cut-upload");
        let n = 0;
        const failing = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (n++ === 3) controller.error(new Error("disk read failed"));
            else controller.enqueue(pattern(MiB, n));
          },
        });
        const error = await client.data
          .upload(id, failing, { size: 10 * MiB })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UploadSourceError);
        expect((error as UploadSourceError).bytesRead).toBe(3 * MiB);
        const image = await client.images.get(id);
        expect(image.status).not.toBe("active");
      });

      it("high-level uploadImage deletes the half-made image when the source fails", async () => {
        const id = randomUUID();
        const failing = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(pattern(MiB));
            controller.error(new Error("source gone"));
          },
        });
        const error = await client
          .uploadImage({
            attributes: {
              id,
              name: `${tag}-hl-cut`,
              disk_format: "raw",
              container_format: "bare",
            },
            data: failing,
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UploadImageError);
        expect(error).toMatchObject({ imageId: id, cleanup: "deleted" });
        expect((error as UploadImageError).cause).toBeInstanceOf(
          UploadSourceError,
        );
        await expect(client.images.get(id)).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });

      it("answers 204 from a queued image as NoImageDataError", async () => {
        const id = await newImage("empty");
        await expect(client.data.download(id).then((d) => d.bytes())).rejects.toBeInstanceOf(
          NoImageDataError,
        );
      });
    });
  });
}
