/** Image data: `image create` (with data), `image upload`, `image stage`, `image save`, `image import`. */
import { createReadStream, fstatSync, statSync } from "node:fs";
import type { Readable } from "node:stream";
import type { CreateImageInput, NodeUploadSource, StoreTargets } from "@cloud-images/node";
import { UsageError } from "../errors.js";
import { spinner, transferBar } from "../progress.js";
import { findImage, imageId } from "../resolve.js";
import type { Run } from "../run-types.js";
import { imageFields } from "../views.js";
import { keyValues, stringArg, visibilityOf } from "./shared.js";

/** Data to send: `--file`, else standard input when it is a pipe or a redirected file, else none. */
interface DataSource {
  readonly source: NodeUploadSource;
  readonly size: number | undefined;
  readonly label: string;
}

function dataSource(run: Run): DataSource | undefined {
  const file = run.opts.file as string | undefined;
  const size = run.opts.size as number | undefined;
  if (file !== undefined && file !== "-") {
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) throw new UsageError(`--file ${file}: no such file`);
    return { source: file, size: st.size, label: file };
  }
  const st = fstatSync(0);
  if (st.isFile()) return st.size > 0 || file === "-" ? { source: createReadStream("", { fd: 0 }) as Readable, size: st.size, label: "stdin" } : undefined;
  if (st.isFIFO() || st.isSocket() || file === "-") return { source: process.stdin, size, label: "stdin" };
  return undefined; // a terminal or /dev/null: no data
}

function waitTimeout(run: Run): number {
  return ((run.opts.waitTimeout as number | undefined) ?? 3600) * 1000;
}

/** `image create <name>`: creates, uploads (from --file or stdin) and waits for active, with a progress bar. */
export async function create(run: Run): Promise<void> {
  const o = run.opts;
  if (o.protected && o.unprotected) throw new UsageError("--protected and --unprotected are exclusive");
  const visibility = visibilityOf(o);
  const attributes: CreateImageInput = {
    name: stringArg(run, 0),
    container_format: (o.containerFormat as CreateImageInput["container_format"]) ?? "bare",
    disk_format: (o.diskFormat as CreateImageInput["disk_format"]) ?? "raw",
    ...(o.id ? { id: String(o.id) } : {}),
    ...(o.minDisk !== undefined ? { min_disk: o.minDisk as number } : {}),
    ...(o.minRam !== undefined ? { min_ram: o.minRam as number } : {}),
    ...(o.protected ? { protected: true } : o.unprotected ? { protected: false } : {}),
    ...(visibility ? { visibility } : {}),
    ...(o.project ? { owner: String(o.project) } : {}),
    ...(o.hidden ? { os_hidden: true } : {}),
    ...((o.tag as string[]).length ? { tags: o.tag as string[] } : {}),
    ...((o.property as string[]).length ? { properties: keyValues(o.property as string[], "--property") } : {}),
  };
  const client = await run.images();
  if (o.uri) {
    const spin = await spinner(run, `importing ${String(o.uri)}`);
    try {
      const result = await client.uploadImage({ attributes, method: "web-download", url: String(o.uri), signal: run.signal, wait: { timeoutMs: waitTimeout(run), onProgress: (p) => spin.status(p.state ?? "…") } });
      spin.stop();
      await run.show(imageFields(result.image));
    } finally {
      spin.stop();
    }
    return;
  }
  const data = dataSource(run);
  if (!data) {
    await run.show(imageFields(await client.images.create(attributes, run.call)));
    return;
  }
  const bar = await transferBar(run, `Uploading ${attributes.name}`, data.size);
  try {
    const result = await client.uploadImage({
      attributes,
      data: data.source,
      ...(data.size !== undefined ? { size: data.size } : {}),
      method: o.import ? "glance-direct" : "upload",
      ...(o.store ? { store: String(o.store) } : {}),
      signal: run.signal,
      onProgress: (p) => bar.update(p.bytes, p.total),
      wait: { timeoutMs: waitTimeout(run) },
    });
    bar.stop();
    await run.show(imageFields(result.image));
  } finally {
    bar.stop();
  }
}

async function send(run: Run, stage: boolean): Promise<void> {
  const client = await run.images();
  const id = await imageId(client, stringArg(run, 0), run.call);
  const data = dataSource(run);
  if (!data) throw new UsageError("no data: give --file, or pipe the data into standard input");
  const bar = await transferBar(run, `${stage ? "Staging" : "Uploading"} ${data.label}`, data.size);
  try {
    await client.data.upload(id, data.source, {
      ...run.call,
      stage,
      ...(data.size !== undefined ? { size: data.size } : {}),
      ...(run.opts.store ? { store: String(run.opts.store) } : {}),
      onProgress: (p) => bar.update(p.bytes, p.total),
    });
  } finally {
    bar.stop();
  }
}

/** `image upload <image>` (glance `image-upload`). */
export async function upload(run: Run): Promise<void> {
  await send(run, false);
}

/** `image stage <image>` (glance `image-stage`). */
export async function stage(run: Run): Promise<void> {
  await send(run, true);
}

/** `image save <image> [--file F]`: to the file (never a half file) or standard output; checksums checked. */
export async function save(run: Run): Promise<void> {
  const client = await run.images();
  const image = await findImage(client, stringArg(run, 0), run.call);
  const file = run.opts.file as string | undefined;
  const bar = await transferBar(run, `Downloading ${image.name ?? image.id}`, image.size ?? undefined);
  try {
    if (file !== undefined && file !== "-") {
      await client.data.downloadToFile(image.id, file, { ...run.call, image, onProgress: (p) => bar.update(p.bytes, p.total) });
      return;
    }
    if (process.stdout.isTTY) throw new UsageError("refusing to write image data to a terminal: give --file, or redirect standard output");
    const download = await client.data.download(image.id, { ...run.call, image, onProgress: (p) => bar.update(p.bytes, p.total) });
    for await (const chunk of download.chunks()) {
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
    }
    await download.result;
  } finally {
    bar.stop();
  }
}

const METHODS = new Set(["glance-direct", "web-download", "copy-image"]);

/** `image import [method] <image> [uri]` (or `--method`, `--uri`), optionally `--wait`. */
export async function importImage(run: Run): Promise<void> {
  const o = run.opts;
  const words = [...((run.args[0] as string[] | undefined) ?? [])];
  const method = METHODS.has(words[0] ?? "") ? words.shift()! : ((o.method as string | undefined) ?? "glance-direct");
  const ref = words.shift();
  if (!ref) throw new UsageError("image import: which image?");
  const uri = words.shift() ?? (o.uri as string | undefined);
  if (words.length > 0) throw new UsageError(`image import: unexpected ${words.join(" ")}`);
  const stores = o.store as string[];
  const targets: StoreTargets = {
    ...(stores.length ? { stores } : {}),
    ...(o.allStores ? { allStores: true } : {}),
    ...(o.disallowFailure ? { allStoresMustSucceed: true } : o.allowFailure ? { allStoresMustSucceed: false } : {}),
  };
  const client = await run.images();
  const id = await imageId(client, ref, run.call);
  if (method === "web-download") {
    if (!uri) throw new UsageError("web-download needs the URL: image import web-download <image> <uri>");
    await client.imports.webDownload(id, { uri, ...targets }, run.call);
  } else if (uri) throw new UsageError(`${method} takes no URL`);
  else if (method === "copy-image") await client.imports.copyImage(id, targets, run.call);
  else await client.imports.glanceDirect(id, targets, run.call);
  if (!o.wait) return;
  const spin = await spinner(run, `importing into ${id} (${method})`);
  try {
    const image = await client.waitFor.image(id, {
      status: "active",
      afterImport: true,
      ...(stores.length ? { stores } : {}),
      timeoutMs: waitTimeout(run),
      signal: run.signal,
      onProgress: (p) => spin.status(p.state ?? "…"),
    });
    spin.stop();
    await run.show(imageFields(image));
  } finally {
    spin.stop();
  }
}
