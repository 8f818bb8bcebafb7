/**
 * Image data cases: upload and download of 256 MiB and 1 GiB files, against curl and against
 * a hand-written "floor", all in the same run against the same Glance.
 *
 * - SDK side: long-lived child Node processes doing `client.data.upload` (a path) /
 *   `client.data.downloadToFile`, the default transport (node:http). Children run the BUILT package
 *   (`packages/node/dist`, built by setup through turbo) with plain `node`, not tsx, so their RSS
 *   is the SDK's and Node's, not a TypeScript loader's. Commands go over IPC, so a round's wall
 *   time holds no process start-up. One child per size and hashing mode (the client's default;
 *   node:crypto on the main thread; worker threads, 1 or 2), so each child's RSS is its mode's.
 * - Rows per size (Glance's time is in every row):
 *   - `… (verify on) vs curl -T` / `-o`: the issue's target (default hashing; md5 + sha512 while
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
 * - The issue's measure is a throughput ratio, SDK/curl = curl time / SDK time (targets ≥ 0.95
 *   upload, ≥ 0.90 download); the runner's table shows time ratios (SDK/curl ≤ 1/target), the
 *   note shows the throughput ratio of the same medians with PASS/MISS. Rounds alternate sides.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { createWriteStream, promises as fs } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { createClient, defaultHashWorkers, type NodeImageClient } from "../src/index.js";
import { performance } from "node:perf_hooks";
import { buildDist, selected } from "./build-dist.js";
import { hasOpenstacksdk, openstacksdk } from "./peers.js";
import { median, type BenchCase, type BenchContext, type BenchModule } from "./stats.js";

const MiB = 1024 * 1024;
const SIZES = [256 * MiB, 1024 * MiB, 4096 * MiB] as const;
/** Sizes with every row; the largest only shows that memory stays flat (one download row). */
const FULL_ROWS_UP_TO = 1024 * MiB;
const run = promisify(execFile);
/** The built package the SDK child imports. */
const DIST_URL = pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url))).href;
/** undici as the node package resolves it, for the floor child. */
const UNDICI_URL = pathToFileURL(createRequire(import.meta.url).resolve("undici")).href;
// Images of another project than PROJECT_A, whose listing the images cases count.
const HEADERS = trustedAuthHeaders({ project: PROJECT_B });

/** How a child hashes: the client's default, node:crypto on the main thread, worker threads, or the hand-written floor. */
type Mode = "default" | "main" | "worker1" | "worker2" | "floor" | "sha";

interface ChildCommand {
  readonly op: "upload" | "download" | "hash";
  readonly imageId?: string;
  readonly path: string;
  readonly verify?: boolean;
  /** For `hash`: the algorithm. */
  readonly algorithm?: string;
}
interface ChildAnswer {
  readonly ok: boolean;
  readonly error?: string;
  readonly verified?: string;
  /** For `hash`: the hash's own time (ms). */
  readonly ms?: number;
  /** CPU time (user + system, all threads) the child spent on the command (ms). */
  readonly cpuMs?: number;
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
if (mode === "sha") {
  // node:crypto over the same bytes held in memory: the hash's own speed, the verified download's floor.
  const { createHash } = await import("node:crypto");
  const { readFileSync } = await import("node:fs");
  let bytes, loaded;
  work = async ({ path, algorithm }) => {
    if (loaded !== path) { bytes = undefined; globalThis.gc?.(); bytes = readFileSync(path); loaded = path; }
    const t0 = performance.now();
    createHash(algorithm).update(bytes).digest("hex");
    return { ms: performance.now() - t0 };
  };
} else if (mode === "floor") {
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
  const cpu0 = process.cpuUsage();
  work(command).then(
    (r) => { const cpu = process.cpuUsage(cpu0); process.send({ ok: true, verified: r.verified, ms: r.ms, cpuMs: (cpu.user + cpu.system) / 1000, ...rss() }); },
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
    if (command.op === "hash") return answer;
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

/**
 * CPU time the whole machine has been busy (ms; every core's user, nice, system, irq, softirq and
 * steal time from /proc/stat): Glance, the kernel's network and page-cache work and the client
 * alike. Undefined where there is no /proc/stat.
 */
async function machineBusyMs(): Promise<number | undefined> {
  const stat = await fs.readFile("/proc/stat", "utf8").catch(() => undefined);
  const fields = stat?.split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 8) return undefined;
  const [user, nice, system, , , irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  // USER_HZ is 100 on Linux: a tick is 10 ms.
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** Runs `work` and returns its result with the machine's busy CPU time meanwhile (ms; undefined without /proc/stat). */
async function busyDuring<T>(work: () => Promise<T>): Promise<{ result: T; busyMs: number | undefined }> {
  const before = await machineBusyMs();
  const result = await work();
  const after = await machineBusyMs();
  return { result, busyMs: before === undefined || after === undefined ? undefined : after - before };
}

/** Per round of a side: its wall time, the machine's busy CPU time, and the SDK child's own CPU time (ms). */
interface CpuRound {
  readonly wallMs: number;
  readonly busyMs: number;
  readonly childMs: number;
}

/**
 * What the SDK's verified download costs the machine, from its rounds: the CPU time all cores
 * were busy per round, the SDK child's share, and the bound it sets. Work of B CPU-seconds on C
 * cores takes at least B / C seconds, and the hash at least its own time: max(sha512, B / C) is
 * the fastest any client doing this work could finish here, so SDK / bound is how well the SDK
 * overlaps it, apart from how much work there is. curl's rounds with the hash's time added are
 * the same job's work done by curl and the hash alone, to compare the SDK round's with.
 */
function cpuNote(rounds: readonly CpuRound[], curlBusyMs: readonly number[], shaMs: readonly number[], cores: number): string {
  const timed = rounds.slice(rounds.length > 1 ? 1 : 0);
  if (timed.length === 0 || shaMs.length === 0) return "";
  const curl = curlBusyMs.length > 1 ? median(curlBusyMs.slice(1)) : undefined;
  const busy = median(timed.map((r) => r.busyMs));
  const child = median(timed.map((r) => r.childMs));
  const wall = median(timed.map((r) => r.wallMs));
  const bound = Math.max(median(shaMs), busy / cores);
  const each = timed.map((r) => `${(r.wallMs / 1000).toFixed(2)}/${(r.childMs / 1000).toFixed(2)}`).join(" ");
  return `SDK rounds, each (wall s / the SDK child's CPU-s): ${each}; SDK rounds (median): the machine busy ${(busy / 1000).toFixed(2)} CPU-s of ${((cores * wall) / 1000).toFixed(2)} (${cores} cores × ${(wall / 1000).toFixed(2)} s: ${((100 * busy) / (cores * wall)).toFixed(0)} %), of which the SDK child ${(child / 1000).toFixed(2)} and the rest (Glance, the kernel's network work) ${((busy - child) / 1000).toFixed(2)}; bound max(sha512, CPU-s / cores) ${(bound / 1000).toFixed(2)} s, SDK / bound ${(wall / bound).toFixed(3)}${curl === undefined ? "" : `; curl -o rounds: the machine busy ${(curl / 1000).toFixed(2)} CPU-s (+ sha512 ${(median(shaMs) / 1000).toFixed(2)} = ${((curl + median(shaMs)) / 1000).toFixed(2)}, the work of curl and the hash together)`}`;
}

/**
 * `curl -o` and the in-memory sha512 run at once and apart (median wall time of both, warm-up
 * left out) against the row's baseline and the SDK: the work of a verified download overlapped
 * as well as two independent programs manage on this machine, with no hand-off between them.
 */
function togetherNote(togetherMs: readonly number[], t: Timings): string {
  const skip = togetherMs.length > 1 ? 1 : 0;
  if (Math.min(togetherMs.length, t.sdk.length, t.base.length) <= skip) return "";
  const together = median(togetherMs.slice(skip));
  const base = median(t.base.slice(skip));
  const sdk = median(t.sdk.slice(skip));
  return `curl -o and sha512 at once, apart (the same work overlapped with no hand-off): ${(together / 1000).toFixed(2)} s, ${(together / base).toFixed(3)} × max(curl, sha512); SDK / that ${(sdk / together).toFixed(3)}`;
}

let client: NodeImageClient | undefined;
const children: Child[] = [];
/** Upload hash threads the SDK starts by default on this machine (1 or 2): the `upTwo` row checks that choice against the other. */
const HASH_WORKERS = defaultHashWorkers();
/** The child running worker hashes with that default count, and the one with the other count. */
const DEFAULT_WORKERS: Mode = HASH_WORKERS === 1 ? "worker1" : "worker2";
const OTHER_WORKERS: Mode = HASH_WORKERS === 1 ? "worker2" : "worker1";
/** Peak RSS target of a transfer (MB), whatever its size. */
const RSS_TARGET_MB = 90;
/** Per size label, the peak RSS (MB) of the child running the default settings. */
export const peakBySize = new Map<string, () => number | undefined>();
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
 * report the issue's throughput ratio: median baseline time / median SDK time.
 */
class Timings {
  readonly sdk: number[] = [];
  readonly base: number[] = [];

  time(side: "sdk" | "base", work: () => Promise<void | number>, after?: () => Promise<void>): () => Promise<number> {
    return async () => {
      const t0 = performance.now();
      const own = await work();
      const ms = typeof own === "number" ? own : performance.now() - t0;
      this[side].push(ms);
      await after?.();
      return ms;
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

const dataBench: BenchModule = {
  name: "data",
  async setup(context: BenchContext): Promise<readonly BenchCase[]> {
    await buildDist(context.log);
    const glance = (client = createClient({ endpoint: context.glanceUrl, headers: HEADERS }));
    dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-bench-data-"));
    const cases: BenchCase[] = [];
    const peer = await hasOpenstacksdk();
    if (!peer) context.log("data: openstacksdk (Debian python3-openstacksdk) not found: its peer row is left out");
    for (const size of SIZES) {
      const label = size >= 1024 * MiB ? `${size / 1024 / MiB} GiB` : `${size / MiB} MiB`;
      const full = size <= FULL_ROWS_UP_TO;
      // Names first: a size none of whose cases is selected (--only) costs nothing.
      const names = {
        // Above 1 GiB only this row runs (memory flat?), against curl: the bytes are not held in memory to hash them.
        downVerified: full ? `download ${label} to file (verify on) vs max(curl -o, sha512 in memory)` : `download ${label} to file (verify on) vs curl -o`,
        upVerified: `upload ${label} (verify on) vs curl -T`,
        upOff: `upload ${label} (verify off) vs curl -T`,
        upFloor: `upload ${label} (verify on) vs floor`,
        upWorkers: `upload ${label} hash: worker threads vs main thread`,
        upTwo: `upload ${label} hash: ${HASH_WORKERS} worker${HASH_WORKERS === 1 ? "" : "s"} (the default on ${availableParallelism()} cores) vs ${3 - HASH_WORKERS}`,
        downOff: `download ${label} to file (verify off) vs curl -o`,
        downFloor: `download ${label} to file (verify on) vs floor`,
        downWorkers: `download ${label} hash: worker threads vs main thread`,
        downPeer: `download ${label} to file (verify on) vs openstacksdk download_image(stream=True, output=path)`,
      };
      const wanted = (Object.entries(names) as [keyof typeof names, string][]).filter(([key, name]) => (full || key === "downVerified") && (key !== "downPeer" || peer) && selected(context.options.only, name));
      if (wanted.length === 0) continue;
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
          ? `SDK child (${mode} hashing, built package, plain node) RSS idle ${c.idleRssMb.toFixed(0)} MB, peak ${c.maxRssMb.toFixed(0)} MB over its ${label} transfers (target ≤ ${RSS_TARGET_MB})`
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
      // The verified download's rounds with what they cost the machine (see cpuNote).
      const cpuRounds: CpuRound[] = [];
      const downloadCounted = async (): Promise<number> => {
        const { result, busyMs } = await busyDuring(async () => {
          const t0 = performance.now();
          const answer = await child("default").do({ op: "download", imageId: downloadId, path: target, verify: true });
          return { answer, wallMs: performance.now() - t0 };
        });
        if (busyMs !== undefined) cpuRounds.push({ wallMs: result.wallMs, busyMs, childMs: result.answer.cpuMs ?? 0 });
        return result.wallMs;
      };
      const curlUp = async (): Promise<void> => {
        const id = await freshImage(glance);
        await run("curl", ["-sS", "--fail", "-X", "PUT", "-T", source, ...curlHeaders(), "-H", "content-type: application/octet-stream", fileUrl(id)]);
      };
      const curlDown = async (): Promise<number> => {
        const t0 = performance.now();
        await run("curl", ["-sS", "--fail", "-o", target, ...curlHeaders(), fileUrl(downloadId)]);
        return performance.now() - t0;
      };
      // The verified download's floor: whichever is slower of moving the bytes (curl) and hashing them (sha512 in memory).
      const shaMs: number[] = [];
      const curlBusyMs: number[] = [];
      // Then both at once, each on its own (curl writing its file while the sha child hashes
      // its copy in memory): the same work overlapped by two programs with nothing coupling
      // them, to show how close to the baseline this machine lets any client come (a note, not
      // the baseline).
      const togetherMs: number[] = [];
      const hashInMemory = async (): Promise<number> => (await child("sha").do({ op: "hash", path: source, algorithm: "sha512" })).ms!;
      const curlOrHash = async (): Promise<number> => {
        const { result: curl, busyMs } = await busyDuring(curlDown);
        if (busyMs !== undefined) curlBusyMs.push(busyMs);
        const hash = await hashInMemory();
        shaMs.push(hash);
        await removeTarget();
        const t0 = performance.now();
        await Promise.all([curlDown(), hashInMemory()]);
        togetherMs.push(performance.now() - t0);
        return Math.max(curl, hash);
      };
      const peerRss: number[] = [];
      const peerDown = async (): Promise<number> => {
        const result = await openstacksdk(context.glanceUrl, HEADERS, ["download", downloadId, target]);
        if (result.bytes !== size) throw new Error(`openstacksdk downloaded ${result.bytes} bytes, expected ${size}`);
        peerRss.push(result.maxRssMb);
        return result.ms;
      };

      /** A case whose note gives the throughput ratio of the same medians (and RSS of the SDK side's child). */
      const versus = (
        name: string,
        options: { versus: string; target: number; throughputTarget?: number; rounds: number; sdkMode: Mode; rss?: Mode[]; extra?: (timings: Timings) => string },
        sdk: () => Promise<void | number>,
        baseline: () => Promise<void | number>,
        after?: () => Promise<void>,
      ): BenchCase => {
        const t = new Timings();
        return {
          name,
          target: options.target,
          // Each case starts from a flushed disk: the write-back of the previous cases' gigabytes
          // (uploads Glance stored, downloads written) would otherwise run during its rounds and
          // slow file writes and the hash alike.
          before: async () => {
            await run("sync", []);
          },
          warmup: 1,
          rounds: options.rounds,
          get note() {
            return [throughputNote(t, options.versus, options.throughputTarget), options.extra?.(t) ?? "", ...(options.rss ?? [options.sdkMode]).map(rssNote)].filter(Boolean).join("; ");
          },
          sdk: t.time("sdk", sdk, after),
          baseline: t.time("base", baseline, after),
        };
      };

      // Even round counts: each side runs first in as many rounds as second. Back-to-back 1 GiB
      // file writes and removals (ext4 with discard) make every other transfer slower, which an
      // odd count would hand to one side.
      const upRounds = 4;
      const downRounds = full ? 6 : 2;
      const all: Record<keyof typeof names, () => BenchCase> = {
        downVerified: () =>
          versus(names.downVerified, {
            versus: full ? "max(curl,sha512)" : "curl",
            target: full ? 1.2 : 1 / 0.9,
            rounds: downRounds,
            sdkMode: "default",
            extra: (t) =>
              [
                shaMs.length ? `sha512 of the ${label} in memory ${(median(shaMs) / 1000).toFixed(2)} s (median)` : "",
                full ? togetherNote(togetherMs, t) : "",
                full ? cpuNote(cpuRounds, curlBusyMs, shaMs, availableParallelism()) : "",
              ]
                .filter(Boolean)
                .join("; "),
          }, full ? downloadCounted : download("default", true), full ? curlOrHash : curlDown, removeTarget),
        upVerified: () => versus(names.upVerified, { versus: "curl", target: 1 / 0.97, throughputTarget: 0.97, rounds: upRounds, sdkMode: "default" }, upload("default", true), curlUp),
        upOff: () => versus(names.upOff, { versus: "curl", target: 1 / 0.97, rounds: upRounds, sdkMode: "default" }, upload("default", false), curlUp),
        upFloor: () => versus(names.upFloor, { versus: "floor", target: 1.1, rounds: upRounds, sdkMode: "default", rss: ["default"] }, upload("default", true), upload("floor", true)),
        upWorkers: () => versus(names.upWorkers, { versus: "main-thread", target: 1, rounds: upRounds, sdkMode: DEFAULT_WORKERS, rss: [DEFAULT_WORKERS, "main"] }, upload(DEFAULT_WORKERS, true), upload("main", true)),
        upTwo: () => versus(names.upTwo, { versus: `${3 - HASH_WORKERS}-worker`, target: 1, rounds: upRounds, sdkMode: DEFAULT_WORKERS, rss: [DEFAULT_WORKERS, OTHER_WORKERS] }, upload(DEFAULT_WORKERS, true), upload(OTHER_WORKERS, true)),
        downOff: () => versus(names.downOff, { versus: "curl", target: 1 / 0.9, throughputTarget: 0.9, rounds: downRounds, sdkMode: "default" }, download("default", false), curlDown, removeTarget),
        downFloor: () => versus(names.downFloor, { versus: "floor", target: 1.1, rounds: downRounds, sdkMode: "default" }, download("default", true), download("floor", true), removeTarget),
        downWorkers: () => versus(names.downWorkers, { versus: "main-thread", target: 1, rounds: downRounds, sdkMode: DEFAULT_WORKERS, rss: [DEFAULT_WORKERS, "main"] }, download(DEFAULT_WORKERS, true), download("main", true), removeTarget),
        downPeer: () =>
          versus(names.downPeer, {
            versus: "openstacksdk",
            target: 1,
            rounds: downRounds,
            sdkMode: "default",
            extra: () => (peerRss.length ? `openstacksdk 0.101 (md5 verified as it writes, 1 MiB chunks) peak RSS ${median(peerRss).toFixed(0)} MB` : ""),
          }, download("default", true), peerDown, removeTarget),
      };
      for (const [key] of wanted) cases.push(all[key]());
      peakBySize.set(label, () => modeChildren.get("default")?.maxRssMb);
    }
    // Setup wrote the source files and Glance stored their images (up to 2 × 5.3 GiB): left
    // dirty in the page cache, their write-back to disk would run during the first rows and
    // throttle every file write then (the SDK's and curl's downloads) but not the in-memory
    // sha512 of the verified rows' baseline. Flushed first, every row starts from a quiet disk.
    context.log("data: flushing setup's writes to disk (sync)");
    await run("sync", []);
    return cases;
  },
  summary() {
    // The memory row: the default child's peak at every size side by side (flat = bounded).
    const sizes = [...peakBySize].map(([label, peak]) => [label, peak()] as const).filter(([, peak]) => peak !== undefined && peak > 0);
    if (sizes.length === 0) return undefined;
    const worst = Math.max(...sizes.map(([, peak]) => peak!));
    return `peak RSS of the SDK child (default settings) by size: ${sizes.map(([label, peak]) => `${label} ${peak!.toFixed(0)} MB`).join(", ")} (target ≤ ${RSS_TARGET_MB} at every size: ${worst <= RSS_TARGET_MB ? "PASS" : "MISS"})`;
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
