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
      await writeStream(download.stream, partial, offset);
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
 * Writes a web stream to a file at `offset`: chunks are gathered into ~1 MiB writes, and one
 * write is in flight while the next batch is read, so disk and network overlap with flat memory.
 */
async function writeStream(stream: ReadableStream<Uint8Array>, path: string, offset: number): Promise<void> {
  const file = await fs.open(path, offset > 0 ? "r+" : "w");
  const reader = stream.getReader();
  let position = offset;
  let inFlight: Promise<unknown> = Promise.resolve();
  try {
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batchBytes === 0) return;
      const buffer = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchBytes);
      const at = position;
      position += batchBytes;
      batch = [];
      batchBytes = 0;
      await inFlight;
      const write = writeAll(file, buffer, at);
      write.catch(() => undefined); // awaited at the next flush; marked handled meanwhile
      inFlight = write;
    };
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      batch.push(value);
      batchBytes += value.byteLength;
      if (batchBytes >= READ_CHUNK) await flush();
    }
    await flush();
    await inFlight;
  } catch (error) {
    await inFlight.catch(() => undefined);
    await reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    await file.close();
  }
}

async function writeAll(file: fs.FileHandle, buffer: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.byteLength) {
    const { bytesWritten } = await file.write(buffer, done, buffer.byteLength - done, position + done);
    done += bytesWritten;
  }
}
