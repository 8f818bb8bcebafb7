/** `image list|show|set|unset|delete|deactivate|reactivate|tag|wait|stores|usage|schema show`. */
import type { ImageSortKey, ListImagesQuery, SchemaName, SortCriterion, SortDirection } from "@cloud-images/node";
import { CommandFailedError, UsageError } from "../errors.js";
import { spinner } from "../progress.js";
import { findImage, imageId } from "../resolve.js";
import type { Run } from "../run-types.js";
import { IMAGE_LIST_HEADERS, IMAGE_LONG_HEADERS, imageFields, imageRow, plainFields } from "../views.js";
import { keyValues, ownProject, stringArg, visibilityOf } from "./shared.js";
import { assignOwn } from "@cloud-images/core/internal";

const SORT_KEYS = new Set(["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"]);

/** `--sort name:asc,size:desc` → criteria. */
function parseSort(text: string): { key: string; dir: SortDirection }[] {
  return text
    .split(",")
    .filter((s) => s !== "")
    .map((part) => {
      const [key = "", dir = "asc"] = part.split(":");
      if (dir !== "asc" && dir !== "desc") throw new UsageError(`--sort ${part}: the direction is asc or desc`);
      return { key, dir };
    });
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = a === null || a === undefined ? "" : String(a);
  const y = b === null || b === undefined ? "" : String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `image list`: every page (or `--limit` images), sorted by `--sort` (default name:asc). */
export async function list(run: Run): Promise<void> {
  const o = run.opts;
  const client = await run.images();
  const sort = parseSort(String(o.sort ?? "name:asc"));
  const limit = o.limit as number | undefined;
  const visibility = o.all ? "all" : visibilityOf(o);
  const query: ListImagesQuery = {
    ...(visibility ? { visibility } : {}),
    ...(o.name ? { name: String(o.name) } : {}),
    ...(o.status ? { status: o.status as ListImagesQuery["status"] } : {}),
    ...(o.memberStatus ? { member_status: o.memberStatus as ListImagesQuery["member_status"] } : {}),
    ...(o.project ? { owner: String(o.project) } : {}),
    ...((o.tag as string[]).length > 0 ? { tag: o.tag as string[] } : {}),
    ...((o.property as string[]).length > 0 ? { properties: keyValues(o.property as string[], "--property") } : {}),
    ...(o.hidden ? { os_hidden: true } : {}),
    ...(o.marker ? { marker: String(o.marker) } : {}),
    ...(sort.every((s) => SORT_KEYS.has(s.key)) ? { sort: sort.map((s): SortCriterion => ({ key: s.key as ImageSortKey, dir: s.dir })) } : {}),
    limit: Math.min(limit ?? 1000, 1000),
  };
  const images = [];
  for await (const image of client.images.listAll(query, run.call)) {
    images.push(image);
    if (limit !== undefined && images.length >= limit) break;
  }
  images.sort((a, b) => {
    for (const s of sort) {
      const c = compare((a as Record<string, unknown>)[s.key], (b as Record<string, unknown>)[s.key]);
      if (c !== 0) return s.dir === "asc" ? c : -c;
    }
    return 0;
  });
  const long = o.long === true;
  await run.list(long ? IMAGE_LONG_HEADERS : IMAGE_LIST_HEADERS, images.map((i) => imageRow(i, long)));
}

/** `image show <image>`. */
export async function show(run: Run): Promise<void> {
  const client = await run.images();
  const image = await findImage(client, stringArg(run, 0), run.call);
  await run.show(imageFields(image, run.opts.humanReadable === true));
}

const PROPERTY_FLAGS: readonly (readonly [string, string])[] = [
  ["architecture", "architecture"],
  ["instanceId", "instance_uuid"],
  ["kernelId", "kernel_id"],
  ["osDistro", "os_distro"],
  ["osVersion", "os_version"],
  ["ramdiskId", "ramdisk_id"],
];

/** `image set <image>`: attributes and properties in one PATCH, then tags, state, membership. */
export async function set(run: Run): Promise<void> {
  const o = run.opts;
  const client = await run.images();
  const image = await findImage(client, stringArg(run, 0), run.call);
  const desired: Record<string, unknown> = {};
  if (o.name !== undefined) desired.name = o.name;
  if (o.minDisk !== undefined) desired.min_disk = o.minDisk;
  if (o.minRam !== undefined) desired.min_ram = o.minRam;
  if (o.containerFormat !== undefined) desired.container_format = o.containerFormat;
  if (o.diskFormat !== undefined) desired.disk_format = o.diskFormat;
  if (o.protected && o.unprotected) throw new UsageError("--protected and --unprotected are exclusive");
  if (o.protected) desired.protected = true;
  if (o.unprotected) desired.protected = false;
  if (o.hidden) desired.os_hidden = true;
  if (o.unhidden) desired.os_hidden = false;
  const visibility = visibilityOf(o);
  if (visibility) desired.visibility = visibility;
  if (o.project !== undefined) desired.owner = o.project;
  for (const [flag, key] of PROPERTY_FLAGS) if (o[flag] !== undefined) desired[key] = o[flag];
  assignOwn(desired, keyValues(o.property as string[], "--property"));
  const statusFlags = ["accept", "reject", "pending"].filter((f) => o[f]);
  if (statusFlags.length > 1) throw new UsageError("--accept, --reject and --pending are exclusive");
  if (o.activate && o.deactivate) throw new UsageError("--activate and --deactivate are exclusive");

  if (o.deactivate) await client.images.deactivate(image.id, run.call);
  if (Object.keys(desired).length > 0) await client.images.updateProperties(image.id, desired, { ...run.call, current: image });
  for (const tag of o.tag as string[]) if (!image.tags.includes(tag)) await client.images.addTag(image.id, tag, run.call);
  if (o.activate) await client.images.reactivate(image.id, run.call);
  if (statusFlags[0]) {
    const memberId = await ownProject(run);
    await client.members.updateStatus(image.id, statusFlags[0] === "accept" ? "accepted" : statusFlags[0] === "reject" ? "rejected" : "pending", { ...run.call, ...(memberId ? { memberId } : {}) });
  }
}

/** `image unset <image>`: removes properties and tags; names the ones that were not there. */
export async function unset(run: Run): Promise<void> {
  const o = run.opts;
  const client = await run.images();
  const image = await findImage(client, stringArg(run, 0), run.call);
  const props = o.property as string[];
  const tags = o.tag as string[];
  const record = image as Record<string, unknown>;
  const has = (p: string): boolean => Object.hasOwn(record, p) || (typeof record.properties === "object" && record.properties !== null && Object.hasOwn(record.properties, p));
  const missingProps = props.filter((p) => !has(p));
  const missingTags = tags.filter((t) => !image.tags.includes(t));
  const present = props.filter(has);
  if (present.length > 0) {
    const { propertyPointer } = await import("@cloud-images/node");
    await client.images.update(image.id, present.map((p) => ({ op: "remove" as const, path: propertyPointer(p) })), run.call);
  }
  for (const tag of tags.filter((t) => image.tags.includes(t))) await client.images.removeTag(image.id, tag, run.call);
  const problems = [
    ...(missingProps.length ? [`property ${missingProps.join(", ")} not set`] : []),
    ...(missingTags.length ? [`tag ${missingTags.join(", ")} not set`] : []),
  ];
  if (problems.length) throw new CommandFailedError(`image ${image.id}: ${problems.join("; ")}`);
}

/** `image delete <image...>`: deletes each; reports every failure, fails when any did. */
export async function remove(run: Run): Promise<void> {
  const client = await run.images();
  const refs = run.args[0] as string[];
  const failures: unknown[] = [];
  for (const ref of refs) {
    try {
      await client.images.delete(await imageId(client, ref, run.call), run.call);
    } catch (error) {
      if (refs.length === 1) throw error;
      failures.push(error);
      const { errorLine } = await import("../errors.js");
      process.stderr.write(`${errorLine(error)}\n`);
    }
  }
  if (failures.length > 0) throw new CommandFailedError(`Failed to delete ${failures.length} of ${refs.length} images.`);
}

/** `image deactivate <image>`. */
export async function deactivate(run: Run): Promise<void> {
  const client = await run.images();
  await client.images.deactivate(await imageId(client, stringArg(run, 0), run.call), run.call);
}

/** `image reactivate <image>`. */
export async function reactivate(run: Run): Promise<void> {
  const client = await run.images();
  await client.images.reactivate(await imageId(client, stringArg(run, 0), run.call), run.call);
}

/** `image tag add <image> <tag>`. */
export async function tagAdd(run: Run): Promise<void> {
  const client = await run.images();
  await client.images.addTag(await imageId(client, stringArg(run, 0), run.call), stringArg(run, 1), run.call);
}

/** `image tag remove <image> <tag>`. */
export async function tagRemove(run: Run): Promise<void> {
  const client = await run.images();
  await client.images.removeTag(await imageId(client, stringArg(run, 0), run.call), stringArg(run, 1), run.call);
}

/** `image wait <image> --status S`: polls with a spinner; prints the image reached (nothing for `deleted`). */
export async function wait(run: Run): Promise<void> {
  const client = await run.images();
  const id = await imageId(client, stringArg(run, 0), run.call);
  const status = String(run.opts.status ?? "active");
  const timeoutMs = ((run.opts.waitTimeout as number | undefined) ?? 3600) * 1000;
  const spin = await spinner(run, `waiting for image ${id} to be ${status}`);
  try {
    if (status === "deleted") {
      await client.waitFor.imageDeleted(id, { timeoutMs, signal: run.signal, onProgress: (p) => spin.status(p.state ?? "…") });
      return;
    }
    const image = await client.waitFor.image(id, {
      status: status as never,
      timeoutMs,
      signal: run.signal,
      onProgress: (p) => spin.status(p.state ?? "…"),
    });
    spin.status(image.status);
    spin.stop();
    await run.show(imageFields(image));
  } finally {
    spin.stop();
  }
}

/** `image stores [--detail]`. */
export async function stores(run: Run): Promise<void> {
  const client = await run.images();
  if (run.opts.detail) {
    const info = await client.imports.storesDetail(run.call);
    await run.list(
      ["ID", "Description", "Default", "Type", "Properties"],
      info.stores.map((s) => [s.id, s.description ?? "", String(s.default ?? "") === "true", s.type ?? "", plainFields(s.properties ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(", ")]),
    );
    return;
  }
  const info = await client.imports.stores(run.call);
  await run.list(["ID", "Description", "Default"], info.stores.map((s) => [s.id, s.description ?? "", String(s.default ?? "") === "true"]));
}

/** `image usage`: quota name, limit, usage. */
export async function usage(run: Run): Promise<void> {
  const client = await run.images();
  const info = await client.imports.usage(run.call);
  await run.list(
    ["Resource", "Limit", "Usage"],
    Object.entries(info.usage).map(([k, v]) => [k, v.limit, v.usage]),
  );
}

/** `image import-info`: the import methods the cloud announces. */
export async function importInfo(run: Run): Promise<void> {
  const client = await run.images();
  const methods = await client.imports.methods(run.call);
  await run.show(plainFields({ "import-methods": methods }));
}

const SCHEMAS = new Set(["image", "images", "member", "members", "task", "tasks"]);

/** `image schema show <name>`: `-f json` gives the whole document. */
export async function schemaShow(run: Run): Promise<void> {
  const name = stringArg(run, 0);
  if (!SCHEMAS.has(name)) throw new UsageError(`schema ${name}: one of ${[...SCHEMAS].join(", ")}`);
  const client = await run.images();
  const doc = await client.schemas.get(name as SchemaName, run.call);
  if (run.output.format === "json" || run.output.format === "yaml") {
    await run.show(Object.entries(doc));
    return;
  }
  await run.show(plainFields(doc as Record<string, unknown>));
}
