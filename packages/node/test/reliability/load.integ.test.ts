// Load, bounded and on loopback: many concurrent calls through the default pool against the
// integ project's REAL Glance, large concurrent transfers, and many calls on an expired token.
// The figures (RSS, counts) are printed for RELIABILITY.md; what is asserted is what users rely
// on — every call succeeds or fails typed, none outlives its deadline, memory does not grow
// with the number or size of transfers — never a timing.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { PROJECT_A, trustedAuthHeaders, type FaultProxy } from "@cloud-images/test-servers";
import { RequestTimeoutError, createClient, rackspaceApiKey, type Image, type NodeImageClient } from "../../src/index.js";
import { deleteTagged, glanceProxy, glanceUrl, testTag } from "./support.js";

const MiB = 1024 * 1024;
const rss = (): number => process.memoryUsage().rss;
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
/** Heap in use after a full garbage collection: what a leak would grow. */
const liveHeap = (): number => {
  collect();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;
const report = (line: string): void => console.log(`[load] ${line}`);

/** Samples RSS every 50 ms until stopped; returns the peak. */
function rssSampler(): { stop(): number } {
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rss());
    },
  };
}

/** `size` bytes of a pattern, generated in 1 MiB chunks as they are read (never all in memory). */
async function* generated(size: number, seed: number): AsyncGenerator<Uint8Array> {
  const chunk = new Uint8Array(MiB);
  for (let i = 0; i < MiB; i++) chunk[i] = (i * 131 + seed) % 253;
  for (let sent = 0; sent < size; sent += MiB) yield chunk.slice(0, Math.min(MiB, size - sent));
}

const tag = testTag("load");
const clients: NodeImageClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await deleteTagged(tag);
});

describe("1 000 concurrent images.get through the default pool", () => {
  let glance: NodeImageClient;
  let image: Image;
  let answering: FaultProxy;
  beforeAll(async () => {
    const direct = createClient({ endpoint: glanceUrl(), headers: trustedAuthHeaders({ project: PROJECT_A }) });
    clients.push(direct);
    image = await direct.images.create({ name: tag, disk_format: "raw", container_format: "bare", tags: [tag] });
    // Real Glance answers ~15–25 GETs/s on this machine: the proxy answers with the real image's
    // JSON instead, so the 1 000 calls measure the SDK's pool and deadlines, not Glance.
    const body = JSON.stringify(await direct.images.get(image.id));
    answering = await glanceProxy();
    answering.inject({ match: { method: "GET", path: `/v2/images/${image.id}` }, times: Infinity, fault: { kind: "status", status: 200, body } });
    glance = createClient({ endpoint: answering.url, headers: trustedAuthHeaders({ project: PROJECT_A }) });
    clients.push(glance);
  });
  afterAll(() => answering.stop());

  it("all succeed within their deadline; RSS stays flat", async () => {
    const TIMEOUT = 60_000;
    let slowest = 0;
    const batch = async (n: number): Promise<number> => {
      const ids = await Promise.all(
        Array.from({ length: n }, async () => {
          const started = performance.now();
          const got = await glance.images.get(image.id, { timeoutMs: TIMEOUT });
          slowest = Math.max(slowest, performance.now() - started);
          return got.id;
        }),
      );
      return ids.filter((id) => id === image.id).length;
    };
    // Warm-up (pool connections, code paths), then three measured rounds of 1 000.
    expect(await batch(100)).toBe(100);
    const before = rss();
    const after: number[] = [];
    const heaps: number[] = [];
    const started = performance.now();
    for (let round = 0; round < 3; round++) {
      expect(await batch(1000)).toBe(1000);
      after.push(rss());
      heaps.push(liveHeap());
    }
    const seconds = (performance.now() - started) / 1000;
    report(`3 rounds × 1000 concurrent images.get (default pool, 16 connections, loopback answers with the real image): all 3000 succeeded in ${seconds.toFixed(1)} s; slowest call ${slowest.toFixed(0)} ms (deadline ${TIMEOUT} ms); RSS ${mb(before)} before, ${after.map(mb).join(" / ")} after each round; live heap after GC ${heaps.map(mb).join(" / ")}`);
    expect(slowest).toBeLessThan(TIMEOUT);
    // 1 000 calls in flight cost some memory once; flat means later rounds add nothing live to it.
    expect(after[0]! - before).toBeLessThan(128 * MiB);
    expect(heaps[2]! - heaps[0]!).toBeLessThan(8 * MiB);
    expect(after[2]! - after[0]!).toBeLessThan(32 * MiB);
  }, 120_000);

  describe("while the pool is saturated (every answer stalls behind a proxy)", () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      proxy = await glanceProxy();
      proxy.inject({ match: { method: "GET" }, times: Infinity, fault: { kind: "stall-headers" } });
    });
    afterAll(() => proxy.stop());

    it("each of 1 000 calls waiting for one of 16 connections fails with RequestTimeoutError at its own deadline, not later", async () => {
      const stalled = createClient({ endpoint: proxy.url, headers: trustedAuthHeaders({ project: PROJECT_A }), maxRetries: 0 });
      clients.push(stalled);
      const DEADLINE = 1_500;
      // Generous slack for a loaded 2-core machine; a call that waited for the pool without its deadline would wait forever.
      const SLACK = 3_000;
      const outcomes = await Promise.all(
        Array.from({ length: 1000 }, async () => {
          const started = performance.now();
          const error = await stalled.images.get(image.id, { timeoutMs: DEADLINE }).then(
            () => undefined,
            (e: unknown) => e,
          );
          return { error, elapsed: performance.now() - started };
        }),
      );
      const late = outcomes.filter((o) => o.elapsed > DEADLINE + SLACK);
      const typed = outcomes.filter((o) => o.error instanceof RequestTimeoutError);
      const latest = Math.max(...outcomes.map((o) => o.elapsed));
      report(`1000 calls on a saturated pool (16 connections stalled): ${typed.length} RequestTimeoutError, latest after ${latest.toFixed(0)} ms (deadline ${DEADLINE} ms); the proxy saw ${proxy.requests.length} requests`);
      expect(typed).toHaveLength(1000);
      expect(late).toEqual([]);
      // Calls that timed out while queued were never sent (a few slip into connections freed by the first timeouts).
      expect(proxy.requests.length).toBeLessThan(100);
    });
  });
});

describe("20 concurrent 64 MiB uploads and downloads (real Glance)", () => {
  const COUNT = 20;
  const SIZE = 64 * MiB;

  it("all verified; peak RSS bounded well below the data moved", async () => {
    const glance = createClient({ endpoint: glanceUrl(), headers: trustedAuthHeaders({ project: PROJECT_A }) });
    clients.push(glance);
    const images = await Promise.all(Array.from({ length: COUNT }, (_, i) => glance.images.create({ name: `${tag}-${i}`, disk_format: "raw", container_format: "bare", tags: [tag] })));
    const before = rss();

    const up = rssSampler();
    const uploads = await Promise.all(images.map((image, i) => glance.data.upload(image.id, generated(SIZE, i), { size: SIZE })));
    const upPeak = up.stop();
    expect(uploads.map((u) => [u.bytes, u.verified])).toEqual(images.map(() => [SIZE, "os_hash"]));

    const down = rssSampler();
    const downloads = await Promise.all(
      images.map(async (image) => {
        const download = await glance.data.download(image.id);
        let bytes = 0;
        for await (const chunk of download.chunks()) bytes += chunk.byteLength;
        const result = await download.result;
        return [bytes, result.verified];
      }),
    );
    const downPeak = down.stop();
    expect(downloads).toEqual(images.map(() => [SIZE, "os_hash"]));

    report(
      `${COUNT} × ${mb(SIZE)} uploads then downloads (${mb(COUNT * SIZE)} each way), all verified (os_hash): RSS before ${mb(before)}, peak during uploads ${mb(upPeak)} (+${mb(upPeak - before)}), during downloads ${mb(downPeak)} (+${mb(downPeak - before)})`,
    );
    // Streaming: growth stays far below the 1.25 GiB moved (a buffered transfer would hold 64 MiB each).
    const bound = 512 * MiB;
    expect(upPeak - before).toBeLessThan(bound);
    expect(downPeak - before).toBeLessThan(bound);
  }, 300_000);
});

describe("100 concurrent calls on an expired token: exactly one login", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ mode: "rackspace" });
  });
  afterAll(() => emulator.stop());

  it("Rackspace identity v2.0 (emulator): 100 calls refused with the revoked token → one re-login, all succeed", async () => {
    const demo = emulator.users[0]!;
    const client = createClient({ identity: rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey }), region: "DFW" });
    clients.push(client);
    await client.images.list({ limit: 1 });
    expect(emulator.stats.authRequests).toBe(1);
    emulator.revokeTokens();
    const pages = await Promise.all(Array.from({ length: 100 }, () => client.images.list({ limit: 1 })));
    expect(pages).toHaveLength(100);
    report(`Rackspace identity: 100 concurrent calls on a revoked token → ${emulator.stats.authRequests - 1} re-login`);
    expect(emulator.stats.authRequests).toBe(2);
  });
});

// Keystone: the same property against a real Keystone is in packages/node/test/keystone.integ.test.ts
// and keystone-expiry.integ.test.ts (integ-keystone project); the browser client's is in
// packages/browser/test/token-expiry-load.test.ts.
