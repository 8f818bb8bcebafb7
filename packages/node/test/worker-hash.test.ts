import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { HashStateError, ValidationError, type HashAlgorithm } from "@cloud-images/core";
import { HashSet } from "@cloud-images/core/internal";
import { createWorkerHashFactory, nodeHashFactory } from "../src/index.js";

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

  it("rejects bad options", () => {
    expect(() => createWorkerHashFactory({ batches: 0 })).toThrow(ValidationError);
    expect(() => createWorkerHashFactory({ workers: 1.5 })).toThrow(ValidationError);
  });
});
