import { ValidationError, type DownloadOptions, type DownloadResult, type ImageDataApi } from "@cloud-images/core";

/**
 * Where `data.downloadToFile` writes:
 * - a `FileSystemWritableFileStream` you opened (`await handle.createWritable()`): written, then
 *   closed once the download is verified, or aborted on failure (the file keeps its old content);
 * - a `FileSystemFileHandle` (from `showSaveFilePicker()` or OPFS): the same, through a writable
 *   the SDK opens and closes;
 * - `{ directory, name }`, a `FileSystemDirectoryHandle` (e.g. `navigator.storage.getDirectory()`,
 *   the origin private file system) and a file name: written to `<name>.partial` and moved to
 *   `name` only once verified; on failure the partial file is deleted (kept with `resume: true`,
 *   and resumed from its end by the next call with `resume: true`).
 *
 * The browser writes a `FileSystemWritableFileStream` to a swap file and replaces the target only
 * on `close()`: a failed or cut download never leaves a file that looks whole under its name.
 */
export type DownloadTarget = FileSystemWritableFileStream | FileSystemFileHandle | DirectoryTarget;

/** A file to create in a directory (see {@link DownloadTarget}). */
export interface DirectoryTarget {
  /** The directory: OPFS (`navigator.storage.getDirectory()`) or one the user picked. */
  readonly directory: FileSystemDirectoryHandle;
  /** The file name (no `/`). */
  readonly name: string;
}

/** Options of `data.downloadToFile`: a download's options, plus partial-file handling. */
export interface DownloadToFileOptions extends Omit<DownloadOptions, "offset" | "prefix"> {
  /**
   * With a `{ directory, name }` target: keep `<name>.partial` when the download fails, and
   * resume from its end when it is there (`Range`; its bytes are hashed first, so the whole image
   * is verified). Default `false`.
   */
  readonly resume?: boolean | undefined;
}

/** Suffix of the file a `{ directory, name }` download writes before it is moved into place. */
export const PARTIAL_SUFFIX = ".partial";

/** A handle's `move(name)`, which Chromium has (OPFS and user-picked files) but the TS DOM lib lacks. */
interface MovableHandle {
  move?(name: string): Promise<void>;
}

function isWritable(value: unknown): value is FileSystemWritableFileStream {
  return typeof value === "object" && value !== null && typeof (value as { getWriter?: unknown }).getWriter === "function" && typeof (value as { seek?: unknown }).seek === "function";
}

function isFileHandle(value: unknown): value is FileSystemFileHandle {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "file" && typeof (value as { createWritable?: unknown }).createWritable === "function";
}

function isDirectoryTarget(value: unknown): value is DirectoryTarget {
  const directory = (value as { directory?: { kind?: unknown } } | null)?.directory;
  return typeof value === "object" && value !== null && directory?.kind === "directory";
}

/** Refuses a target the SDK cannot write before anything is sent. */
function checkTarget(target: unknown): void {
  if (isWritable(target) || isFileHandle(target)) return;
  if (isDirectoryTarget(target)) {
    const name: unknown = target.name;
    if (typeof name !== "string" || name === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
      throw new ValidationError("data.downloadToFile", [{ path: ["target", "name"], message: "must be a file name (not empty, no / or \\)" }]);
    }
    return;
  }
  throw new ValidationError("data.downloadToFile", [
    { path: ["target"], message: "must be a FileSystemWritableFileStream, a FileSystemFileHandle, or { directory: FileSystemDirectoryHandle, name }" },
  ]);
}

/** Streams a verified download into an open writable; closes it on success, aborts it on failure. */
async function writeDownload(data: ImageDataApi, imageId: string, writable: FileSystemWritableFileStream, options: DownloadOptions): Promise<DownloadResult> {
  try {
    const download = await data.download(imageId, options);
    // Chunks go to the writable one at a time: memory stays at one chunk.
    for await (const chunk of download.chunks()) await writable.write(chunk as Uint8Array<ArrayBuffer>);
    const result = await download.result;
    await writable.close();
    return result;
  } catch (error) {
    await writable.abort(error).catch(() => undefined);
    throw error;
  }
}

/**
 * Downloads an image into a file of the File System Access API or of the origin private file
 * system, verifying it on the way (see {@link DownloadTarget} for what happens on failure).
 * Memory stays flat: each chunk is written before the next is read.
 * @throws ValidationError for a target that is none of the accepted forms; the download's errors.
 */
export async function downloadToFile(data: ImageDataApi, imageId: string, target: DownloadTarget, options: DownloadToFileOptions = {}): Promise<DownloadResult> {
  checkTarget(target);
  const { resume, ...download } = options;
  if (isWritable(target)) return writeDownload(data, imageId, target, download);
  if (isFileHandle(target)) return writeDownload(data, imageId, await target.createWritable({ keepExistingData: false }), download);
  const { directory, name } = target;
  const partialName = `${name}${PARTIAL_SUFFIX}`;
  const partial = await directory.getFileHandle(partialName, { create: true });
  let offset = 0;
  let prefix: ReadableStream<Uint8Array> | undefined;
  if (resume === true) {
    const held = await partial.getFile();
    if (held.size > 0) {
      offset = held.size;
      prefix = held.stream();
    }
  }
  const writable = await partial.createWritable({ keepExistingData: offset > 0 });
  if (offset > 0) await writable.seek(offset);
  let result: DownloadResult;
  try {
    result = await writeDownload(data, imageId, writable, { ...download, offset: offset > 0 ? offset : undefined, prefix: offset > 0 && download.verify !== false ? prefix : undefined });
  } catch (error) {
    if (resume !== true) await directory.removeEntry(partialName).catch(() => undefined);
    throw error;
  }
  await moveInto(directory, partial, partialName, name);
  return result;
}

/**
 * Puts the complete partial file under its final name: `move()` where the browser has it
 * (Chromium, for OPFS and picked directories), else a copy and a delete.
 */
async function moveInto(directory: FileSystemDirectoryHandle, partial: FileSystemFileHandle, partialName: string, name: string): Promise<void> {
  const movable = partial as FileSystemFileHandle & MovableHandle;
  if (typeof movable.move === "function") {
    // move() does not replace an existing file in every browser: remove it first.
    await directory.removeEntry(name).catch(() => undefined);
    await movable.move(name);
    return;
  }
  const finalFile = await directory.getFileHandle(name, { create: true });
  const writable = await finalFile.createWritable({ keepExistingData: false });
  try {
    await (await partial.getFile()).stream().pipeTo(writable);
  } catch (error) {
    await writable.abort(error).catch(() => undefined);
    throw error;
  }
  await directory.removeEntry(partialName);
}
