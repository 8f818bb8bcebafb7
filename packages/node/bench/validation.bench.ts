/**
 * Response validation cases (issue 13), on a synthetic 1 000-image Glance page, no Glance
 * involved (client-side CPU only):
 * - `JSON.parse` + the SDK's validator of image lists (what `images.list` checks answers with)
 *   against `JSON.parse` alone: the row;
 * - the whole call, `images.list({ limit: 1000 })` over an in-memory transport (request
 *   pipeline, `JSON.parse`, validation), against `JSON.parse` alone.
 * For comparison the note gives, from the same run, what validating the page with zod costs (the
 * `@cloud-images/core/schemas` zod/mini schema, which copies every object it checks).
 */
import { performance } from "node:perf_hooks";
import type { Transport, TransportResponse } from "@cloud-images/core";
import { ImageListSchema } from "@cloud-images/core/schemas";
import { imageListValidator } from "@cloud-images/core/internal";
import { createClient, type NodeImageClient } from "../src/index.js";
import { median, type BenchCase, type BenchModule } from "./stats.js";

/** Images on the page (Glance's `api_limit_max` default). */
export const PAGE_IMAGES = 1000;
/** Pages read per side in one timed round. */
const PAGES_PER_ROUND = 10;

/** A Glance `GET /v2/images?limit=1000` answer: base attributes, tags and a few custom properties per image. */
export function syntheticImagePage(count = PAGE_IMAGES): string {
  const images = [];
  for (let i = 0; i < count; i++) {
    const id = `${i.toString(16).padStart(8, "0")}-7c3e-4b6a-9f1d-2e5a8c0b4d17`;
    images.push({
      id,
      name: `ubuntu-24.04-server-cloudimg-amd64-${i}`,
      status: i % 50 === 0 ? "queued" : "active",
      visibility: i % 3 === 0 ? "public" : "shared",
      protected: false,
      os_hidden: false,
      checksum: i % 50 === 0 ? null : "16767f276c67a380bc30390e7274ec08",
      os_hash_algo: i % 50 === 0 ? null : "sha512",
      os_hash_value: i % 50 === 0 ? null : "24e7da150e36021244cb1b16eb5bef7d6c3168757797bceb6eaf2fa8ffa129d498e33be0b377bd7f1928bf7be06d8ef785676a17b5a6cb8c073d663f6aba8682",
      owner: "c1d6a7f02b5e4b6f9a3d8e7f6a5b4c3d",
      size: i % 50 === 0 ? null : 1_073_741_824 + i,
      virtual_size: null,
      min_disk: 10,
      min_ram: 512,
      container_format: "bare",
      disk_format: "qcow2",
      created_at: "2026-11-22T18:16:17Z",
      updated_at: "2026-11-22T18:16:19Z",
      tags: ["lts", "x86_64"],
      self: `/v2/images/${id}`,
      file: `/v2/images/${id}/file`,
      schema: "/v2/schemas/image",
      stores: "fs",
      os_distro: "ubuntu",
      os_version: "24.04",
      hw_disk_bus: "virtio",
    });
  }
  return JSON.stringify({ images, first: `/v2/images?limit=${count}`, schema: "/v2/schemas/images", next: `/v2/images?limit=${count}&marker=${images.at(-1)?.id}` });
}

/** A transport answering every request with `text` (200, JSON). */
function pageTransport(text: string): Transport {
  const response: TransportResponse = {
    status: 200,
    headers: { "content-type": "application/json", "x-openstack-request-id": "req-bench" },
    text: () => Promise.resolve(text),
    bytes: () => Promise.resolve(new TextEncoder().encode(text)),
    stream: () => new Response(text).body!,
    discard: () => Promise.resolve(),
  };
  return { request: () => Promise.resolve(response) };
}

/** Median ratio of `a` over `b`, each timed `rounds` times interleaved (for the note). */
function quickRatio(a: () => void, b: () => void, rounds = 15): number {
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    a();
    const t1 = performance.now();
    b();
    const t2 = performance.now();
    ratios.push((t1 - t0) / (t2 - t1));
  }
  return median(ratios);
}

let client: NodeImageClient | undefined;

const validation: BenchModule = {
  name: "validation",
  async setup() {
    const text = syntheticImagePage();
    client = createClient({ endpoint: "http://in-memory.invalid:9292", token: "bench", transport: pageTransport(text) });
    const glance = client;
    // Warm zod up, then measure it on the same page for the note.
    for (let i = 0; i < 5; i++) ImageListSchema.safeParse(JSON.parse(text));
    const zodRatio = quickRatio(
      () => {
        if (!ImageListSchema.safeParse(JSON.parse(text)).success) throw new Error("zod refused the page");
      },
      () => JSON.parse(text),
    );
    const parseBaseline = {
      start() {
        let i = 0;
        return () => {
          const page = JSON.parse(text) as { images: unknown[] };
          if (page.images.length !== PAGE_IMAGES) throw new Error(`read ${page.images.length} images`);
          return Promise.resolve(++i < PAGES_PER_ROUND);
        };
      },
    };
    const validatorCase: BenchCase = {
      name: `validating a ${PAGE_IMAGES}-image page (JSON.parse + SDK validator)`,
      target: 1.3,
      warmup: 3,
      rounds: 11,
      note: `one round = ${PAGES_PER_ROUND} parses of one ${(text.length / 1000).toFixed(0)} kB page per side, the SDK side also checking it with the validator images.list uses; zod/mini ImageListSchema.safeParse after JSON.parse in this run: ${zodRatio.toFixed(2)}× JSON.parse`,
      sdk: {
        start() {
          let i = 0;
          return () => {
            if (!imageListValidator.safeParse(JSON.parse(text)).success) throw new Error("the SDK's validator refused the page");
            return Promise.resolve(++i < PAGES_PER_ROUND);
          };
        },
      },
      baseline: parseBaseline,
    };
    const validationCase: BenchCase = {
      name: `images.list of a ${PAGE_IMAGES}-image page, validated`,
      target: 1.3,
      warmup: 3,
      rounds: 11,
      note: `one round = ${PAGES_PER_ROUND} reads of one ${(text.length / 1000).toFixed(0)} kB page per side (in-memory transport): images.list({ limit: ${PAGE_IMAGES} }) vs JSON.parse of the same text`,
      sdk: {
        start() {
          let i = 0;
          return async () => {
            const page = await glance.images.list({ limit: PAGE_IMAGES });
            if (page.items.length !== PAGE_IMAGES) throw new Error(`read ${page.items.length} images`);
            return ++i < PAGES_PER_ROUND;
          };
        },
      },
      baseline: parseBaseline,
    };
    return [validatorCase, validationCase];
  },
  async teardown() {
    await client?.close();
    client = undefined;
  },
};

export default validation;
