/**
 * Image metadata cases: `images.get` in a keep-alive loop, and listing every seeded image
 * through `images.listAll`, each against raw undici + `JSON.parse` doing the same requests.
 * The SDK runs with its default transport (node:http) and response validation ON, as users run it.
 */
import { PROJECT_A, trustedAuthHeaders } from "@cloud-images/test-servers";
import { Agent, type Dispatcher } from "undici";
import { createClient, type NodeImageClient } from "../src/index.js";
import { seedImages } from "./seed.js";
import { hasOpenstacksdk, openstacksdk } from "./peers.js";
import { median, type BenchCase, type BenchContext, type BenchModule } from "./stats.js";

/** Images seeded for the listing cases. */
export const LIST_IMAGE_COUNT = 10_000;
/** `images.get` calls per timed round. */
export const GETS_PER_ROUND = 200;
/** Tag (and name prefix) of the seeded images. */
export const SEED_TAG = "bench-list";

const HEADERS: Readonly<Record<string, string>> = {
  accept: "application/json",
  ...Object.fromEntries(Object.entries(trustedAuthHeaders({ project: PROJECT_A })).map(([k, v]) => [k.toLowerCase(), v])),
};

interface RawImageList {
  images: { id: string }[];
  next?: string;
}

/** Raw `GET path` on a keep-alive dispatcher, body parsed with `JSON.parse`. */
async function rawJson<T>(dispatcher: Dispatcher, origin: string, path: string): Promise<T> {
  const res = await dispatcher.request({ origin, path, method: "GET", headers: HEADERS });
  if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${await res.body.text()}`);
  return JSON.parse(await res.body.text()) as T;
}

/** `images.get` ×n: SDK vs raw. */
export function getCase(client: NodeImageClient, raw: Dispatcher, origin: string, imageId: string, n = GETS_PER_ROUND): BenchCase {
  const path = `/v2/images/${imageId}`;
  return {
    name: `images.get ×${n} keep-alive`,
    target: 1.1,
    warmup: 2,
    rounds: 9,
    note: `one round = ${n} GET /v2/images/{id} of the same image per side, SDK and raw calls alternating`,
    sdk: {
      start() {
        let i = 0;
        return async () => {
          const image = await client.images.get(imageId);
          if (image.id !== imageId) throw new Error("wrong image");
          return ++i < n;
        };
      },
    },
    baseline: {
      start() {
        let i = 0;
        return async () => {
          const image = await rawJson<{ id: string }>(raw, origin, path);
          if (image.id !== imageId) throw new Error("wrong image");
          return ++i < n;
        };
      },
    },
  };
}

/** Every visible image through raw pages of `limit`, following `next` links; returns the count. */
async function rawListAll(raw: Dispatcher, origin: string, limit: number): Promise<number> {
  let count = 0;
  let path: string | undefined = `/v2/images?limit=${limit}`;
  while (path !== undefined) {
    const page: RawImageList = await rawJson<RawImageList>(raw, origin, path);
    for (const image of page.images) if (image.id) count++;
    path = page.images.length > 0 ? page.next : undefined;
  }
  return count;
}

/**
 * Listing every visible image: `listAll({ limit })` vs raw pages of the same size. Whole rounds
 * (the SDK fetches one page ahead, so its requests cannot be interleaved step by step).
 */
export function listCase(client: NodeImageClient, raw: Dispatcher, origin: string, limit: number, expected: number, rounds: number): BenchCase {
  const check = (side: string, count: number): void => {
    if (count !== expected) throw new Error(`${side} listed ${count} images, expected ${expected}`);
  };
  const requests = Math.floor(expected / limit) + 1;
  return {
    name: `listAll ${expected} images, limit ${limit}`,
    target: 1.15,
    warmup: 1,
    rounds,
    note: `one round = ${requests} GET /v2/images?limit=${limit}[&marker=…] pages per side, every image counted; rounds alternate sides`,
    sdk: async () => {
      let count = 0;
      for await (const image of client.images.listAll({ limit })) if (image.id) count++;
      check("SDK", count);
    },
    baseline: async () => check("raw", await rawListAll(raw, origin, limit)),
  };
}

/** Time from the `listAll()` call to its first image, per SDK round (ms). */
const FIRST_IMAGE_BUDGET_MS = 150;

/**
 * The listing row: `listAll()` with default options (the SDK picks the page sizes)
 * against raw pages at limit 1000 (Glance's maximum), plus the time to the first image.
 */
export function defaultListCase(client: NodeImageClient, requests: { count: number }, raw: Dispatcher, origin: string, expected: number, rounds: number): BenchCase {
  const firstMs: number[] = [];
  const requestCounts: number[] = [];
  return {
    name: `listAll ${expected} images, default options vs raw limit 1000`,
    target: 1.15,
    warmup: 1,
    rounds,
    get note() {
      if (firstMs.length === 0) return "not run";
      const first = median(firstMs);
      return `first image ${first.toFixed(0)} ms after the call (median; target ≤ ${FIRST_IMAGE_BUDGET_MS}: ${first <= FIRST_IMAGE_BUDGET_MS ? "PASS" : "MISS"}); SDK requests per round ${requestCounts.at(-1)}, raw ${Math.floor(expected / 1000) + 1}`;
    },
    sdk: async () => {
      const before = requests.count;
      const t0 = performance.now();
      let count = 0;
      for await (const image of client.images.listAll()) {
        if (count === 0) firstMs.push(performance.now() - t0);
        if (image.id) count++;
      }
      requestCounts.push(requests.count - before);
      if (count !== expected) throw new Error(`SDK listed ${count} images, expected ${expected}`);
    },
    baseline: async () => {
      const count = await rawListAll(raw, origin, 1000);
      if (count !== expected) throw new Error(`raw listed ${count} images, expected ${expected}`);
    },
  };
}

/** The same listing with each SDK's defaults: ours vs openstacksdk's (timed inside Python). */
export function peerListCase(client: NodeImageClient, glanceUrl: string, expected: number, rounds: number): BenchCase {
  const peerRss: number[] = [];
  return {
    name: `listAll ${expected} images, default options vs openstacksdk defaults`,
    target: 1,
    warmup: 1,
    rounds,
    get note() {
      return peerRss.length === 0 ? "not run" : `openstacksdk 0.101 conn.image.images() (its own paging), timed inside Python; its peak RSS ${median(peerRss).toFixed(0)} MB`;
    },
    sdk: async () => {
      let count = 0;
      for await (const image of client.images.listAll()) if (image.id) count++;
      if (count !== expected) throw new Error(`SDK listed ${count} images, expected ${expected}`);
    },
    baseline: async () => {
      const result = await openstacksdk(glanceUrl, trustedAuthHeaders({ project: PROJECT_A }), ["list"]);
      if (result.count !== expected) throw new Error(`openstacksdk listed ${result.count} images, expected ${expected}`);
      peerRss.push(result.maxRssMb);
      return result.ms;
    },
  };
}

let client: NodeImageClient | undefined;
let raw: Agent | undefined;
/** Requests the SDK client sent (its `onRequest` hook). */
const requests = { count: 0 };

const imagesBench: BenchModule = {
  name: "images",
  async setup(context: BenchContext): Promise<readonly BenchCase[]> {
    const t0 = Date.now();
    const ids = await seedImages(context.glanceDir, { count: LIST_IMAGE_COUNT, owner: PROJECT_A, tag: SEED_TAG });
    context.log(`seeded ${ids.length} images into sqlite in ${Date.now() - t0} ms`);

    client = createClient({
      endpoint: context.glanceUrl,
      headers: trustedAuthHeaders({ project: PROJECT_A }),
      validateResponses: true,
      onRequest: () => void (requests.count += 1),
    });
    raw = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
    const origin = new URL(context.glanceUrl).origin;

    // Glance serves the seeded rows and the SDK's schemas accept them (validation is on).
    if (!client.http.validatesResponses) throw new Error("response validation must be on");
    const page = await client.images.list({ limit: 5 });
    const sample = page.images[0];
    if (page.images.length !== 5 || !sample) throw new Error(`listing returned ${page.images.length} images, expected 5`);
    if (sample.status !== "active" || !sample.checksum || typeof sample.size !== "number" || sample["os_distro"] === undefined || !sample.tags.includes(SEED_TAG)) {
      throw new Error(`seeded image is not as expected: ${JSON.stringify(sample)}`);
    }
    const one = await client.images.get(ids[0]!);
    context.log(`verified: Glance lists and the SDK validates seeded images, e.g. ${JSON.stringify(one).slice(0, 160)}…`);
    const rawSize = (await (await raw.request({ origin, path: `/v2/images?limit=1000`, method: "GET", headers: HEADERS })).body.text()).length;
    context.log(`a 1000-image page is ${(rawSize / 1024).toFixed(0)} KiB of JSON`);

    const peer = await hasOpenstacksdk();
    if (!peer) context.log("openstacksdk (Debian python3-openstacksdk) not found: its peer row is left out");
    return [
      getCase(client, raw, origin, ids[ids.length >> 1]!),
      listCase(client, raw, origin, 1000, ids.length, 5),
      defaultListCase(client, requests, raw, origin, ids.length, 6),
      ...(peer ? [peerListCase(client, context.glanceUrl, ids.length, 4)] : []),
    ];
  },
  async teardown() {
    await client?.close();
    await raw?.close();
    client = undefined;
    raw = undefined;
  },
};

export default imagesBench;
