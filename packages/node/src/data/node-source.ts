import type { FileHandle } from "node:fs/promises";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type UploadSource } from "@cloud-images/core";
import { InputChecker, type PreparedSource, type PrepareSourceOptions } from "@cloud-images/core/internal";
import { builtins } from "../transport/lazy-require.js";
import { whenWritten } from "../transport/written-chunks.js";

/**
 * What the Node client's `data.upload` and `uploadImage` read: every core {@link UploadSource}
 * (bytes, Blob, web stream, a sized `AsyncIterable`), plus a file path, a `file:` URL, and a
 * Node `Readable` (its `size` optional, as for a web stream).
 */
export type NodeUploadSource = UploadSource | string | URL | Readable;

/** Read size for file uploads: large reads keep syscalls and chunk overhead low. */
const READ_CHUNK = 1024 * 1024;
/** Read buffers an upload keeps for reuse: about what is in flight (one read, one queued, one being written). */
const SPARE_BUFFERS = 4;

/**
 * Turns the Node-only sources into core ones, once: a path or `file:` URL into a lazily opened
 * stream of the file with its size from `stat` (a missing file, a directory… is a
 * `ValidationError` before any request), a `Readable` into a web stream. Anything else is left
 * to the core's check (`core`).
 */
export async function prepareNodeSource(
  source: unknown,
  options: PrepareSourceOptions,
  core: (source: unknown, options: PrepareSourceOptions) => Promise<PreparedSource>,
): Promise<PreparedSource> {
  const field = options.field ?? "source";
  if (typeof source === "string" || source instanceof URL) {
    const check = new InputChecker(options.operation ?? "data.upload");
    const path = filePath(check, field, source);
    check.throwIfInvalid();
    const stat = await builtins.fs().promises.stat(path as string).catch(() => undefined);
    if (!stat) check.fail([field], `${path} does not exist`);
    else if (!stat.isFile()) check.fail([field], `${path} is not a regular file`);
    else if (options.size !== undefined && options.size !== stat.size) check.fail(["size"], `is ${String(options.size)} but ${path} holds ${stat.size} bytes`);
    check.throwIfInvalid();
    const size = (stat as { size: number }).size;
    return { data: fileStream(path as string, size), size };
  }
  const { Readable: NodeReadable } = builtins.stream();
  if (source instanceof NodeReadable) {
    const check = new InputChecker(options.operation ?? "data.upload");
    if (source.destroyed || source.readableEnded) check.fail([field], "is a Readable that was already read to its end or destroyed");
    check.throwIfInvalid();
    return core(NodeReadable.toWeb(source) as unknown as ReadableStream<Uint8Array>, options);
  }
  return core(source, options);
}

function filePath(check: InputChecker, field: string, source: string | URL): string | undefined {
  if (source instanceof URL) {
    if (source.protocol !== "file:") {
      check.fail([field], `must be a file: URL, got ${source.protocol} (for Glance to fetch an http(s) URL, use uploadImage's url)`);
      return undefined;
    }
    return fileURLToPath(source);
  }
  if (source === "") check.fail([field], "must not be an empty path");
  else if (source.includes("\0")) check.fail([field], "cannot contain NUL");
  return source;
}

/**
 * A file's bytes as a web stream, opened on the first read (an upload that fails before sending
 * leaves no open file) and closed at its end, on error or on cancel. Reads `size` bytes at most:
 * a file that shrinks meanwhile ends early, which the upload reports as `IncompleteDataError`.
 * Reads 1 MiB at a time into buffers reused once the `node:http` transport has written them.
 */
function fileStream(path: string, size: number): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let position = 0;
  // Read buffers given back once the transport has written them (see transport/written-chunks.ts).
  const spare: Buffer[] = [];
  const close = async (): Promise<void> => {
    const h = handle;
    handle = undefined;
    await h?.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const remaining = size - position;
          if (remaining <= 0) {
            await close();
            controller.close();
            return;
          }
          handle ??= await builtins.fs().promises.open(path, "r");
          const buffer = spare.pop() ?? Buffer.allocUnsafeSlow(READ_CHUNK);
          const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_CHUNK, remaining), position);
          if (bytesRead === 0) {
            await close();
            controller.close();
            return;
          }
          position += bytesRead;
          const chunk = bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead);
          whenWritten(chunk, () => {
            if (spare.length < SPARE_BUFFERS) spare.push(buffer);
          });
          controller.enqueue(chunk);
        } catch (error) {
          await close();
          throw error;
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  );
}
