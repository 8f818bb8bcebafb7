/**
 * Image data cases: upload and download of 256 MiB and 1 GiB files, SDK vs curl.
 *
 * - SDK side: a long-lived child Node process per size doing `client.files.uploadFile` /
 *   `client.files.downloadToFile` with verification ON (md5 + sha512 while uploading, sha512
 *   while downloading, node:crypto), undici transport. The child runs the BUILT package
 *   (`packages/node/dist`, built by setup through turbo) with plain `node`, not tsx, so its RSS
 *   is the SDK's and Node's, not a TypeScript loader's. Commands go over IPC, so a round's wall
 *   time holds no process start-up. The note gives the child's RSS once idle (client created,
 *   nothing transferred) and its peak (`maxRSS`) over every transfer of that size.
 * - Baseline: `curl -T file` (PUT …/file) and `curl -o file` (GET …/file), same headers.
 * - Both sides get a fresh image created by the parent (same code, timed on both sides alike).
 * - The measure is a throughput ratio, SDK/curl = curl time / SDK time (targets ≥ 0.95
 *   upload, ≥ 0.90 download); the runner's table shows time ratios (SDK/curl ≤ 1/target), the
 *   note shows the throughput ratio of the same medians. Rounds alternate SDK and curl.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { createWriteStream, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { createClient, type NodeImageClient } from "../src/index.js";
import { performance } from "node:perf_hooks";
import { median, type BenchCase, type BenchContext, type BenchModule } from "./stats.js";

const MiB = 1024 * 1024;
const SIZES = [256 * MiB, 1024 * MiB] as const;
const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
/** The built package the SDK child imports. */
const DIST_URL = pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url))).href;
// Images of another project than PROJECT_A, whose listing the images cases count.
const HEADERS = trustedAuthHeaders({ project: PROJECT_B });

interface ChildCommand {
  readonly op: "upload" | "download";
  readonly imageId: string;
  readonly path: string;
}
interface ChildAnswer {
  readonly ok: boolean;
  readonly error?: string;
  readonly verified?: string;
  /** RSS now (MB). */
  readonly rssMb: number;
  /** Peak RSS of the process so far (MB). */
  readonly maxRssMb: number;
}

// ------------------------------------------------------------------------------------------
// Child side: plain JavaScript on the built package (no tsx, no source condition)
// ------------------------------------------------------------------------------------------
const CHILD_SOURCE = `
const { createClient } = await import(process.env.DATA_BENCH_DIST);
const client = createClient({ endpoint: process.env.GLANCE_URL, headers: JSON.parse(process.env.DATA_BENCH_HEADERS) });
const rss = () => ({ rssMb: process.memoryUsage.rss() / 1048576, maxRssMb: process.resourceUsage().maxRSS / 1024 });
process.on("message", (command) => {
  const work = command.op === "upload" ? client.files.uploadFile(command.imageId, command.path) : client.files.downloadToFile(command.imageId, command.path);
  work.then(
    (r) => process.send({ ok: true, verified: r.verified, ...rss() }),
    (error) => process.send({ ok: false, error: String(error && error.stack || error), ...rss() }),
  );
});
process.on("disconnect", () => void client.close().finally(() => process.exit(0)));
globalThis.gc?.();
process.send({ ok: true, ...rss() });
`;

// ------------------------------------------------------------------------------------------
// Parent side
// ------------------------------------------------------------------------------------------
class Child {
  readonly #proc: ChildProcess;
  #pending: ((answer: ChildAnswer) => void) | undefined;
  /** Peak RSS of the child so far (MB). */
  maxRssMb = 0;
  /** RSS once the built SDK is loaded and a client created, before any transfer (MB). */
  idleRssMb = 0;
  readonly ready: Promise<void>;

  constructor(glanceUrl: string) {
    this.#proc = spawn(process.execPath, ["--expose-gc", "--input-type=module", "--eval", CHILD_SOURCE], {
      env: { ...process.env, NODE_OPTIONS: "", GLANCE_URL: glanceUrl, DATA_BENCH_DIST: DIST_URL, DATA_BENCH_HEADERS: JSON.stringify(HEADERS) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.#proc.on("message", (answer: ChildAnswer) => {
      this.maxRssMb = Math.max(this.maxRssMb, answer.maxRssMb);
      const pending = this.#pending;
      this.#pending = undefined;
      pending?.(answer);
    });
    this.ready = new Promise((resolve) => {
      this.#pending = (answer) => {
        this.idleRssMb = answer.rssMb;
        resolve();
      };
    });
  }

  async do(command: ChildCommand): Promise<ChildAnswer> {
    const answer = await new Promise<ChildAnswer>((resolve) => {
      this.#pending = resolve;
      this.#proc.send(command);
    });
    if (!answer.ok) throw new Error(`SDK child: ${answer.error}`);
    if (answer.verified !== "os_hash") throw new Error(`SDK child: not verified (${answer.verified})`);
    return answer;
  }

  close(): void {
    this.#proc.disconnect();
  }
}

async function writeFile(path: string, size: number): Promise<void> {
  const block = new Uint8Array(4 * MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
  const out = createWriteStream(path);
  for (let done = 0, n = 0; done < size; done += block.length, n++) {
    const piece = block.slice();
    new DataView(piece.buffer).setUint32(0, n);
    if (!out.write(piece)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function curlHeaders(): string[] {
  return Object.entries(HEADERS).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
}

let client: NodeImageClient | undefined;
const children: Child[] = [];
let dir: string | undefined;
const images: string[] = [];
const downloadImages: string[] = [];

async function freshImage(glance: NodeImageClient): Promise<string> {
  // Drop the previous round's image first: keeps disk use at one copy per size.
  while (images.length > 0) await glance.images.delete(images.pop()!).catch(() => undefined);
  const { image } = await glance.images.create({ name: "bench-data", disk_format: "raw", container_format: "bare" });
  images.push(image.id);
  return image.id;
}

/**
 * Each side's own wall time per call (the same span the runner times, minus `after`), to
 * report the throughput ratio: median curl time / median SDK time.
 */
class Timings {
  readonly sdk: number[] = [];
  readonly curl: number[] = [];

  time(side: "sdk" | "curl", work: () => Promise<void>, after?: () => Promise<void>): () => Promise<void> {
    return async () => {
      const t0 = performance.now();
      await work();
      this[side].push(performance.now() - t0);
      await after?.();
    };
  }
}

/** `throughput SDK/curl 0.93 (target ≥ 0.90), median of N`: the warm-up calls left out. */
function throughputNote(t: Timings, target: number): string {
  const n = Math.min(t.sdk.length, t.curl.length);
  if (n === 0) return "not run";
  // The runner does 1 warm-up round per side first; leave it out when there are more.
  const skip = n > 1 ? 1 : 0;
  const ratio = median(t.curl.slice(skip)) / median(t.sdk.slice(skip));
  return `throughput SDK/curl ${ratio.toFixed(3)} (target ≥ ${target.toFixed(2)}: ${ratio >= target ? "PASS" : "MISS"}; median curl ${(median(t.curl.slice(skip)) / 1000).toFixed(2)} s, SDK ${(median(t.sdk.slice(skip)) / 1000).toFixed(2)} s)`;
}

/** Builds the SDK child's package (and the core it imports) so the child runs today's code. */
async function buildDist(log: (message: string) => void): Promise<void> {
  log("data: building @cloud-images/node (dist) for the SDK child");
  await run("pnpm", ["exec", "turbo", "run", "build", "--filter=@cloud-images/node", "--output-logs=errors-only"], { cwd: REPO });
}

const dataBench: BenchModule = {
  name: "data",
  async setup(context: BenchContext): Promise<readonly BenchCase[]> {
    await buildDist(context.log);
    const glance = (client = createClient({ endpoint: context.glanceUrl, headers: HEADERS }));
    dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-bench-data-"));
    const cases: BenchCase[] = [];
    for (const size of SIZES) {
      const label = size >= 1024 * MiB ? `${size / 1024 / MiB} GiB` : `${size / MiB} MiB`;
      const source = join(dir, `source-${size}.img`);
      context.log(`data: writing ${label} source file`);
      await writeFile(source, size);
      const up = new Timings();
      const down = new Timings();
      const child = new Child(context.glanceUrl);
      children.push(child);
      await child.ready;
      const fileUrl = (id: string): string => `${context.glanceUrl}/v2/images/${id}/file`;
      const rssNote = (): string =>
        `SDK child (built package, plain node) RSS idle ${child.idleRssMb.toFixed(0)} MB, peak ${child.maxRssMb.toFixed(0)} MB over all ${label} transfers (target ≤ 100)`;

      // A downloadable image of this size, uploaded once.
      const { image } = await glance.images.create({ name: `bench-data-dl-${label}`, disk_format: "raw", container_format: "bare" });
      await glance.files.uploadFile(image.id, source);
      const downloadId = image.id;
      downloadImages.push(downloadId);
      const target = join(dir, `download-${size}.img`);

      cases.push({
        name: `upload ${label} (verify on) vs curl -T`,
        target: 1 / 0.95,
        warmup: 1,
        rounds: 3,
        get note() {
          return `${throughputNote(up, 0.95)}; ${rssNote()}`;
        },
        sdk: up.time("sdk", async () => {
          const id = await freshImage(glance);
          await child.do({ op: "upload", imageId: id, path: source });
        }),
        baseline: up.time("curl", async () => {
          const id = await freshImage(glance);
          await run("curl", ["-sS", "--fail", "-X", "PUT", "-T", source, ...curlHeaders(), "-H", "content-type: application/octet-stream", fileUrl(id)]);
        }),
      });
      cases.push({
        name: `download ${label} to file (verify on) vs curl -o`,
        target: 1 / 0.9,
        warmup: 1,
        rounds: 5,
        get note() {
          return `${throughputNote(down, 0.9)}; ${rssNote()}`;
        },
        // The file removal stays outside the timed part on both sides.
        sdk: down.time("sdk", async () => {
          await child.do({ op: "download", imageId: downloadId, path: target });
        }, () => fs.rm(target, { force: true })),
        baseline: down.time("curl", async () => {
          await run("curl", ["-sS", "--fail", "-o", target, ...curlHeaders(), fileUrl(downloadId)]);
        }, () => fs.rm(target, { force: true })),
      });
    }
    return cases;
  },
  async teardown() {
    for (const child of children) child.close();
    if (client) {
      for (const id of [...images.splice(0), ...downloadImages.splice(0)]) await client.images.delete(id).catch(() => undefined);
      await client.close();
    }
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  },
};

export default dataBench;
