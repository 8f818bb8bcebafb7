import { empty, json, type Ctx, type Reply } from "./http.js";
import { glanceError, isoSeconds } from "./glance-http.js";
import type { Caller } from "./identity.js";
import { fail, isAdmin, ownedImage, visibleImage } from "./image-rules.js";
import type { EmulatorRuntime } from "./server.js";
import type { ImageRecord, RegionState } from "./store.js";

/** `GET`/`PUT /v2/images/{id}/file` (glance mode; Cloud Images moves data through tasks only). */
export async function imageFile(rt: EmulatorRuntime, ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
  if (rt.mode !== "glance") {
    // Cloud Images moves data only through import/export tasks and Cloud Files.
    const action = ctx.method === "PUT" ? "upload_image" : "download_image";
    visibleImage(r, id, caller);
    return glanceError(403, `You are not authorized to complete ${action} action.`);
  }
  if (ctx.method === "GET") {
    const image = visibleImage(r, id, caller);
    if (image.status === "deactivated" && !isAdmin(caller)) fail(403, "The requested image has been deactivated. Image data download is forbidden.");
    if (!image.blob) return empty(204);
    const data = rt.store.readBlob(image.blob);
    return { status: 200, headers: { "content-type": "application/octet-stream", "content-md5": image.checksum ?? "" }, body: data };
  }
  if (ctx.method === "PUT") {
    const image = ownedImage(r, id, caller, "upload data to");
    if (image.status !== "queued") fail(409, `Image status transition from ${image.status} to saving is not allowed`);
    if (!image.disk_format || !image.container_format) fail(400, "Properties disk_format, container_format must be set prior to saving data.");
    const data = await ctx.body();
    setImageData(rt, image, data);
    rt.store.save();
    return empty(204);
  }
  return glanceError(405, "The method is not allowed for this resource.");
}

/** Stores `data` as the image's data, with its digests; the image becomes active. */
export function setImageData(rt: EmulatorRuntime, image: ImageRecord, data: Buffer): void {
  const d = rt.store.putBlob(data);
  image.blob = d.blob;
  image.size = d.size;
  image.checksum = d.md5;
  image.os_hash_algo = "sha512";
  image.os_hash_value = d.sha512;
  image.status = "active";
  image.updated_at = isoSeconds();
}

/** `PUT /v2/images/{id}/stage` (glance mode). */
export async function stageImage(rt: EmulatorRuntime, ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
  if (rt.mode !== "glance") return glanceError(404, "The resource could not be found.");
  const image = ownedImage(r, id, caller, "stage data for");
  if (image.status !== "queued") fail(409, `Image status transition from ${image.status} to uploading is not allowed`);
  const data = await ctx.body();
  const d = rt.store.putBlob(data);
  image.staged = d.blob;
  image.size = d.size;
  image.status = "uploading";
  image.updated_at = isoSeconds();
  rt.store.save();
  return empty(204);
}

/** `POST /v2/images/{id}/import`: glance-direct and web-download (glance mode). */
export async function importImage(rt: EmulatorRuntime, ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
  if (rt.mode !== "glance") return glanceError(404, "The resource could not be found.");
  const image = ownedImage(r, id, caller, "import");
  const parsed = await ctx.json();
  const method = parsed.ok ? (parsed.value as { method?: { name?: unknown; uri?: unknown } } | null)?.method : undefined;
  const name = method?.name;
  if (name === "glance-direct") {
    if (image.status !== "uploading") fail(409, "Image needs to be staged before 'glance-direct' method can be used");
  } else if (name === "web-download") {
    if (image.status !== "queued") fail(409, `Image status transition from ${image.status} to importing is not allowed`);
    if (typeof method?.uri !== "string") fail(400, "URI for web-download does not pass filtering: None");
    const res = await fetch(method!.uri as string).catch(() => undefined);
    if (!res || !res.ok) {
      image.status = "queued";
      rt.store.save();
      return json(202, {});
    }
    const data = Buffer.from(await res.arrayBuffer());
    const d = rt.store.putBlob(data);
    image.staged = d.blob;
  } else {
    fail(400, `Import method ${String(name)} is not supported`);
  }
  image.status = "importing";
  image.importJob = { startedAt: Date.now(), method: String(name) };
  rt.store.save();
  return json(202, {});
}

/** When the job ends, the staged data becomes the image data with its digests. */
export function finishImportData(rt: EmulatorRuntime, image: ImageRecord): void {
  if (image.staged) {
    const data = rt.store.readBlob(image.staged);
    image.staged = undefined;
    setImageData(rt, image, data);
  }
}
