import { createReadStream, promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import {
  ChecksumMismatchError,
  IncompleteDataError,
  InputChecker,
  uploadImage,
  type DownloadOptions,
  type DownloadResult,
  type ImageClient,
  type UploadImageRequest,
  type UploadImageResult,
  type UploadOptions,
  type UploadResult,
} from "@cloud-images/core";

/** Read size for file uploads: large reads keep syscalls and chunk overhead low. */
const READ_CHUNK = 1024 * 1024;
/** Bytes gathered before one file write on download (undici yields ~64 KiB chunks). */
const WRITE_BATCH = 1024 * 1024;

/** Options of {@link NodeFileData.downloadToFile}. */
export interface DownloadToFileOptions extends Omit<DownloadOptions, "offset" | "prefix"> {
  /**
   * Keep the partial file (`<path>.partial`) when the download fails, and continue it on the
   * next call with `resume: true` (`Range` from its length; its bytes are re-hashed first).
   */
  readonly resume?: boolean | undefined;
}

/** Node-only data helpers: upload from a file path or a Node `Readable`, download to a file. */
export class NodeFileData {
  readonly #client: ImageClient;

  constructor(client: ImageClient) {
    this.#client = client;
  }

  /** Uploads a file (streamed; size from `stat`). A missing path is a `ValidationError` before any request. */
  async uploadFile(imageId: string, path: string, options: Omit<UploadOptions, "size"> = {}): Promise<UploadResult> {
    const size = await fileSize("data.uploadFile", path);
    return this.#client.data.upload(imageId, fileStream(path), { ...options, size });
  }

  /** Uploads from a Node `Readable` (give `size` when known). */
  async uploadReadable(imageId: string, readable: Readable, options: UploadOptions = {}): Promise<UploadResult> {
    return this.#client.data.upload(imageId, Readable.toWeb(readable) as unknown as ReadableStream<Uint8Array>, options);
  }

  /** {@link ImageClient.uploadImage} from a file path. */
  async uploadImageFile(request: Omit<UploadImageRequest, "data" | "url" | "size"> & { readonly path: string }): Promise<UploadImageResult> {
    const size = await fileSize("uploadImageFile", request.path);
    const { path, ...rest } = request;
    const client = this.#client;
    return uploadImage({ http: client.http, images: client.images, data: client.data, imports: client.imports }, { ...rest, data: fileStream(path), size });
  }

  /**
   * Downloads to a file, verifying on the way. Bytes go to a temporary file in the same
   * directory, renamed to `path` only once complete and verified; on failure the temporary
   * file is deleted (kept as `<path>.partial` with `resume: true`). Memory stays flat.
   */
  async downloadToFile(imageId: string, path: string, options: DownloadToFileOptions = {}): Promise<DownloadResult> {
    const check = new InputChecker("data.downloadToFile");
    check.uuid(["imageId"], imageId);
    check.string(["path"], path);
    check.throwIfInvalid();
    const dir = dirname(path);
    const dirStat = await fs.stat(dir).catch(() => undefined);
    if (!dirStat?.isDirectory()) {
      check.fail(["path"], `its directory ${dir} does not exist`);
      check.throwIfInvalid();
    }
    const partial = options.resume ? `${path}.partial` : join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.partial`);
    const offset = options.resume ? ((await fs.stat(partial).catch(() => undefined))?.size ?? 0) : 0;
    const verify = options.verify ?? true;
    try {
      const download = await this.#client.data.open(imageId, {
        ...options,
        offset,
        prefix: offset > 0 && verify ? (createReadStream(partial, { end: offset - 1, highWaterMark: READ_CHUNK }) as AsyncIterable<Uint8Array>) : undefined,
      });
      await writeChunks(download.chunks(), partial, offset);
      const result = await download.result;
      await fs.rename(partial, path);
      return result;
    } catch (error) {
      // A wrong prefix or corrupt bytes must not be resumed from: drop the partial file then.
      if (!options.resume || error instanceof ChecksumMismatchError || (error instanceof IncompleteDataError && error.actualBytes > error.expectedBytes)) await fs.rm(partial, { force: true });
      throw error;
    }
  }
}

function fileStream(path: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(path, { highWaterMark: READ_CHUNK })) as unknown as ReadableStream<Uint8Array>;
}

async function fileSize(operation: string, path: string): Promise<number> {
  const check = new InputChecker(operation);
  check.string(["path"], path);
  check.throwIfInvalid();
  const stat = await fs.stat(path).catch(() => undefined);
  if (!stat) check.fail(["path"], `${path} does not exist`);
  else if (!stat.isFile()) check.fail(["path"], `${path} is not a regular file`);
  check.throwIfInvalid();
  return (stat as { size: number }).size;
}

/**
 * Writes a download's chunks to a file at `offset` through one FileHandle: chunks are gathered
 * into ~1 MiB positional `writev` calls (no copy), and one write is in flight while the next batch arrives, so disk
 * and network overlap. At most two batches are held (~2 MiB), whatever the image size.
 */
async function writeChunks(chunks: AsyncIterable<Uint8Array>, path: string, offset: number): Promise<void> {
  const file = await fs.open(path, offset > 0 ? "r+" : "w");
  let position = offset;
  let inFlight: Promise<unknown> = Promise.resolve();
  try {
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batchBytes === 0) return;
      const buffers = batch;
      const bytes = batchBytes;
      const at = position;
      position += batchBytes;
      batch = [];
      batchBytes = 0;
      await inFlight;
      const write = writevAll(file, buffers, bytes, at);
      write.catch(() => undefined); // awaited at the next flush; marked handled meanwhile
      inFlight = write;
    };
    for await (const value of chunks) {
      batch.push(value);
      batchBytes += value.byteLength;
      if (batchBytes >= WRITE_BATCH) await flush();
    }
    await flush();
    await inFlight;
  } catch (error) {
    await inFlight.catch(() => undefined);
    throw error;
  } finally {
    await file.close();
  }
}

/** One `writev` of a batch (the chunks as they came, uncopied); a short write finishes with plain writes. */
async function writevAll(file: fs.FileHandle, buffers: Uint8Array[], bytes: number, position: number): Promise<void> {
  const { bytesWritten } = await file.writev(buffers, position);
  if (bytesWritten < bytes) await writeAll(file, Buffer.concat(buffers, bytes).subarray(bytesWritten), position + bytesWritten);
}

async function writeAll(file: fs.FileHandle, buffer: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.byteLength) {
    const { bytesWritten } = await file.write(buffer, done, buffer.byteLength - done, position + done);
    done += bytesWritten;
  }
}
