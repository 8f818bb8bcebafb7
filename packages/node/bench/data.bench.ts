/**
 * Image data cases: upload and download of 256 MiB and 1 GiB files, against curl and against
 * a hand-written "floor", all in the same run against the same Glance.
 *
 * - SDK side: long-lived child Node processes doing `client.data.upload` (a path) /
 *   `client.data.downloadToFile`, undici transport. Children run the BUILT package
 *   (`packages/node/dist`, built by setup through turbo) with plain `node`, not tsx, so their RSS
 *   is the SDK's and Node's, not a TypeScript loader's. Commands go over IPC, so a round's wall
 *   time holds no process start-up. One child per size and hashing mode (the client's default;
 *   node:crypto on the main thread; worker threads, 1 or 2), so each child's RSS is its mode's.
 * - Rows per size (Glance's time is in every row):
 *   - `… (verify on) vs curl -T` / `-o`: the target (default hashing; md5 + sha512 while
 *     uploading, sha512 while downloading).
 *   - `… (verify off) vs curl`: the SDK's transfer cost alone.
 *   - `… (verify on) vs floor`: the same job done by hand in a plain node child — raw undici,
 *     node:crypto on the main thread (md5 + sha512 up; the image's `os_hash_algo` down), the
 *     same image GET and digest comparison, the same temporary file, 1 MiB `writev` batches and
 *     rename. SDK/floor is the SDK's own overhead; SDK/curl is what the issue targets.
 *   - `… hash: worker threads vs main thread`: the SDK with `createWorkerHashFactory()` against
 *     the SDK with `nodeHashFactory` (ratio < 1: the workers are faster), which decides the
 *     default; `upload … hash: 2 workers vs 1` whether md5 and sha512 gain from separate threads.
 * - Baseline of the curl rows: `curl -T file` (PUT …/file) and `curl -o file` (GET …/file).
 * - Upload rounds get a fresh image created by the parent (the same code on both sides).
 * - The measure is a throughput ratio, SDK/curl = curl time / SDK time (targets ≥ 0.95
 *   upload, ≥ 0.90 download); the runner's table shows time ratios (SDK/curl ≤ 1/target), the
 *   note shows the throughput ratio of the same medians with PASS/MISS. Rounds alternate sides.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { createWriteStream, promises as fs } from "node:fs";
import { createRequire } from "node:module";
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
/** undici as the node package resolves it, for the floor child. */
const UNDICI_URL = pathToFileURL(createRequire(import.meta.url).resolve("undici")).href;
// Images of another project than PROJECT_A, whose listing the images cases count.
const HEADERS = trustedAuthHeaders({ project: PROJECT_B });

/** How a child hashes: the client's default, node:crypto on the main thread, worker threads, or the hand-written floor. */
type Mode = "default" | "main" | "worker1" | "worker2" | "floor";

interface ChildCommand {
  readonly op: "upload" | "download";
  readonly imageId: string;
  readonly path: string;
  readonly verify: boolean;
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
const mode = process.env.DATA_BENCH_MODE;
const base = process.env.GLANCE_URL;
const headers = JSON.parse(process.env.DATA_BENCH_HEADERS);
const rss = () => ({ rssMb: process.memoryUsage.rss() / 1048576, maxRssMb: process.resourceUsage().maxRSS / 1024 });
let work;
if (mode === "floor") {
  // The same job by hand: raw undici, node:crypto on this thread, the same GET/compare and file handling.
  const { Agent } = await import(process.env.DATA_BENCH_UNDICI);
  const { createHash, randomBytes } = await import("node:crypto");
  const { createReadStream, promises: fs } = await import("node:fs");
  const { dirname, basename, join } = await import("node:path");
  const agent = new Agent({ connections: 16, keepAliveTimeout: 30000 });
  const origin = new URL(base).origin;
  const call = async (method, path, extra = {}) => agent.request({ origin, path: new URL(base + path).pathname, method, headers: { ...headers, ...(extra.headers || {}) }, body: extra.body ?? null });
  const image = async (id) => { const r = await call("GET", "/v2/images/" + id); if (r.statusCode !== 200) throw new Error("GET image " + r.statusCode); return r.body.json(); };
  work = async ({ op, imageId, path }) => {
    if (op === "upload") {
      const size = (await fs.stat(path)).size;
      const md5 = createHash("md5"), sha = createHash("sha512");
      async function* body() { for await (const c of createReadStream(path, { highWaterMark: 1048576 })) { md5.update(c); sha.update(c); yield c; } }
      const r = await call("PUT", "/v2/images/" + imageId + "/file", { headers: { "content-type": "application/octet-stream", "x-openstack-image-size": String(size) }, body: body() });
      await r.body.dump();
      if (r.statusCode !== 204) throw new Error("PUT " + r.statusCode);
      const img = await image(imageId);
      if (img.checksum !== md5.digest("hex") || img.os_hash_value !== sha.digest("hex")) throw new Error("floor upload: mismatch");
      return { verified: "os_hash" };
    }
    const img = await image(imageId);
    const hash = createHash(img.os_hash_algo);
    const tmp = join(dirname(path), "." + basename(path) + "." + randomBytes(6).toString("hex") + ".partial");
    const r = await call("GET", "/v2/images/" + imageId + "/file");
    if (r.statusCode !== 200) throw new Error("GET file " + r.statusCode);
    const file = await fs.open(tmp, "w");
    let batch = [], bytes = 0, at = 0, inFlight = Promise.resolve();
    const flush = async () => { if (!bytes) return; const b = batch, n = bytes, p = at; batch = []; bytes = 0; at += n; await inFlight; inFlight = file.writev(b, p); };
    try {
      for await (const c of r.body) { hash.update(c); batch.push(c); bytes += c.length; if (bytes >= 1048576) await flush(); }
      await flush(); await inFlight;
    } finally { await file.close(); }
    if (hash.digest("hex") !== img.os_hash_value) throw new Error("floor download: mismatch");
    await fs.rename(tmp, path);
    return { verified: "os_hash" };
  };
} else {
  const sdk = await import(process.env.DATA_BENCH_DIST);
  const hashFactory = mode === "main" ? sdk.nodeHashFactory : mode === "worker1" ? sdk.createWorkerHashFactory({ workers: 1 }) : mode === "worker2" ? sdk.createWorkerHashFactory({ workers: 2 }) : undefined;
  const client = sdk.createClient({ endpoint: base, headers, ...(hashFactory ? { hashFactory } : {}) });
  work = ({ op, imageId, path, verify }) => op === "upload" ? client.data.upload(imageId, path, { verify }) : client.data.downloadToFile(imageId, path, { verify });
}
process.on("message", (command) => {
  work(command).then(
    (r) => process.send({ ok: true, verified: r.verified, ...rss() }),
    (error) => process.send({ ok: false, error: String(error && error.stack || error), ...rss() }),
  );
});
process.on("disconnect", () => process.exit(0));
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

  constructor(glanceUrl: string, mode: Mode) {
    this.#proc = spawn(process.execPath, ["--expose-gc", "--input-type=module", "--eval", CHILD_SOURCE], {
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        GLANCE_URL: glanceUrl,
        DATA_BENCH_MODE: mode,
        DATA_BENCH_DIST: DIST_URL,
        DATA_BENCH_UNDICI: UNDICI_URL,
        DATA_BENCH_HEADERS: JSON.stringify(HEADERS),
      },
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
    await this.ready;
    const answer = await new Promise<ChildAnswer>((resolve) => {
      this.#pending = resolve;
      this.#proc.send(command);
    });
    if (!answer.ok) throw new Error(`SDK child: ${answer.error}`);
    const want = command.verify ? "os_hash" : "none";
    if (answer.verified !== want) throw new Error(`SDK child: verified ${answer.verified}, expected ${want}`);
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
  const image = await glance.images.create({ name: "bench-data", disk_format: "raw", container_format: "bare" });
  images.push(image.id);
  return image.id;
}

/**
 * Each side's own wall time per call (the same span the runner times, minus `after`), to
 * report the throughput ratio: median baseline time / median SDK time.
 */
class Timings {
  readonly sdk: number[] = [];
  readonly base: number[] = [];

  time(side: "sdk" | "base", work: () => Promise<void>, after?: () => Promise<void>): () => Promise<void> {
    return async () => {
      const t0 = performance.now();
      await work();
      this[side].push(performance.now() - t0);
      await after?.();
    };
  }
}

/** `throughput SDK/curl 0.93 (target ≥ 0.90: PASS; …)`: the warm-up calls left out. */
function throughputNote(t: Timings, versus: string, target?: number): string {
  const n = Math.min(t.sdk.length, t.base.length);
  if (n === 0) return "not run";
  // The runner does 1 warm-up round per side first; leave it out when there are more.
  const skip = n > 1 ? 1 : 0;
  const base = median(t.base.slice(skip));
  const sdk = median(t.sdk.slice(skip));
  const ratio = base / sdk;
  const verdict = target === undefined ? "" : ` (target ≥ ${target.toFixed(2)}: ${ratio >= target ? "PASS" : "MISS"})`;
  return `throughput SDK/${versus} ${ratio.toFixed(3)}${verdict}; median ${versus} ${(base / 1000).toFixed(2)} s, SDK ${(sdk / 1000).toFixed(2)} s`;
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
      // One child per hashing mode, started on first use (a case left out by --only starts none).
      const modeChildren = new Map<Mode, Child>();
      const child = (mode: Mode): Child => {
        let c = modeChildren.get(mode);
        if (!c) {
          c = new Child(context.glanceUrl, mode);
          children.push(c);
          modeChildren.set(mode, c);
        }
        return c;
      };
      const fileUrl = (id: string): string => `${context.glanceUrl}/v2/images/${id}/file`;
      const rssNote = (mode: Mode): string => {
        const c = modeChildren.get(mode);
        return c
          ? `SDK child (${mode} hashing, built package, plain node) RSS idle ${c.idleRssMb.toFixed(0)} MB, peak ${c.maxRssMb.toFixed(0)} MB over its ${label} transfers (target ≤ 100)`
          : "";
      };

      // A downloadable image of this size, uploaded once.
      const image = await glance.images.create({ name: `bench-data-dl-${label}`, disk_format: "raw", container_format: "bare" });
      await glance.data.upload(image.id, source);
      const downloadId = image.id;
      downloadImages.push(downloadId);
      const target = join(dir, `download-${size}.img`);
      const removeTarget = (): Promise<void> => fs.rm(target, { force: true });

      const upload = (mode: Mode, verify: boolean) => async (): Promise<void> => {
        const id = await freshImage(glance);
        await child(mode).do({ op: "upload", imageId: id, path: source, verify });
      };
      const download = (mode: Mode, verify: boolean) => async (): Promise<void> => {
        await child(mode).do({ op: "download", imageId: downloadId, path: target, verify });
      };
      const curlUp = async (): Promise<void> => {
        const id = await freshImage(glance);
        await run("curl", ["-sS", "--fail", "-X", "PUT", "-T", source, ...curlHeaders(), "-H", "content-type: application/octet-stream", fileUrl(id)]);
      };
      const curlDown = async (): Promise<void> => {
        await run("curl", ["-sS", "--fail", "-o", target, ...curlHeaders(), fileUrl(downloadId)]);
      };

      /** A case whose note gives the throughput ratio of the same medians (and RSS of the SDK side's child). */
      const versus = (
        name: string,
        options: { versus: string; target: number; throughputTarget?: number; rounds: number; sdkMode: Mode; rss?: Mode[] },
        sdk: () => Promise<void>,
        baseline: () => Promise<void>,
        after?: () => Promise<void>,
      ): BenchCase => {
        const t = new Timings();
        return {
          name,
          target: options.target,
          warmup: 1,
          rounds: options.rounds,
          get note() {
            return [throughputNote(t, options.versus, options.throughputTarget), ...(options.rss ?? [options.sdkMode]).map(rssNote)].filter(Boolean).join("; ");
          },
          sdk: t.time("sdk", sdk, after),
          baseline: t.time("base", baseline, after),
        };
      };

      // Even round counts: each side runs first in as many rounds as second. Back-to-back 1 GiB
      // file writes and removals (ext4 with discard) make every other transfer slower, which an
      // odd count would hand to one side.
      const upRounds = 4;
      const downRounds = 6;
      cases.push(
        versus(`upload ${label} (verify on) vs curl -T`, { versus: "curl", target: 1 / 0.95, throughputTarget: 0.95, rounds: upRounds, sdkMode: "default" }, upload("default", true), curlUp),
        versus(`upload ${label} (verify off) vs curl -T`, { versus: "curl", target: 1 / 0.95, rounds: upRounds, sdkMode: "default" }, upload("default", false), curlUp),
        versus(`upload ${label} (verify on) vs floor`, { versus: "floor", target: 1.1, rounds: upRounds, sdkMode: "default", rss: ["default"] }, upload("default", true), upload("floor", true)),
        versus(`upload ${label} hash: worker threads vs main thread`, { versus: "main-thread", target: 1, rounds: upRounds, sdkMode: "worker2", rss: ["worker2", "main"] }, upload("worker2", true), upload("main", true)),
        versus(`upload ${label} hash: 2 workers vs 1`, { versus: "1-worker", target: 1, rounds: upRounds, sdkMode: "worker2", rss: ["worker2", "worker1"] }, upload("worker2", true), upload("worker1", true)),
        versus(`download ${label} to file (verify on) vs curl -o`, { versus: "curl", target: 1 / 0.9, throughputTarget: 0.9, rounds: downRounds, sdkMode: "default" }, download("default", true), curlDown, removeTarget),
        versus(`download ${label} to file (verify off) vs curl -o`, { versus: "curl", target: 1 / 0.9, rounds: downRounds, sdkMode: "default" }, download("default", false), curlDown, removeTarget),
        versus(`download ${label} to file (verify on) vs floor`, { versus: "floor", target: 1.1, rounds: downRounds, sdkMode: "default" }, download("default", true), download("floor", true), removeTarget),
        versus(`download ${label} hash: worker threads vs main thread`, { versus: "main-thread", target: 1, rounds: downRounds, sdkMode: "worker2", rss: ["worker2", "main"] }, download("worker2", true), download("main", true), removeTarget),
      );
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
