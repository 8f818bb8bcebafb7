/**
 * Image data cases: upload and download of 256 MiB and 1 GiB files, SDK vs curl.
 *
 * - SDK side: a long-lived child Node process per size (this file, run with
 *   `DATA_BENCH_CHILD=1`) doing `client.files.uploadFile` / `client.files.downloadToFile`
 *   with verification ON (md5 + sha512 while uploading, sha512 while downloading, node:crypto),
 *   undici transport. Commands go over IPC, so a round's wall time holds no process start-up,
 *   and the child's peak RSS (`maxRSS`) is the SDK's own, shown in the note.
 * - Baseline: `curl -T file` (PUT …/file) and `curl -o file` (GET …/file), same headers.
 * - Both sides get a fresh image created by the parent (same code, timed on both sides alike).
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { createWriteStream, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { createClient, type NodeImageClient } from "../src/index.js";
import type { BenchCase, BenchContext, BenchModule } from "./stats.js";

const MiB = 1024 * 1024;
const SIZES = [256 * MiB, 1024 * MiB] as const;
const run = promisify(execFile);
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
  readonly maxRssMb: number;
}

// ------------------------------------------------------------------------------------------
// Child side
// ------------------------------------------------------------------------------------------
if (process.env.DATA_BENCH_CHILD === "1") {
  const client = createClient({ endpoint: process.env.GLANCE_URL!, headers: HEADERS });
  process.on("message", (command: ChildCommand) => {
    const work =
      command.op === "upload"
        ? client.files.uploadFile(command.imageId, command.path).then((r) => r.verified)
        : client.files.downloadToFile(command.imageId, command.path).then((r) => r.verified);
    work.then(
      (verified) => process.send?.({ ok: true, verified, maxRssMb: process.resourceUsage().maxRSS / 1024 } satisfies ChildAnswer),
      (error: unknown) => process.send?.({ ok: false, error: String(error), maxRssMb: process.resourceUsage().maxRSS / 1024 } satisfies ChildAnswer),
    );
  });
  process.on("disconnect", () => void client.close().finally(() => process.exit(0)));
  process.send?.({ ok: true, maxRssMb: process.resourceUsage().maxRSS / 1024 } satisfies ChildAnswer);
}

// ------------------------------------------------------------------------------------------
// Parent side
// ------------------------------------------------------------------------------------------
class Child {
  readonly #proc: ChildProcess;
  #pending: ((answer: ChildAnswer) => void) | undefined;
  /** Peak RSS of the child so far (MB). */
  maxRssMb = 0;
  /** RSS right after start-up, before any transfer (MB). */
  idleRssMb = 0;
  readonly ready: Promise<void>;

  constructor(glanceUrl: string) {
    this.#proc = spawn(process.execPath, ["--import", "tsx", "--conditions=@cloud-images/source", fileURLToPath(import.meta.url)], {
      env: { ...process.env, DATA_BENCH_CHILD: "1", GLANCE_URL: glanceUrl },
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
        this.idleRssMb = answer.maxRssMb;
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

const dataBench: BenchModule = {
  name: "data",
  async setup(context: BenchContext): Promise<readonly BenchCase[]> {
    const glance = (client = createClient({ endpoint: context.glanceUrl, headers: HEADERS }));
    dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-bench-data-"));
    const cases: BenchCase[] = [];
    for (const size of SIZES) {
      const label = size >= 1024 * MiB ? `${size / 1024 / MiB} GiB` : `${size / MiB} MiB`;
      const source = join(dir, `source-${size}.img`);
      context.log(`data: writing ${label} source file`);
      await writeFile(source, size);
      const child = new Child(context.glanceUrl);
      children.push(child);
      await child.ready;
      const fileUrl = (id: string): string => `${context.glanceUrl}/v2/images/${id}/file`;

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
          return `ratio ≤ ${(1 / 0.95).toFixed(3)} means throughput ≥ 0.95 × curl; SDK child peak RSS ${child.maxRssMb.toFixed(0)} MB (idle ${child.idleRssMb.toFixed(0)} MB, target ≤ 100)`;
        },
        async sdk() {
          const id = await freshImage(glance);
          await child.do({ op: "upload", imageId: id, path: source });
        },
        async baseline() {
          const id = await freshImage(glance);
          await run("curl", ["-sS", "--fail", "-X", "PUT", "-T", source, ...curlHeaders(), "-H", "content-type: application/octet-stream", fileUrl(id)]);
        },
      });
      cases.push({
        name: `download ${label} to file (verify on) vs curl -o`,
        target: 1 / 0.9,
        warmup: 1,
        rounds: 3,
        get note() {
          return `ratio ≤ ${(1 / 0.9).toFixed(3)} means throughput ≥ 0.90 × curl; SDK child peak RSS ${child.maxRssMb.toFixed(0)} MB (idle ${child.idleRssMb.toFixed(0)} MB, target ≤ 100)`;
        },
        async sdk() {
          await child.do({ op: "download", imageId: downloadId, path: target });
          await fs.rm(target, { force: true });
        },
        async baseline() {
          await run("curl", ["-sS", "--fail", "-o", target, ...curlHeaders(), fileUrl(downloadId)]);
          await fs.rm(target, { force: true });
        },
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
