/**
 * Image metadata cases: `images.get` in a keep-alive loop, and listing every seeded image
 * through `images.listAll`, each against raw undici + `JSON.parse` doing the same requests.
 * The SDK runs with the undici transport and response validation ON (zod), as users run it.
 */
import { PROJECT_A, trustedAuthHeaders } from "@cloud-images/test-servers";
import { Agent, type Dispatcher } from "undici";
import { createClient, type NodeImageClient } from "../src/index.js";
import { seedImages } from "./seed.js";
import type { BenchCase, BenchContext, BenchModule } from "./stats.js";

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

/** Listing every visible image page by page: `listAll` vs following `next` links raw. */
export function listCase(
  client: NodeImageClient,
  raw: Dispatcher,
  origin: string,
  limit: number,
  expected: number,
  rounds: number,
): BenchCase {
  const check = (side: string, count: number): void => {
    if (count !== expected) throw new Error(`${side} listed ${count} images, expected ${expected}`);
  };
  const requests = Math.floor(expected / limit) + 1;
  return {
    name: `listAll ${expected} images, limit ${limit}`,
    target: 1.15,
    warmup: 1,
    rounds,
    note: `one round = ${requests} GET /v2/images?limit=${limit}[&marker=…] pages per side, SDK and raw pages alternating, every image counted`,
    // A step = one page: pulling `limit` items from the SDK iterator makes it fetch exactly one page.
    sdk: {
      start() {
        const it = client.images.listAll({ limit })[Symbol.asyncIterator]();
        let count = 0;
        return async () => {
          for (let i = 0; i < limit; i++) {
            const r = await it.next();
            if (r.done) {
              check("SDK", count);
              return false;
            }
            if (r.value.id) count++;
          }
          return true;
        };
      },
    },
    baseline: {
      start() {
        let count = 0;
        let path: string | undefined = `/v2/images?limit=${limit}`;
        return async () => {
          const page: RawImageList = await rawJson<RawImageList>(raw, origin, path!);
          for (const image of page.images) if (image.id) count++;
          path = page.images.length > 0 ? page.next : undefined;
          if (path === undefined) check("raw", count);
          return path !== undefined;
        };
      },
    },
  };
}

let client: NodeImageClient | undefined;
let raw: Agent | undefined;

const imagesBench: BenchModule = {
  name: "images",
  async setup(context: BenchContext): Promise<readonly BenchCase[]> {
    const t0 = Date.now();
    const ids = await seedImages(context.glanceDir, { count: LIST_IMAGE_COUNT, owner: PROJECT_A, tag: SEED_TAG });
    context.log(`seeded ${ids.length} images into sqlite in ${Date.now() - t0} ms`);

    client = createClient({
      endpoint: context.glanceUrl,
      transport: "undici",
      headers: trustedAuthHeaders({ project: PROJECT_A }),
      validateResponses: true,
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

    return [
      getCase(client, raw, origin, ids[ids.length >> 1]!),
      listCase(client, raw, origin, 1000, ids.length, 5),
      // The default page size: 401 requests per side (~20 s per round on 2 cores), so fewer rounds.
      listCase(client, raw, origin, 25, ids.length, 3),
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
