import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChecksumMismatchError, HashStateError, ValidationError, type HashAlgorithm, type Image, type Transport, type TransportResponse } from "@cloud-images/core";
import { HashSet } from "@cloud-images/core/internal";
import { autoHashFactory, createClient, createWorkerHashFactory, defaultHashWorkers, nodeHashFactory, WORKER_HASH_MIN_BYTES } from "../src/index.js";
import { createAutoHashFactory } from "../src/data/auto-hash-factory.js";
import { allocateSharedBuffer, whenHashed } from "../src/data/shared-buffers.js";

const hex = (algo: string, bytes: Uint8Array): string => createHash(algo).update(bytes).digest("hex");
const DATA = new Uint8Array(3 * 1024 * 1024 + 12_345);
for (let i = 0; i < DATA.length; i++) DATA[i] = (i * 2654435761) >>> 24;

describe("worker-thread hashes", () => {
  const factory = createWorkerHashFactory({ batchBytes: 64 * 1024, batches: 2 });
  afterAll(() => factory.terminate());

  it.each([1, 2])("match node:crypto for md5 + sha512 fed in odd pieces, in order (%i workers)", async (workers) => {
    const f = createWorkerHashFactory({ batchBytes: 64 * 1024, batches: 2, workers });
    const set = await HashSet.create(f, ["md5", "sha512"]);
    const scratch = new Uint8Array(100_003);
    for (let at = 0; at < DATA.length; at += scratch.length) {
      // One reused buffer: the hash must have taken the bytes once update settles.
      const piece = DATA.subarray(at, at + scratch.length);
      scratch.set(piece);
      await set.update(scratch.subarray(0, piece.length));
      scratch.fill(0);
    }
    const d = await set.finish();
    expect(d).toEqual({ md5: hex("md5", DATA), sha512: hex("sha512", DATA) });
    expect(() => set.digests()).toThrow(HashStateError);
    await f.terminate();
  });

  it.each([1, 2])("reads chunks of the SDK's shared buffers in place, in order with copied ones; a buffer stays held until hashed (%i workers)", async (workers) => {
    const f = createWorkerHashFactory({ batchBytes: 64 * 1024, batches: 2, workers });
    const set = await HashSet.create(f, ["md5", "sha512"]);
    // Two shared buffers (as downloadToFile's) and a plain one, used in turn and refilled.
    const buffers = [allocateSharedBuffer(256 * 1024), allocateSharedBuffer(200_000), new Uint8Array(100_003)];
    for (let at = 0, turn = 0; at < DATA.length; turn++) {
      const buffer = buffers[turn % buffers.length]!;
      // Refilled only once the workers are done with it (a refill too soon breaks the digests).
      const hashing = whenHashed(buffer);
      if (hashing) await hashing;
      const n = Math.min(buffer.length, DATA.length - at);
      buffer.set(DATA.subarray(at, at + n));
      // Fed in pieces, as a download's reads land.
      for (let p = 0; p < n; p += 40_000) await set.update(buffer.subarray(p, Math.min(n, p + 40_000)));
      at += n;
    }
    expect(await set.finish()).toEqual({ md5: hex("md5", DATA), sha512: hex("sha512", DATA) });
    // A plain buffer is never held: its bytes were copied.
    expect(whenHashed(buffers[2]!)).toBeUndefined();
    await f.terminate();
  });

  it("holds a shared buffer while its bytes wait for a worker, and lets it go when the hash is disposed", async () => {
    const f = createWorkerHashFactory({ workers: 1 });
    const big = allocateSharedBuffer(8 * 1024 * 1024);
    big.set(DATA.subarray(0, 3 * 1024 * 1024));
    const set = await HashSet.create(f, ["sha512"]);
    expect(set.update(big)).toBeUndefined(); // in place: no backpressure, no copy
    // sha512 of 8 MiB takes milliseconds: the worker cannot be done yet.
    const hashing = whenHashed(big);
    expect(hashing).toBeInstanceOf(Promise);
    await hashing;
    expect(whenHashed(big)).toBeUndefined();
    expect((await set.finish()).sha512).toBe(hex("sha512", big));
    // Disposed with bytes in flight: the buffer is free at once (the hash is over).
    const dropped = await HashSet.create(f, ["sha512"]);
    dropped.update(big);
    dropped.dispose();
    expect(whenHashed(big)).toBeUndefined();
    await f.terminate();
  });

  it("applies backpressure: update returns a promise once every batch is in flight", async () => {
    const set = await HashSet.create(factory, ["sha512"]);
    let waited = 0;
    for (let at = 0; at < DATA.length; at += 256 * 1024) {
      const wait = set.update(DATA.subarray(at, at + 256 * 1024));
      if (wait) {
        waited++;
        await wait;
      }
    }
    expect(waited).toBeGreaterThan(0);
    expect((await set.finish()).sha512).toBe(hex("sha512", DATA));
  });

  it("gives each concurrent transfer its own digests; an empty one too", async () => {
    const half = DATA.subarray(0, DATA.length >> 1);
    const run = async (bytes: Uint8Array, algorithms: HashAlgorithm[]) => {
      const set = await HashSet.create(factory, algorithms);
      for (let at = 0; at < bytes.length; at += 50_000) await set.update(bytes.subarray(at, at + 50_000));
      return set.finish();
    };
    const [a, b, c] = await Promise.all([run(DATA, ["sha512"]), run(half, ["md5", "sha256"]), run(new Uint8Array(0), ["sha512"])]);
    expect(a).toEqual({ sha512: hex("sha512", DATA) });
    expect(b).toEqual({ md5: hex("md5", half), sha256: hex("sha256", half) });
    expect(c).toEqual({ sha512: hex("sha512", new Uint8Array(0)) });
  });

  it("single-algorithm create() works like node:crypto's", async () => {
    const [w, n] = await Promise.all([factory.create("sha1"), nodeHashFactory.create("sha1")]);
    await w.update(DATA);
    await n.update(DATA);
    expect(await w.digest()).toBe(await n.digest());
  });

  it("dispose rejects a pending update and a later digest; the factory keeps working", async () => {
    const set = await HashSet.create(factory, ["sha512"]);
    let pending: Promise<void> | undefined;
    for (let at = 0; !pending && at < DATA.length; at += 64 * 1024) pending = set.update(DATA.subarray(at, at + 64 * 1024)) ?? undefined;
    expect(pending).toBeInstanceOf(Promise);
    set.dispose();
    await expect(pending).rejects.toThrow(/disposed/);
    await expect(set.finish()).rejects.toThrow(/disposed/);
    const again = await HashSet.create(factory, ["sha512"]);
    await again.update(DATA);
    expect((await again.finish()).sha512).toBe(hex("sha512", DATA));
  });

  it("a worker that dies fails the transfer instead of hanging", async () => {
    const f = createWorkerHashFactory({ batchBytes: 64 * 1024, batches: 2 });
    const set = await HashSet.create(f, ["sha512"]);
    await set.update(DATA.subarray(0, 1000));
    await f.terminate();
    await expect(set.finish()).rejects.toThrow(/exited/);
  });

  it("defaultHashWorkers: one thread per upload hash when there is a core for each beside the transfer's, else one", () => {
    expect([1, 2, 3, 4, 64].map((cores) => defaultHashWorkers(cores))).toEqual([1, 1, 2, 2, 2]);
    expect(defaultHashWorkers()).toBe(defaultHashWorkers(availableParallelism()));
  });

  // The process's threads, counted by Linux: each worker is one more.
  it.runIf(process.platform === "linux")("an upload's md5 + sha512 start defaultHashWorkers() threads by default (and `workers` threads when set)", async () => {
    const threads = async (): Promise<number> => (await readdir("/proc/self/task")).length;
    const started = async (f: ReturnType<typeof createWorkerHashFactory>): Promise<number> => {
      const before = await threads();
      const set = await HashSet.create(f, ["md5", "sha512"]);
      await set.update(DATA.subarray(0, 1000));
      await set.finish();
      const after = await threads();
      await f.terminate();
      return after - before;
    };
    expect(await started(createWorkerHashFactory({ workers: 2 }))).toBe(2);
    expect(await started(createWorkerHashFactory({ workers: 1 }))).toBe(1);
    expect(await started(createWorkerHashFactory())).toBe(defaultHashWorkers());
  });

  it("rejects bad options", () => {
    expect(() => createWorkerHashFactory({ batches: 0 })).toThrow(ValidationError);
    expect(() => createWorkerHashFactory({ workers: 1.5 })).toThrow(ValidationError);
  });
});

describe("the Node client's default hashes (autoHashFactory)", () => {
  const IMAGE_ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
  const BIG = new Uint8Array(WORKER_HASH_MIN_BYTES + 1234);
  for (let i = 0; i < BIG.length; i += 4096) BIG[i] = (i * 2654435761) >>> 24;
  const bigSha512 = hex("sha512", BIG);

  it("is what createClient uses unless told otherwise", async () => {
    const client = createClient({ endpoint: "http://glance.test:9292", token: "t" });
    expect(client.data.hashFactory).toBe(autoHashFactory);
    await client.close();
  });

  it("on 3+ cores hashes small transfers on the calling thread and large or unsized ones on worker threads, to the same digests", async () => {
    const auto = createAutoHashFactory({ cores: 4 });
    const small = await HashSet.create(auto, ["md5", "sha512"], DATA.length);
    expect(small.update(DATA)).toBeUndefined();
    // Main-thread digests are there at once (no round trip to a thread).
    expect(small.digests()).toEqual({ md5: hex("md5", DATA), sha512: hex("sha512", DATA) });
    for (const size of [WORKER_HASH_MIN_BYTES, undefined]) {
      const large = await HashSet.create(auto, ["md5", "sha512"], size);
      for (let at = 0; at < DATA.length; at += 1 << 20) await large.update(DATA.subarray(at, at + (1 << 20)));
      expect(() => large.digests()).toThrow(HashStateError); // asynchronous: a worker's
      expect(await large.finish()).toEqual({ md5: hex("md5", DATA), sha512: hex("sha512", DATA) });
    }
  });

  it("on 1 core keeps every hash on the calling thread, large ones too", async () => {
    const set = await HashSet.create(createAutoHashFactory({ cores: 1 }), ["sha512"], WORKER_HASH_MIN_BYTES * 4);
    expect(set.update(DATA)).toBeUndefined();
    expect(set.digests()).toEqual({ sha512: hex("sha512", DATA) });
  });

  it("on 2 cores hashes large transfers on a worker, small ones on the calling thread", async () => {
    const auto = createAutoHashFactory({ cores: 2 });
    const large = await HashSet.create(auto, ["sha512"], WORKER_HASH_MIN_BYTES * 4);
    await large.update(DATA);
    expect(() => large.digests()).toThrow(HashStateError); // asynchronous: a worker's
    expect(await large.finish()).toEqual({ sha512: hex("sha512", DATA) });
    const small = await HashSet.create(auto, ["sha512"], DATA.length);
    expect(small.update(DATA)).toBeUndefined();
    expect(small.digests()).toEqual({ sha512: hex("sha512", DATA) });
  });

  /** A transport serving the image's bytes in 64 KiB chunks, with byte `flip` inverted when given. */
  function servingTransport(bytes: Uint8Array, flip?: number): Transport {
    return {
      async request() {
        const chunks = async function* (): AsyncGenerator<Uint8Array> {
          for (let at = 0; at < bytes.length; at += 65_536) {
            const chunk = bytes.slice(at, at + 65_536);
            if (flip !== undefined && flip >= at && flip < at + chunk.length) chunk[flip - at]! ^= 0xff;
            yield chunk;
          }
        };
        const response: TransportResponse = {
          status: 200,
          headers: { "content-type": "application/octet-stream", "content-length": String(bytes.length) },
          text: async () => "",
          bytes: async () => bytes,
          stream: () => ReadableStream.from(chunks()),
          discard: async () => undefined,
        };
        Object.defineProperty(response, "chunks", { value: chunks, enumerable: false });
        return response;
      },
    };
  }
  // The image record, given so no GET is sent: only its size and hashes matter here.
  const image = (sha512: string) => ({ id: IMAGE_ID, status: "active", checksum: null, size: BIG.length, os_hash_algo: "sha512", os_hash_value: sha512 }) as unknown as Image;

  it("a large download verified on worker threads still catches one flipped byte, and leaves no file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cloud-images-auto-hash-"));
    try {
      const target = join(dir, "image.raw");
      // The default's worker path, whatever this machine's core count.
      const hashFactory = createAutoHashFactory({ cores: 4 });
      const flipped = createClient({ endpoint: "http://glance.test:9292", token: "t", hashFactory, transport: servingTransport(BIG, BIG.length - 777) });
      const error = await flipped.data.downloadToFile(IMAGE_ID, target, { image: image(bigSha512) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChecksumMismatchError);
      expect((error as ChecksumMismatchError).expected).toBe(bigSha512);
      expect(await readdir(dir)).toEqual([]);
      // The same bytes unflipped verify, through the same worker pool.
      const clean = createClient({ endpoint: "http://glance.test:9292", token: "t", hashFactory, transport: servingTransport(BIG) });
      const result = await clean.data.downloadToFile(IMAGE_ID, target, { image: image(bigSha512) });
      expect(result).toMatchObject({ verified: "os_hash", algorithm: "sha512", digest: bigSha512, bytes: BIG.length });
      expect(await readdir(dir)).toEqual(["image.raw"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
