import type { QueryEntries } from "../http/query.js";
import { pushPagingEntries } from "../pagination/paging-query.js";
import { InputChecker } from "../validation/checker.js";
import {
  CONTAINER_FORMATS,
  DISK_FORMATS,
  IMAGE_SORT_KEYS,
  IMAGE_STATUSES,
  MAX_TAG_LENGTH,
  MEMBER_STATUSES,
  SORT_DIRECTIONS,
  VISIBILITIES,
  type ContainerFormat,
  type DiskFormat,
  type ImageSortKey,
  type ImageStatus,
  type MemberStatus,
  type SortDirection,
  type Visibility,
} from "./enums.js";

/** Matches any of several values: sent as Glance's `in:` operator (`status=in:active,queued`). */
export interface InFilter<T extends string> {
  /** The accepted values. Values with commas or quotes are quoted for you. */
  readonly in: readonly T[];
}

/** A comparison operator for date filters. */
export type CompareOperator = "gt" | "gte" | "lt" | "lte" | "eq" | "neq";

/** A date: a `Date` or an ISO 8601 string. */
export type DateValue = Date | string;

/**
 * A date filter: a plain date (equality), or exactly one comparison, e.g.
 * `{ gte: "2026-01-01T00:00:00Z" }` (sent as `gte:2026-01-01T00:00:00Z`).
 */
export type DateFilter = DateValue | { readonly [op in CompareOperator]?: DateValue };

/** One sort criterion for the `sort=key:dir,...` syntax. */
export interface SortCriterion {
  /** Attribute to sort by. */
  readonly key: ImageSortKey;
  /** Direction (server default: `desc`). */
  readonly dir?: SortDirection;
}

/** Filters, sorting and paging of `GET /v2/images`. Names as the API spells them. */
export interface ListImagesQuery {
  /** Page size (Glance caps it at `api_limit_max`, 1000 by default). */
  readonly limit?: number;
  /** Id of the last image of the previous page. */
  readonly marker?: string;
  /** Images whose id is one of these. */
  readonly id?: InFilter<string>;
  /** Exact name, or one of several. */
  readonly name?: string | InFilter<string>;
  /** Owner project id. */
  readonly owner?: string;
  /** Protected images only (`true`) or unprotected only (`false`). */
  readonly protected?: boolean;
  /** Status, or one of several. */
  readonly status?: ImageStatus | InFilter<ImageStatus>;
  /** Visibility; `all` lists every image the project can see. */
  readonly visibility?: Visibility | "all";
  /** Hidden images (`true`) or not hidden (`false`, the server's default). */
  readonly os_hidden?: boolean;
  /** For shared images: the caller's membership status to list (`accepted` by default). */
  readonly member_status?: MemberStatus | "all";
  /** Images carrying this tag, or all of these tags. */
  readonly tag?: string | readonly string[];
  /** Smallest size in bytes. */
  readonly size_min?: number;
  /** Largest size in bytes. */
  readonly size_max?: number;
  /** Smallest virtual size in bytes. */
  readonly virtual_size_min?: number;
  /** Largest virtual size in bytes. */
  readonly virtual_size_max?: number;
  /** Creation date, exact or compared (`gt`, `gte`, `lt`, `lte`, `eq`, `neq`). */
  readonly created_at?: DateFilter;
  /** Last update date, exact or compared. */
  readonly updated_at?: DateFilter;
  /** Container format, or one of several. */
  readonly container_format?: ContainerFormat | InFilter<ContainerFormat>;
  /** Disk format, or one of several. */
  readonly disk_format?: DiskFormat | InFilter<DiskFormat>;
  /** MD5 checksum of the data. */
  readonly checksum?: string;
  /** Multihash value of the data. */
  readonly os_hash_value?: string;
  /** Classic sort: one or several keys. */
  readonly sort_key?: ImageSortKey | readonly ImageSortKey[];
  /** Classic sort: one direction for all keys, or one per key. */
  readonly sort_dir?: SortDirection | readonly SortDirection[];
  /** New sort syntax, `sort=name:asc,size:desc`. Cannot be combined with `sort_key`/`sort_dir`. */
  readonly sort?: readonly SortCriterion[];
  /** Custom property filters (exact match), e.g. `{ os_distro: "ubuntu" }`. */
  readonly properties?: Readonly<Record<string, string>>;
}

const COMPARE_OPERATORS: readonly CompareOperator[] = ["gt", "gte", "lt", "lte", "eq", "neq"];
const KNOWN_KEYS = new Set<string>([
  "limit",
  "marker",
  "id",
  "name",
  "owner",
  "protected",
  "status",
  "visibility",
  "os_hidden",
  "member_status",
  "tag",
  "size_min",
  "size_max",
  "virtual_size_min",
  "virtual_size_max",
  "created_at",
  "updated_at",
  "container_format",
  "disk_format",
  "checksum",
  "os_hash_value",
  "sort_key",
  "sort_dir",
  "sort",
  "properties",
]);

/**
 * Checks a list query and turns it into query parameters. Throws `ValidationError` listing
 * every problem, before anything is sent.
 */
export function listImagesQueryEntries(query: ListImagesQuery = {}, operation = "images.list"): QueryEntries {
  const check = new InputChecker(operation);
  const out: [string, string][] = [];
  const q = query as Record<string, unknown>;

  for (const key of Object.keys(q)) {
    if (!KNOWN_KEYS.has(key) && q[key] !== undefined) {
      check.fail([key], "is not a known filter; put custom property filters under `properties`");
    }
  }
  pushPagingEntries(check, out, query);
  if (query.id !== undefined) {
    if (typeof query.id !== "object" || query.id === null || !Array.isArray(query.id.in)) {
      check.fail(["id"], "must be { in: [ids…] }");
    } else {
      query.id.in.forEach((v, i) => check.uuid(["id", "in", i], v));
      out.push(["id", inValue(query.id.in)]);
    }
  }
  pushMaybeIn(check, out, "name", query.name, undefined);
  pushPlainString(check, out, "owner", query.owner);
  pushBoolean(check, out, "protected", query.protected);
  pushMaybeIn(check, out, "status", query.status, IMAGE_STATUSES);
  if (query.visibility !== undefined) {
    check.oneOf(["visibility"], query.visibility, [...VISIBILITIES, "all"]);
    out.push(["visibility", String(query.visibility)]);
  }
  pushBoolean(check, out, "os_hidden", query.os_hidden);
  if (query.member_status !== undefined) {
    check.oneOf(["member_status"], query.member_status, [...MEMBER_STATUSES, "all"]);
    out.push(["member_status", String(query.member_status)]);
  }
  if (query.tag !== undefined) {
    const tags = typeof query.tag === "string" ? [query.tag] : query.tag;
    if (!Array.isArray(tags)) check.fail(["tag"], "must be a string or an array of strings");
    else
      tags.forEach((t, i) => {
        check.string(["tag", i], t, { max: MAX_TAG_LENGTH });
        out.push(["tag", String(t)]);
      });
  }
  for (const key of ["size_min", "size_max", "virtual_size_min", "virtual_size_max"] as const) {
    const value = query[key];
    if (value !== undefined) {
      check.integer([key], value, { min: 0 });
      out.push([key, String(value)]);
    }
  }
  pushDate(check, out, "created_at", query.created_at);
  pushDate(check, out, "updated_at", query.updated_at);
  pushMaybeIn(check, out, "container_format", query.container_format, CONTAINER_FORMATS);
  pushMaybeIn(check, out, "disk_format", query.disk_format, DISK_FORMATS);
  pushPlainString(check, out, "checksum", query.checksum);
  pushPlainString(check, out, "os_hash_value", query.os_hash_value);
  pushSort(check, out, query);
  if (query.properties !== undefined) {
    for (const [name, value] of Object.entries(query.properties)) {
      if (KNOWN_KEYS.has(name)) check.fail(["properties", name], "is a built-in filter, not a custom property");
      check.string(["properties", name], value, { min: 0, max: 65535 });
      out.push([name, String(value)]);
    }
  }
  check.throwIfInvalid();
  return out;
}

function inValue(values: readonly string[]): string {
  return `in:${values.map((v) => (/[,"\\]/.test(v) ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : v)).join(",")}`;
}

function pushMaybeIn(
  check: InputChecker,
  out: [string, string][],
  key: string,
  value: string | InFilter<string> | undefined,
  allowed: readonly string[] | undefined,
): void {
  if (value === undefined) return;
  if (typeof value === "object" && value !== null && Array.isArray(value.in)) {
    if (value.in.length === 0) check.fail([key, "in"], "must list at least one value");
    value.in.forEach((v, i) => (allowed ? check.oneOf([key, "in", i], v, allowed) : check.string([key, "in", i], v)));
    out.push([key, inValue(value.in)]);
    return;
  }
  if (allowed) check.oneOf([key], value, allowed);
  else check.string([key], value);
  // A plain value with a colon would be read as an operator by Glance: send it as `eq:`.
  out.push([key, typeof value === "string" && value.includes(":") ? `eq:${value}` : String(value)]);
}

function pushPlainString(check: InputChecker, out: [string, string][], key: string, value: unknown): void {
  if (value === undefined) return;
  check.string([key], value);
  out.push([key, String(value)]);
}

function pushBoolean(check: InputChecker, out: [string, string][], key: string, value: unknown): void {
  if (value === undefined) return;
  check.boolean([key], value);
  out.push([key, String(value)]);
}

function formatDate(value: DateValue): string {
  return value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, "Z") : value;
}

function pushDate(check: InputChecker, out: [string, string][], key: string, filter: DateFilter | undefined): void {
  if (filter === undefined) return;
  if (filter instanceof Date || typeof filter === "string") {
    check.date([key], filter);
    out.push([key, formatDate(filter)]);
    return;
  }
  const ops = Object.keys(filter).filter((k) => (filter as Record<string, unknown>)[k] !== undefined);
  if (ops.length !== 1) {
    check.fail([key], `must have exactly one comparison (${COMPARE_OPERATORS.join(", ")}), got ${ops.length}`);
    return;
  }
  const op = ops[0] as CompareOperator;
  if (!COMPARE_OPERATORS.includes(op)) {
    check.fail([key, op], `is not a comparison; use one of ${COMPARE_OPERATORS.join(", ")}`);
    return;
  }
  const value = filter[op] as DateValue;
  check.date([key, op], value);
  out.push([key, `${op}:${formatDate(value)}`]);
}

function pushSort(check: InputChecker, out: [string, string][], query: ListImagesQuery): void {
  const keys = query.sort_key === undefined ? [] : typeof query.sort_key === "string" ? [query.sort_key] : [...query.sort_key];
  const dirs = query.sort_dir === undefined ? [] : typeof query.sort_dir === "string" ? [query.sort_dir] : [...query.sort_dir];
  if (query.sort !== undefined) {
    if (keys.length || dirs.length) check.fail(["sort"], "cannot be combined with sort_key/sort_dir (Glance refuses both)");
    if (!Array.isArray(query.sort) || query.sort.length === 0) {
      check.fail(["sort"], "must be a non-empty array of { key, dir }");
      return;
    }
    const parts = query.sort.map((c, i) => {
      check.oneOf(["sort", i, "key"], c?.key, IMAGE_SORT_KEYS);
      if (c?.dir !== undefined) check.oneOf(["sort", i, "dir"], c.dir, SORT_DIRECTIONS);
      return c?.dir ? `${c.key}:${c.dir}` : String(c?.key);
    });
    out.push(["sort", parts.join(",")]);
    return;
  }
  keys.forEach((k, i) => check.oneOf(["sort_key", i], k, IMAGE_SORT_KEYS));
  dirs.forEach((d, i) => check.oneOf(["sort_dir", i], d, SORT_DIRECTIONS));
  if (dirs.length > 1 && dirs.length !== keys.length) {
    check.fail(["sort_dir"], `gives ${dirs.length} directions for ${keys.length} keys; give one, or one per key`);
  }
  for (const k of keys) out.push(["sort_key", k]);
  for (const d of dirs) out.push(["sort_dir", d]);
}
