import { json, type Ctx, type Reply } from "./http.js";
import type { Caller } from "./identity.js";
import { renderImage } from "./image-render.js";
import { canSee, fail, isAdmin, memberStatus, visibilitiesOf } from "./image-rules.js";
import type { RegionState } from "./store.js";

/** Sort keys Glance accepts. */
const SORT_KEYS = ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at", "visibility", "owner", "min_disk", "min_ram", "virtual_size"];
/** Query parameters that are not custom-property filters. */
const BASE_FILTERS = new Set(["limit", "marker", "sort_key", "sort_dir", "sort", "name", "id", "status", "visibility", "member_status", "owner", "protected", "os_hidden", "disk_format", "container_format", "size_min", "size_max", "checksum", "os_hash_value", "tag", "created_at", "updated_at"]);

/** Parses `op:value` filters (`in:a,b`, `gte:2024-…`). */
function opValue(raw: string): { op: string; value: string } {
  const m = /^(in|gt|gte|lt|lte|eq|neq):(.*)$/s.exec(raw);
  return m ? { op: m[1]!, value: m[2]! } : { op: "eq", value: raw };
}

function splitIn(value: string): string[] {
  // Glance's `in:` takes a comma-separated list; values may be double-quoted to hold commas.
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,]+)/g;
  for (const m of value.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!);
  return out;
}

function matchesIn(actual: string | null, raw: string): boolean {
  const { op, value } = opValue(raw);
  if (op === "in") return splitIn(value).includes(actual ?? "");
  return (actual ?? "") === value;
}

function matchesDate(actual: string, raw: string): boolean {
  const { op, value } = opValue(raw);
  const a = Date.parse(actual);
  const b = Date.parse(value);
  if (Number.isNaN(b)) fail(400, `Unable to parse datetime '${value}'.`);
  switch (op) {
    case "gt":
      return a > b;
    case "gte":
      return a >= b;
    case "lt":
      return a < b;
    case "lte":
      return a <= b;
    case "neq":
      return a !== b;
    default:
      return a === b;
  }
}

/** Orders two attribute values as Glance sorts them (nulls first). */
export function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** `GET /v2/images`: filters, sorting, paging and the visibility rules of listings. */
export function listImages(mode: "glance" | "rackspace", ctx: Ctx, caller: Caller, r: RegionState): Reply {
  const q = ctx.query;
  const limitRaw = q.get("limit");
  let limit = 25;
  if (limitRaw !== null) {
    limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 0) fail(400, "limit param must be an integer");
    limit = Math.min(limit, 1000);
  }
  const visibility = q.get("visibility");
  // Cloud Images has no `shared` (nor `community`) visibility, and refuses it as a filter.
  if (visibility !== null && ![...visibilitiesOf(mode), "all"].includes(visibility)) fail(400, `Invalid visibility value: ${visibility}`);
  const memberStatusFilter = q.get("member_status") ?? "accepted";
  if (!["pending", "accepted", "rejected", "all"].includes(memberStatusFilter)) fail(400, `Invalid status value: ${memberStatusFilter}`);
  const osHidden = q.get("os_hidden");

  // Sorting: `sort=key:dir,...` or repeated sort_key/sort_dir.
  const sortKeys: { key: string; dir: "asc" | "desc" }[] = [];
  const sort = q.get("sort");
  if (sort !== null) {
    if (q.has("sort_key") || q.has("sort_dir")) fail(400, "The 'sort' parameter cannot be combined with 'sort_key' and 'sort_dir'.");
    for (const part of sort.split(",")) {
      const [key, dir = "desc"] = part.split(":");
      if (!SORT_KEYS.includes(key!)) fail(400, `Invalid sort key: ${key}. It must be one of the following: ${SORT_KEYS.join(", ")}.`);
      if (dir !== "asc" && dir !== "desc") fail(400, `Invalid sort direction: ${dir}`);
      sortKeys.push({ key: key!, dir: dir as "asc" | "desc" });
    }
  } else {
    const keys = q.getAll("sort_key");
    const dirs = q.getAll("sort_dir");
    if (dirs.length > 1 && dirs.length !== keys.length) fail(400, "Number of sort dirs does not match the number of sort keys");
    keys.forEach((key, i) => {
      if (!SORT_KEYS.includes(key)) fail(400, `Invalid sort key: ${key}. It must be one of the following: ${SORT_KEYS.join(", ")}.`);
      const dir = (dirs.length > 1 ? dirs[i] : dirs[0]) ?? "desc";
      if (dir !== "asc" && dir !== "desc") fail(400, `Invalid sort direction: ${dir}`);
      sortKeys.push({ key, dir: dir as "asc" | "desc" });
    });
  }
  if (sortKeys.length === 0) sortKeys.push({ key: "created_at", dir: "desc" });
  if (!sortKeys.some((s) => s.key === "id")) sortKeys.push({ key: "id", dir: sortKeys[sortKeys.length - 1]!.dir });

  const tags = q.getAll("tag");
  const sizeMin = q.get("size_min");
  const sizeMax = q.get("size_max");
  const boolParam = (name: string): boolean | undefined => {
    const v = q.get(name);
    if (v === null) return undefined;
    if (!["true", "false", "True", "False", "1", "0"].includes(v)) fail(400, `Invalid value for ${name}: ${v}`);
    return v.toLowerCase() === "true" || v === "1";
  };
  const isProtected = boolParam("protected");
  const hidden = osHidden === null ? false : boolParam("os_hidden");
  const customFilters = [...q.keys()].filter((k) => !BASE_FILTERS.has(k));

  const admin = isAdmin(caller);
  let images = Object.values(r.images).filter((image) => {
    if (image.deletedAt) return false;
    const mine = image.owner === caller.tenantId;
    const mstatus = memberStatus(r, image, caller.tenantId);
    // Which images are listed at all (Glance's visibility rules).
    if (visibility === null) {
      if (!admin && !mine) {
        if (image.visibility === "community") return false;
        if (image.visibility === "shared" || image.visibility === "private") {
          if (mstatus === undefined) return false;
          if (memberStatusFilter !== "all" && mstatus !== memberStatusFilter) return false;
        }
      } else if (admin && !mine && memberStatusFilter !== "accepted" && memberStatusFilter !== "all") {
        if (mstatus !== memberStatusFilter) return false;
      }
    } else if (visibility !== "all") {
      if (image.visibility !== visibility) return false;
      if (!admin && !mine && (visibility === "shared" || visibility === "private")) {
        if (mstatus === undefined) return false;
        if (memberStatusFilter !== "all" && mstatus !== memberStatusFilter) return false;
      }
    } else if (!canSee(r, image, caller)) return false;
    if (hidden !== undefined && image.os_hidden !== hidden) return false;
    if (isProtected !== undefined && image.protected !== isProtected) return false;
    for (const tag of tags) if (!image.tags.includes(tag)) return false;
    for (const [name, actual] of [
      ["name", image.name],
      ["id", image.id],
      ["status", image.status],
      ["owner", image.owner],
      ["disk_format", image.disk_format],
      ["container_format", image.container_format],
      ["checksum", image.checksum],
      ["os_hash_value", image.os_hash_value],
    ] as const) {
      const raw = q.get(name);
      if (raw !== null && !matchesIn(actual, raw)) return false;
    }
    if (sizeMin !== null && (image.size === null || image.size < Number(sizeMin))) return false;
    if (sizeMax !== null && (image.size === null || image.size > Number(sizeMax))) return false;
    for (const field of ["created_at", "updated_at"] as const) {
      const raw = q.get(field);
      if (raw !== null && !matchesDate(image[field], raw)) return false;
    }
    for (const key of customFilters) if (image.properties[key] !== q.get(key)) return false;
    return true;
  });

  images.sort((x, y) => {
    for (const { key, dir } of sortKeys) {
      const c = compare((x as unknown as Record<string, unknown>)[key], (y as unknown as Record<string, unknown>)[key]);
      if (c !== 0) return dir === "asc" ? c : -c;
    }
    return 0;
  });
  const marker = q.get("marker");
  if (marker !== null) {
    const index = images.findIndex((i) => i.id === marker);
    if (index < 0) fail(400, `No image found with ID ${marker}`);
    images = images.slice(index + 1);
  }
  const page = images.slice(0, limit);
  const params = new URLSearchParams(ctx.rawQuery);
  params.delete("marker");
  const firstQuery = params.toString();
  const body: Record<string, unknown> = {
    images: page.map((i) => renderImage(i)),
    first: `/v2/images${firstQuery ? `?${firstQuery}` : ""}`,
    schema: "/v2/schemas/images",
  };
  if (page.length === limit && images.length > limit && page.length > 0) {
    const next = new URLSearchParams(params);
    next.set("marker", page[page.length - 1]!.id);
    body["next"] = `/v2/images?${next.toString()}`;
  }
  return json(200, body);
}
