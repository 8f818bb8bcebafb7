import type * as FsPromises from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ChecksumMismatchError, IncompleteDataError, type DownloadOptions, type DownloadResult, type ImageDataApi, type ImageDownload } from "@cloud-images/core";
import { InputChecker, readsIntoCallerBuffers } from "@cloud-images/core/internal";
import { builtins } from "../transport/lazy-require.js";
import { BufferPool } from "./buffer-pool.js";
import { allocateSharedBuffer, whenHashed } from "./shared-buffers.js";

/** `node:fs/promises`, taken on first use (see `builtins`). */
const files = (): typeof FsPromises => builtins.fs().promises;

/** Read size when re-hashing a partial file. */
const READ_CHUNK = 1024 * 1024;
/** Size of one file write on download, and of each buffer the download is read into. */
const BUFFER_BYTES = 1024 * 1024;
/** Buffers a download is read into: one filling, one being written, one waiting its turn (or still being hashed). */
const BUFFERS = 3;
/**
 * The download buffers of the process, reused from one download to the next (two downloads'
 * worth kept each). When the transport reads into them itself (the default `node:http`
 * transport's own-socket downloads) they are shared memory, which a worker-thread hash reads in
 * place; otherwise plain memory, because the chunks copied in from the transport would be copied
 * byte by byte into shared memory (V8, at unequal alignments: ~0.45 s per GiB).
 */
const sharedBuffers = new BufferPool(BUFFER_BYTES, 2 * BUFFERS, allocateSharedBuffer);
const plainBuffers = new BufferPool(BUFFER_BYTES, 2 * BUFFERS);
/** Longest file name, in bytes (Linux, macOS and Windows file systems: 255). */
const NAME_MAX = 255;
/** Longest path, in bytes (Linux `PATH_MAX`, terminating NUL included). */
const PATH_MAX = 4096;
/** What a resumable download adds to the name of its partial file. */
const RESUME_SUFFIX = ".partial";

/** Options of `downloadToFile`. */
export interface DownloadToFileOptions extends Omit<DownloadOptions, "offset" | "prefix"> {
  /**
   * Keep the partial file (`<path>.partial`) when the download fails, and continue it on the
   * next call with `resume: true` (`Range` from its length; its bytes are re-hashed first).
   */
  readonly resume?: boolean | undefined;
}

/**
 * Checks a download's destination before anything is sent: a non-empty path without NUL, not
 * naming a directory (an existing one, or one ending in `/`, `.` or `..`), in an existing
 * directory the process can write to, its name within {@link NAME_MAX} bytes (leaving room for
 * `.partial` with `resume`) and the whole within {@link PATH_MAX}. Leading `..` segments are the
 * caller's to choose and are allowed. Records the problems in `check`; returns the absolute path.
 */
export async function checkDestination(check: InputChecker, path: unknown, resume: boolean): Promise<string | undefined> {
  if (typeof path !== "string" || path === "") {
    check.fail(["path"], typeof path === "string" ? "must not be empty" : `must be a file path, got ${typeof path}`);
    return undefined;
  }
  if (path.includes("\0")) {
    check.fail(["path"], "cannot contain NUL");
    return undefined;
  }
  const last = path.split(/[\\/]/).at(-1) ?? "";
  if (last === "" || last === "." || last === "..") {
    check.fail(["path"], `names a directory (${JSON.stringify(path)}); give a file name`);
    return undefined;
  }
  const absolute = resolve(path);
  const name = basename(absolute);
  const room = resume ? NAME_MAX - RESUME_SUFFIX.length : NAME_MAX;
  if (Buffer.byteLength(name) > room) {
    check.fail(["path"], `its file name is ${Buffer.byteLength(name)} bytes long; the limit is ${room}${resume ? " (255 less .partial, with resume)" : ""}`);
  }
  if (Buffer.byteLength(absolute) + RESUME_SUFFIX.length >= PATH_MAX) check.fail(["path"], `is longer than the ${PATH_MAX}-byte path limit`);
  const target = await files().stat(absolute).catch(() => undefined);
  if (target?.isDirectory()) check.fail(["path"], `${path} is a directory`);
  const dir = dirname(absolute);
  const dirStat = await files().stat(dir).catch(() => undefined);
  if (!dirStat?.isDirectory()) check.fail(["path"], `its directory ${dir} does not exist`);
  else if (!(await files().access(dir, builtins.fs().constants.W_OK).then(() => true, () => false))) check.fail(["path"], `its directory ${dir} is not writable`);
  return absolute;
}

/**
 * Downloads to a file through `api.download`, verifying on the way. The destination is checked
 * first ({@link checkDestination}: a `ValidationError`, nothing sent). Bytes go to a temporary
 * file in the same directory, renamed to `path` only once complete and verified; on failure the
 * temporary file is deleted (kept as `<path>.partial` with `resume: true`). Memory stays flat.
 */
export async function downloadToFile(api: ImageDataApi, imageId: string, path: string, options: DownloadToFileOptions = {}): Promise<DownloadResult> {
  const check = new InputChecker("data.downloadToFile");
  check.uuid(["imageId"], imageId);
  if (options.resume !== undefined) check.boolean(["resume"], options.resume);
  const absolute = await checkDestination(check, path, options.resume === true);
  check.throwIfInvalid();
  const target = absolute as string;
  const partial = options.resume === true ? `${target}${RESUME_SUFFIX}` : temporaryName(target);
  const offset = options.resume === true ? ((await files().stat(partial).catch(() => undefined))?.size ?? 0) : 0;
  const verify = options.verify ?? true;
  try {
    const download = await api.download(imageId, {
      ...options,
      offset,
      prefix: offset > 0 && verify ? (builtins.fs().createReadStream(partial, { end: offset - 1, highWaterMark: READ_CHUNK }) as AsyncIterable<Uint8Array>) : undefined,
    });
    await writeDownload(download, partial, offset);
    const result = await download.result;
    await files().rename(partial, target);
    return result;
  } catch (error) {
    // A wrong prefix or corrupt bytes must not be resumed from: drop the partial file then.
    if (options.resume !== true || error instanceof ChecksumMismatchError || (error instanceof IncompleteDataError && error.actualBytes > error.expectedBytes)) {
      await files().rm(partial, { force: true });
    }
    throw error;
  }
}

/** `.<name>.<random>.partial` beside the target, the name shortened so the whole fits in {@link NAME_MAX} bytes. */
function temporaryName(target: string): string {
  const suffix = `.${builtins.crypto().randomBytes(6).toString("hex")}${RESUME_SUFFIX}`;
  let name = basename(target);
  while (Buffer.byteLength(name) + 1 + suffix.length > NAME_MAX) name = name.slice(0, -1);
  return join(dirname(target), `.${name}${suffix}`);
}

/**
 * Writes a download to a file at `offset`: the bytes are read into a few reused buffers
 * ({@link BUFFERS} × {@link BUFFER_BYTES}, through `readInto`, so nothing is allocated per chunk)
 * and each full buffer is written at its position while the next ones fill, so disk and network
 * overlap; writes go one at a time, in order. A buffer is refilled once its write is done and a
 * worker hash reading it in place (`shared-buffers.ts`) is done with it. Memory stays at those
 * buffers whatever the image size.
 * A failed write cancels the download (its connection is dropped), and the writes queued after it
 * are not made.
 */
async function writeDownload(download: ImageDownload, path: string, offset: number): Promise<void> {
  const file = await files().open(path, offset > 0 ? "r+" : "w");
  const buffers = readsIntoCallerBuffers(download) ? sharedBuffers : plainBuffers;
  const all = Array.from({ length: BUFFERS }, () => buffers.take());
  const free: Buffer[] = [...all];
  // One write at a time, in order: writes to one file serialize in the kernel anyway (a second
  // writer only spins on the inode's lock), and a failed write stops the ones queued after it.
  let written: Promise<void> = Promise.resolve();
  let freed: (() => void) | undefined;
  let position = offset;
  try {
    for (;;) {
      // Every buffer is written or waiting to be: wait for one (a failed write throws here).
      while (free.length === 0) await Promise.race([written, new Promise<void>((resolve) => (freed = resolve))]);
      const buffer = free.pop()!;
      const hashing = whenHashed(buffer);
      if (hashing) await hashing;
      const n = await download.readInto(buffer);
      if (n === 0) break;
      const at = position;
      written = written.then(async () => {
        await writeAll(file, buffer.subarray(0, n), at);
        free.push(buffer);
        freed?.();
        freed = undefined;
      });
      written.catch(() => undefined); // raced or awaited below; marked handled meanwhile
      position += n;
      // readInto fills the whole buffer unless the image has ended (and been verified).
      if (n < buffer.byteLength) break;
    }
    await written;
  } catch (error) {
    await written.catch(() => undefined);
    await download.cancel(error);
    throw error;
  } finally {
    await file.close();
    // Every read and write has settled by now, and the hash has ended (verified, or dropped
    // with the download): the buffers are free for the next download.
    for (const buffer of all) {
      const hashing = whenHashed(buffer);
      if (hashing) await hashing;
      buffers.give(buffer);
    }
  }
}

async function writeAll(file: FileHandle, buffer: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.byteLength) {
    const { bytesWritten } = await file.write(buffer, done, buffer.byteLength - done, position + done);
    done += bytesWritten;
  }
}
