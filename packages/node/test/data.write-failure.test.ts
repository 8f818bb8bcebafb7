import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

// A download whose file writes fail part-way (a full disk, a quota, a file-size limit): the
// child (support/download-to-full-disk.ts) runs under `ulimit -f`, so the kernel refuses
// writes past 3 MiB of an 8 MiB image with EFBIG, as it would for a full disk with ENOSPC.
const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("./support/download-to-full-disk.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
const IMAGE_BYTES = 8 * 1024 * 1024;
const LIMIT_KIB = 3 * 1024;

interface ChildReport {
  readonly error?: { readonly name: string; readonly code?: string };
  readonly files: readonly { readonly name: string; readonly size: number; readonly head: boolean }[];
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function downloadUnderLimit(resume: boolean): Promise<ChildReport> {
  dir = mkdtempSync(join(tmpdir(), "cloud-images-write-failure-"));
  const command = `ulimit -f ${LIMIT_KIB} && exec "$0" --import "$1" --conditions=@cloud-images/source "$2"`;
  const { stdout } = await run("bash", ["-c", command, process.execPath, TSX, CHILD], {
    env: { ...process.env, IMAGE_BYTES: String(IMAGE_BYTES), DIR: dir, RESUME: resume ? "1" : "0" },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as ChildReport;
}

describe("downloadToFile when the file cannot be written", () => {
  it("throws the write's error and leaves no file behind, neither the target nor a temporary one", async () => {
    const report = await downloadUnderLimit(false);
    expect(report.error).toEqual({ name: "Error", code: "EFBIG" });
    expect(report.files).toEqual([]);
  });

  it("with resume: true, keeps only the .partial, holding the image's first bytes in order, to continue from", async () => {
    const report = await downloadUnderLimit(true);
    expect(report.error).toEqual({ name: "Error", code: "EFBIG" });
    expect(report.files).toHaveLength(1);
    const [partial] = report.files;
    expect(partial!.name).toBe("big.img.partial");
    expect(partial!.head).toBe(true);
    expect(partial!.size).toBeGreaterThan(0);
    expect(partial!.size).toBeLessThanOrEqual(LIMIT_KIB * 1024);
  });
});
