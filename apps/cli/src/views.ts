/**
 * How each resource prints, following the openstack CLI: the fields of `image show` (the
 * known attributes at the top level, every other key in `properties`, nulls left out, sorted
 * by name), the columns of `image list` and `--long`, members and tasks.
 */
import type { Image, Member, Task } from "@cloud-images/node";
import { dictColumn, listColumn } from "./output/render.js";
import { humanBytes } from "./progress.js";
import { assignOwn, setOwn } from "@cloud-images/core/internal";

/** The attributes `openstack image show` prints at the top level (everything else goes in `properties`). */
const IMAGE_FIELDS = new Set([
  "checksum",
  "container_format",
  "created_at",
  "disk_format",
  "file",
  "id",
  "min_disk",
  "min_ram",
  "name",
  "owner",
  "protected",
  "schema",
  "size",
  "status",
  "tags",
  "updated_at",
  "virtual_size",
  "visibility",
]);
/** Never printed (the image's own link). */
const HIDDEN = new Set(["self"]);

/** `Field | Value` rows of an image. */
export function imageFields(image: Image, humanReadable = false): [string, unknown][] {
  const top: [string, unknown][] = [];
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(image as Record<string, unknown>)) {
    if (HIDDEN.has(key)) continue;
    if (IMAGE_FIELDS.has(key)) {
      if (value === null || value === undefined) continue;
      if (key === "tags") top.push([key, listColumn(value as string[])]);
      else if (humanReadable && (key === "size" || key === "virtual_size") && typeof value === "number") top.push([key, humanBytes(value)]);
      else top.push([key, value]);
    } else if (key === "properties" && typeof value === "object" && value !== null) assignOwn(properties, value as Record<string, unknown>);
    else setOwn(properties, key, value);
  }
  if (Object.keys(properties).length > 0) top.push(["properties", dictColumn(properties)]);
  if (!top.some(([k]) => k === "tags")) top.push(["tags", listColumn([])]);
  return top.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `image list` columns. */
export const IMAGE_LIST_HEADERS = ["ID", "Name", "Status"] as const;
/** `image list --long` columns. */
export const IMAGE_LONG_HEADERS = ["ID", "Name", "Disk Format", "Container Format", "Size", "Checksum", "Status", "Visibility", "Protected", "Project", "Tags"] as const;

/** One `image list` row. */
export function imageRow(image: Image, long: boolean): unknown[] {
  const i = image as Image & Record<string, unknown>;
  // Missing values print as the openstack CLI prints them: `None` in tables, `null` in JSON.
  const v = (x: unknown): unknown => x ?? null;
  if (!long) return [i.id, v(i.name), i.status];
  return [i.id, v(i.name), v(i.disk_format), v(i.container_format), v(i.size), v(i.checksum), i.status, i.visibility, i.protected, v(i.owner), listColumn(i.tags ?? [])];
}

/** `Field | Value` rows of a membership. */
export function memberFields(member: Member): [string, unknown][] {
  return Object.entries(member as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** `image member list` columns. */
export const MEMBER_HEADERS = ["Image ID", "Member ID", "Status"] as const;

/** One `image member list` row. */
export function memberRow(m: Member): unknown[] {
  return [m.image_id, m.member_id, m.status];
}

/** `Field | Value` rows of a task. */
export function taskFields(task: Task): [string, unknown][] {
  return Object.entries(task as Record<string, unknown>)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]): [string, unknown] => [k, typeof v === "object" && v !== null && !Array.isArray(v) ? dictColumn(v as Record<string, unknown>) : v])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** `image task list` columns. */
export const TASK_HEADERS = ["ID", "Type", "Status", "Owner"] as const;

/** One `image task list` row. */
export function taskRow(t: Task): unknown[] {
  return [t.id, t.type, t.status, (t as Task & { owner?: string | null }).owner ?? ""];
}

/** Any object as sorted `Field | Value` rows (objects as dict columns, arrays as list columns). */
export function plainFields(object: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(object)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]): [string, unknown] => [
      k,
      Array.isArray(v) ? listColumn(v) : typeof v === "object" && v !== null ? dictColumn(v as Record<string, unknown>) : v,
    ])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
