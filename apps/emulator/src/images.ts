import { randomUUID } from "node:crypto";
import { empty, json, type Ctx, type Reply } from "./http.js";
import { glanceError, isoSeconds } from "./glance-http.js";
import type { Caller } from "./identity.js";
import { imageSchemas, schemaProblem } from "./image-schemas.js";
import type { EmulatorRuntime, Service } from "./server.js";
import type { ImageRecord, MemberRecord, RegionState, TaskRecord } from "./store.js";
import { REGIONS, type Region } from "./types.js";

const DISK_FORMATS = ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"];
const CONTAINER_FORMATS = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"];
const VISIBILITIES = ["public", "private", "shared", "community"];
const READ_ONLY = ["id", "status", "checksum", "os_hash_algo", "os_hash_value", "size", "virtual_size", "created_at", "updated_at", "self", "file", "schema", "direct_url", "locations", "stores"];
/** Glance refuses these in create and patch bodies ("Attribute '…' is reserved."), and names in its own namespace. */
/** Refused in a create body before anything else (Glance's `_disallowed_properties`). */
const CREATE_DISALLOWED = ["direct_url", "self", "file", "schema", "stores"];
const RESERVED = ["location", "deleted", "deleted_at"];
const RESERVED_NAMESPACE = "os_glance";
const SORT_KEYS = ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at", "visibility", "owner", "min_disk", "min_ram", "virtual_size"];
const BASE_FILTERS = new Set(["limit", "marker", "sort_key", "sort_dir", "sort", "name", "id", "status", "visibility", "member_status", "owner", "protected", "os_hidden", "disk_format", "container_format", "size_min", "size_max", "checksum", "os_hash_value", "tag", "created_at", "updated_at"]);

/** The latest Image API minor version the emulator speaks in each flavour. */
const MAX_MINOR = { glance: 16, rackspace: 2 } as const;

function isAdmin(caller: Caller): boolean {
  return caller.roles.includes("admin");
}

/** Whether the caller may see an image (at all, not counting member status). */
export function canSee(region: RegionState, image: ImageRecord, caller: Caller): boolean {
  if (image.deletedAt) return false;
  if (isAdmin(caller) || image.owner === caller.tenantId) return true;
  if (image.visibility === "public" || image.visibility === "community") return true;
  return (region.members[image.id] ?? []).some((m) => m.member_id === caller.tenantId);
}

function memberStatus(region: RegionState, image: ImageRecord, tenant: string): string | undefined {
  return (region.members[image.id] ?? []).find((m) => m.member_id === tenant)?.status;
}

/** An image as the Image API shows it. */
export function renderImage(image: ImageRecord, prefix = ""): Record<string, unknown> {
  return {
    ...image.properties,
    id: image.id,
    name: image.name,
    status: image.status,
    visibility: image.visibility,
    protected: image.protected,
    os_hidden: image.os_hidden,
    checksum: image.checksum,
    os_hash_algo: image.os_hash_algo,
    os_hash_value: image.os_hash_value,
    owner: image.owner,
    size: image.size,
    virtual_size: image.virtual_size,
    min_disk: image.min_disk,
    min_ram: image.min_ram,
    container_format: image.container_format,
    disk_format: image.disk_format,
    created_at: image.created_at,
    updated_at: image.updated_at,
    tags: [...image.tags],
    self: `${prefix}/v2/images/${image.id}`,
    file: `${prefix}/v2/images/${image.id}/file`,
    schema: `${prefix}/v2/schemas/image`,
  };
}

function renderMember(imageId: string, m: MemberRecord): Record<string, unknown> {
  return { member_id: m.member_id, image_id: imageId, status: m.status, created_at: m.created_at, updated_at: m.updated_at, schema: "/v2/schemas/member" };
}

function renderTask(t: TaskRecord, full: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: t.id,
    type: t.type,
    status: t.status,
    owner: t.owner,
    expires_at: t.expires_at,
    created_at: t.created_at,
    updated_at: t.updated_at,
    self: `/v2/tasks/${t.id}`,
    schema: "/v2/schemas/task",
  };
  if (full) Object.assign(base, { input: t.input, result: t.result, message: t.message });
  return base;
}

class Fail extends Error {
  constructor(readonly reply: Reply) {
    super("fail");
  }
}
const fail = (status: number, message: string): never => {
  throw new Fail(glanceError(status, message));
};

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

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Cloud Images (Rackspace flavour) or Glance v2 (upstream flavour). */
export class ImageService implements Service {
  constructor(private readonly rt: EmulatorRuntime) {}

  get #glance(): boolean {
    return this.rt.mode === "glance";
  }

  /** In glance mode, Glance's trusted-auth headers are accepted as well as tokens. */
  authenticate(ctx: Ctx): Caller | undefined {
    if (!this.#glance || ctx.header("x-identity-status") !== "Confirmed") return undefined;
    const project = ctx.header("x-project-id") ?? ctx.header("x-tenant-id");
    if (!project) return undefined;
    const roles = (ctx.header("x-roles") ?? "").split(",").map((r) => r.trim()).filter(Boolean);
    return { tenantId: project, userId: ctx.header("x-user-id") ?? `user-${project}`, roles };
  }

  advance(now: number): boolean {
    let changed = false;
    for (const region of REGIONS) {
      const r = this.rt.store.state.regions[region];
      for (const task of Object.values(r.tasks)) {
        if (task.status === "success" || task.status === "failure") continue;
        const elapsed = now - task.startedAt;
        if (task.status === "pending" && elapsed >= task.durationMs / 3) {
          task.status = "processing";
          task.updated_at = isoSeconds(now);
          changed = true;
        }
        if (task.status === "processing" && elapsed >= task.durationMs) {
          this.finishTask(region, task, now);
          changed = true;
        }
      }
      for (const image of Object.values(r.images)) {
        if (image.importJob && now - image.importJob.startedAt >= this.rt.jobDurationMs / 3) {
          this.finishImportData(image);
          if (!image.blob) image.status = "queued";
          image.importJob = undefined;
          image.updated_at = isoSeconds(now);
          changed = true;
        }
      }
    }
    return changed;
  }

  async handle(ctx: Ctx, caller: Caller, region: Region, rest: string): Promise<Reply> {
    let reply: Reply;
    try {
      reply = await this.route(ctx, caller, region, rest);
    } catch (error) {
      if (error instanceof Fail) reply = error.reply;
      else throw error;
    }
    // Glance (webob) labels JSON as plain `application/json`, without a charset.
    if (reply.headers["content-type"] === "application/json; charset=UTF-8") reply.headers["content-type"] = "application/json";
    return reply;
  }

  private async route(ctx: Ctx, caller: Caller, regionName: Region, rest: string): Promise<Reply> {
    const r = this.rt.store.state.regions[regionName];
    const parts = rest.split("/").filter((p) => p !== "").map((p) => decodeURIComponent(p));
    const m = ctx.method;
    if (parts.length === 0 || (parts.length === 1 && parts[0] === "versions")) return this.versions(ctx, regionName);
    if (parts[0] !== "v2") return glanceError(404, "The resource could not be found.");
    const [, a, b, c, d] = parts;
    if (a === "images" && b === undefined) {
      if (m === "GET") return this.list(ctx, caller, r);
      if (m === "POST") return this.create(ctx, caller, r);
      return glanceError(405, "The method is not allowed for this resource.");
    }
    if (a === "images" && b !== undefined) {
      if (c === undefined) {
        if (m === "GET") return json(200, renderImage(this.visible(r, b, caller)));
        if (m === "PATCH") return this.patch(ctx, caller, r, b);
        if (m === "DELETE") return this.remove(caller, r, b);
        return glanceError(405, "The method is not allowed for this resource.");
      }
      if (c === "tags" && d !== undefined) return this.tag(ctx, caller, r, b, d);
      if (c === "members") return this.members(ctx, caller, r, b, d);
      if (c === "actions" && (d === "deactivate" || d === "reactivate") && m === "POST") return this.activation(caller, r, b, d);
      if (c === "file") return this.file(ctx, caller, r, b);
      if (c === "stage" && m === "PUT") return this.stage(ctx, caller, r, b);
      if (c === "import" && m === "POST") return this.importImage(ctx, caller, r, b);
      if (c === "tasks" && m === "GET") {
        const image = this.visible(r, b, caller);
        const tasks = Object.values(r.tasks).filter((t) => t.result?.["image_id"] === image.id || t.input["image_uuid"] === image.id);
        return json(200, { tasks: tasks.map((t) => ({ ...renderTask(t, true), self: undefined, schema: undefined, image_id: image.id })) });
      }
      return glanceError(404, "The resource could not be found.");
    }
    if (a === "schemas" && b !== undefined && c === undefined && m === "GET") {
      const schema = imageSchemas(this.#glance)[b];
      return schema ? json(200, schema) : glanceError(404, "The resource could not be found.");
    }
    if (a === "tasks") {
      if (b === undefined && m === "GET") return this.listTasks(ctx, caller, r);
      if (b === undefined && m === "POST") return this.createTask(ctx, caller, r);
      if (b !== undefined && c === undefined && m === "GET") {
        const task = r.tasks[b];
        if (!task || (task.owner !== caller.tenantId && !isAdmin(caller))) fail(404, `Task with the identifier ${b} not found`);
        return json(200, renderTask(task!, true));
      }
      return glanceError(405, "The method is not allowed for this resource.");
    }
    if (a === "info" && b === "import" && this.#glance) {
      return json(200, { "import-methods": { description: "Import methods available.", type: "array", value: ["glance-direct", "web-download", "copy-image"] } });
    }
    if (a === "info" && b === "stores" && this.#glance) {
      return json(200, { stores: [{ id: "local", description: "Emulator store", default: true }] });
    }
    return glanceError(404, "The resource could not be found.");
  }

  private versions(ctx: Ctx, region: Region): Reply {
    const max = MAX_MINOR[this.rt.mode];
    const href = `${ctx.baseUrl}/images/${region}/v2/`;
    const versions = [];
    for (let minor = max; minor >= 0; minor--) {
      versions.push({ id: `v2.${minor}`, status: minor === max ? "CURRENT" : "SUPPORTED", links: [{ rel: "self", href }] });
    }
    return json(300, { versions });
  }

  /** The image, or 404 when it does not exist or the caller may not see it. */
  private visible(r: RegionState, id: string, caller: Caller): ImageRecord {
    const image = r.images[id];
    if (!image || !canSee(r, image, caller)) fail(404, `No image found with ID ${id}`);
    return image!;
  }

  private owned(r: RegionState, id: string, caller: Caller, action: string): ImageRecord {
    const image = this.visible(r, id, caller);
    if (image.owner !== caller.tenantId && !isAdmin(caller)) fail(403, `You are not permitted to ${action} this image.`);
    return image;
  }

  private list(ctx: Ctx, caller: Caller, r: RegionState): Reply {
    const q = ctx.query;
    const limitRaw = q.get("limit");
    let limit = 25;
    if (limitRaw !== null) {
      limit = Number(limitRaw);
      if (!Number.isInteger(limit) || limit < 0) fail(400, "limit param must be an integer");
      limit = Math.min(limit, 1000);
    }
    const visibility = q.get("visibility");
    if (visibility !== null && ![...VISIBILITIES, "all"].includes(visibility)) fail(400, `Invalid visibility value: ${visibility}`);
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

  private async create(ctx: Ctx, caller: Caller, r: RegionState): Promise<Reply> {
    if (!this.#glance) {
      // Cloud Images does not create image records directly: images come from import tasks
      // (or from a server snapshot through the Cloud Servers API).
      return glanceError(403, "You are not authorized to complete add_image action.");
    }
    const parsed = await ctx.json();
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) fail(400, "Malformed JSON in request body.");
    const body = (parsed as { value: Record<string, unknown> }).value;
    // As Glance's deserializer: read-only and reserved names first (403), then the image schema (400).
    for (const key of Object.keys(body)) if (CREATE_DISALLOWED.includes(key)) fail(403, `Attribute '${key}' is read-only.`);
    this.checkSchema(body);
    const now = isoSeconds();
    const id = body["id"] === undefined ? randomUUID() : String(body["id"]);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) fail(400, `Invalid image id: ${id}`);
    if (r.images[id]) fail(409, `Image with identifier ${id} already exists!`);
    const image: ImageRecord = {
      id,
      name: null,
      status: "queued",
      visibility: "shared",
      protected: false,
      os_hidden: false,
      owner: caller.tenantId,
      checksum: null,
      os_hash_algo: null,
      os_hash_value: null,
      size: null,
      virtual_size: null,
      min_ram: 0,
      min_disk: 0,
      container_format: null,
      disk_format: null,
      created_at: now,
      updated_at: now,
      tags: [],
      properties: {},
    };
    for (const [key, value] of Object.entries(body)) {
      if (key === "id") continue;
      this.checkWritable(key);
      this.setAttribute(image, key, value, caller, "create");
    }
    r.images[id] = image;
    this.rt.store.save();
    return json(201, renderImage(image), {
      location: `${ctx.baseUrl}${ctx.path.replace(/\/$/, "")}/${id}`,
      "openstack-image-import-methods": "glance-direct,web-download,copy-image",
    });
  }

  /** Glance's 403 for read-only and reserved attribute names (create and patch bodies). */
  private checkWritable(key: string): void {
    if (READ_ONLY.includes(key)) fail(403, `Attribute '${key}' is read-only.`);
    if (this.#glance && (RESERVED.includes(key) || key.startsWith(RESERVED_NAMESPACE))) fail(403, `Attribute '${key}' is reserved.`);
  }

  /** In glance mode, Glance's 400 when (part of) an image does not match its image schema. */
  private checkSchema(object: Record<string, unknown>): void {
    if (!this.#glance) return;
    const problem = schemaProblem(imageSchemas(true)["image"]!, object);
    if (problem) fail(400, problem);
  }

  /** Sets one attribute (create or patch), enforcing Glance's rules. */
  private setAttribute(image: ImageRecord, key: string, value: unknown, caller: Caller, phase: "create" | "patch"): void {
    if (READ_ONLY.includes(key) || (key === "owner" && !isAdmin(caller))) fail(403, `Attribute '${key}' is read-only.`);
    switch (key) {
      case "name":
        if (value !== null && (typeof value !== "string" || value.length > 255)) fail(400, "Invalid value for name.");
        image.name = value as string | null;
        return;
      case "visibility":
        if (typeof value !== "string" || !VISIBILITIES.includes(value)) fail(400, `Invalid visibility value: ${String(value)}`);
        if (value === "public" && !isAdmin(caller)) fail(403, "You are not authorized to complete publicize_image action.");
        image.visibility = value as string;
        return;
      case "protected":
      case "os_hidden":
        if (typeof value !== "boolean") fail(400, `Invalid value for ${key}.`);
        image[key] = value as boolean;
        return;
      case "min_disk":
      case "min_ram":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0) fail(400, `Invalid value for ${key}.`);
        image[key] = value as number;
        return;
      case "disk_format":
      case "container_format": {
        const allowed = key === "disk_format" ? DISK_FORMATS : CONTAINER_FORMATS;
        if (typeof value !== "string" || !allowed.includes(value)) fail(400, `Invalid value '${String(value)}' for ${key}.`);
        if (phase === "patch" && image.status !== "queued") fail(403, `Attribute ${key} can be only replaced for a queued image.`);
        image[key] = value as string;
        return;
      }
      case "owner":
        image.owner = String(value);
        return;
      case "tags":
        if (!Array.isArray(value) || value.some((t) => typeof t !== "string" || t.length > 255)) fail(400, "Invalid tags.");
        image.tags = [...new Set(value as string[])];
        return;
      default:
        if (typeof value !== "string") fail(400, `Invalid value for property '${key}': custom properties are strings.`);
        if (key.length > 255) fail(400, "Property name too long.");
        image.properties[key] = value as string;
    }
  }

  private async patch(ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
    const image = this.owned(r, id, caller, "modify");
    const type = ctx.header("content-type") ?? "";
    if (!type.startsWith("application/openstack-images-v2.1-json-patch") && !type.startsWith("application/openstack-images-v2.0-json-patch")) {
      return glanceError(415, `The request media type ${type} is not supported by this server.\n`, {
        "accept-patch": "application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch",
      });
    }
    const parsed = await ctx.json();
    if (!parsed.ok || !Array.isArray(parsed.value)) fail(400, "Request body must be a JSON array of operation objects.");
    const ops = (parsed as { value: unknown[] }).value;
    const draft: ImageRecord = structuredClone(image);
    for (const raw of ops) {
      if (typeof raw !== "object" || raw === null) fail(400, "Operations must be JSON objects.");
      const op = raw as { op?: unknown; path?: unknown; value?: unknown };
      if (op.op !== "add" && op.op !== "replace" && op.op !== "remove") fail(400, `Invalid operation: ${String(op.op)}`);
      if (typeof op.path !== "string" || !op.path.startsWith("/")) fail(400, "Invalid JSON pointer for this resource.");
      const tokens = (op.path as string).slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
      const key = tokens[0]!;
      if (tokens.length > 1) {
        if (key !== "tags" && key !== "locations") fail(400, `Invalid JSON pointer for this resource: '${String(op.path)}'`);
        if (key === "locations") fail(403, "It's not allowed to update locations.");
        // /tags/- style is not supported by Glance either.
        fail(400, `Invalid JSON pointer for this resource: '${String(op.path)}'`);
      }
      const base = ["name", "visibility", "protected", "os_hidden", "min_disk", "min_ram", "disk_format", "container_format", "tags", "owner", ...READ_ONLY];
      this.checkWritable(key);
      if (op.op !== "remove" && "value" in op) this.checkSchema({ [key]: op.value });
      if (op.op === "remove") {
        if (base.includes(key)) fail(403, `Property ${key} may not be removed.`);
        if (!(key in draft.properties)) fail(409, `Property ${key} does not exist.`);
        delete draft.properties[key];
        continue;
      }
      if (!("value" in op)) fail(400, "Operation objects must contain a 'value' member.");
      if (op.op === "replace" && !base.includes(key) && !(key in draft.properties)) fail(409, `Property ${key} does not exist.`);
      this.setAttribute(draft, key, op.value, caller, "patch");
    }
    draft.updated_at = isoSeconds();
    r.images[id] = draft;
    this.rt.store.save();
    return json(200, renderImage(draft));
  }

  private remove(caller: Caller, r: RegionState, id: string): Reply {
    const image = this.owned(r, id, caller, "delete");
    if (image.protected) fail(403, `Image ${id} is protected and cannot be deleted.`);
    this.deleteImage(r, image);
    this.rt.store.save();
    return empty(204);
  }

  /** Marks an image deleted (kept for compute's changes-since). */
  deleteImage(r: RegionState, image: ImageRecord): void {
    image.deletedAt = isoSeconds();
    image.status = "deleted";
    image.updated_at = image.deletedAt;
    image.snapshot = undefined;
    delete r.members[image.id];
  }

  private tag(ctx: Ctx, caller: Caller, r: RegionState, id: string, tag: string): Reply {
    const image = this.owned(r, id, caller, "modify");
    if (ctx.method === "PUT") {
      if (tag.length > 255) fail(400, "Tag too long.");
      if (!image.tags.includes(tag)) image.tags.push(tag);
    } else if (ctx.method === "DELETE") {
      if (!image.tags.includes(tag)) fail(404, `Tag ${tag} not found.`);
      image.tags = image.tags.filter((t) => t !== tag);
    } else {
      return glanceError(405, "The method is not allowed for this resource.");
    }
    image.updated_at = isoSeconds();
    this.rt.store.save();
    return empty(204);
  }

  private async members(ctx: Ctx, caller: Caller, r: RegionState, id: string, memberId: string | undefined): Promise<Reply> {
    const image = this.visible(r, id, caller);
    const owner = image.owner === caller.tenantId || isAdmin(caller);
    const list = (r.members[id] ??= []);
    const shareable = (): void => {
      if (!owner) fail(403, "You are not permitted to share this image.");
      if (image.visibility === "public" || image.visibility === "community") fail(403, `Only shared images have members.`);
      if (this.#glance && image.visibility !== "shared") fail(403, "Only shared images have members.");
    };
    if (memberId === undefined) {
      if (ctx.method === "GET") {
        if (image.visibility === "public" || image.visibility === "community") fail(403, "Only shared images have members.");
        const shown = owner ? list : list.filter((m) => m.member_id === caller.tenantId);
        return json(200, { members: shown.map((m) => renderMember(id, m)), schema: "/v2/schemas/members" });
      }
      if (ctx.method === "POST") {
        shareable();
        const parsed = await ctx.json();
        const member = parsed.ok ? (parsed.value as { member?: unknown } | null)?.member : undefined;
        if (typeof member !== "string" || member === "") fail(400, "Member to be added not specified");
        if (list.some((m) => m.member_id === member)) fail(409, `Member ${String(member)} already exists for image ${id}.`);
        if (member === image.owner) fail(400, "The image owner cannot be a member.");
        const now = isoSeconds();
        const record: MemberRecord = { member_id: member as string, status: "pending", created_at: now, updated_at: now };
        list.push(record);
        this.rt.store.save();
        return json(200, renderMember(id, record));
      }
      return glanceError(405, "The method is not allowed for this resource.");
    }
    const record = list.find((m) => m.member_id === memberId);
    const notFound = (): never => fail(404, `${memberId} is not a member of image ${id}`);
    if (ctx.method === "GET") {
      if (!record || (!owner && memberId !== caller.tenantId)) notFound();
      return json(200, renderMember(id, record!));
    }
    if (ctx.method === "PUT") {
      if (!record) notFound();
      if (memberId !== caller.tenantId) fail(403, `Not allowed to update members for image ${id}.`);
      const parsed = await ctx.json();
      const status = parsed.ok ? (parsed.value as { status?: unknown } | null)?.status : undefined;
      if (status !== "pending" && status !== "accepted" && status !== "rejected") fail(400, `Invalid status: ${String(status)}`);
      record!.status = status as MemberRecord["status"];
      record!.updated_at = isoSeconds();
      this.rt.store.save();
      return json(200, renderMember(id, record!));
    }
    if (ctx.method === "DELETE") {
      if (!owner) fail(403, "You are not permitted to delete this member.");
      if (!record) notFound();
      r.members[id] = list.filter((m) => m !== record);
      this.rt.store.save();
      return empty(204);
    }
    return glanceError(405, "The method is not allowed for this resource.");
  }

  private activation(caller: Caller, r: RegionState, id: string, action: "deactivate" | "reactivate"): Reply {
    const image = this.visible(r, id, caller);
    if (!isAdmin(caller)) fail(403, `You are not authorized to complete ${action} action.`);
    if (action === "deactivate") {
      if (image.status !== "active" && image.status !== "deactivated") fail(403, "Not allowed to deactivate image in status " + image.status);
      image.status = "deactivated";
    } else {
      if (image.status !== "active" && image.status !== "deactivated") fail(403, "Not allowed to reactivate image in status " + image.status);
      image.status = "active";
    }
    image.updated_at = isoSeconds();
    this.rt.store.save();
    return empty(204);
  }

  private async file(ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
    if (!this.#glance) {
      // Cloud Images moves data only through import/export tasks and Cloud Files.
      const action = ctx.method === "PUT" ? "upload_image" : "download_image";
      this.visible(r, id, caller);
      return glanceError(403, `You are not authorized to complete ${action} action.`);
    }
    if (ctx.method === "GET") {
      const image = this.visible(r, id, caller);
      if (image.status === "deactivated" && !isAdmin(caller)) fail(403, "The requested image has been deactivated. Image data download is forbidden.");
      if (!image.blob) return empty(204);
      const data = this.rt.store.readBlob(image.blob);
      return { status: 200, headers: { "content-type": "application/octet-stream", "content-md5": image.checksum ?? "" }, body: data };
    }
    if (ctx.method === "PUT") {
      const image = this.owned(r, id, caller, "upload data to");
      if (image.status !== "queued") fail(409, `Image status transition from ${image.status} to saving is not allowed`);
      if (!image.disk_format || !image.container_format) fail(400, "Properties disk_format, container_format must be set prior to saving data.");
      const data = await ctx.body();
      this.setData(image, data);
      this.rt.store.save();
      return empty(204);
    }
    return glanceError(405, "The method is not allowed for this resource.");
  }

  private setData(image: ImageRecord, data: Buffer): void {
    const d = this.rt.store.putBlob(data);
    image.blob = d.blob;
    image.size = d.size;
    image.checksum = d.md5;
    image.os_hash_algo = "sha512";
    image.os_hash_value = d.sha512;
    image.status = "active";
    image.updated_at = isoSeconds();
  }

  private async stage(ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
    if (!this.#glance) return glanceError(404, "The resource could not be found.");
    const image = this.owned(r, id, caller, "stage data for");
    if (image.status !== "queued") fail(409, `Image status transition from ${image.status} to uploading is not allowed`);
    const data = await ctx.body();
    const d = this.rt.store.putBlob(data);
    image.staged = d.blob;
    image.size = d.size;
    image.status = "uploading";
    image.updated_at = isoSeconds();
    this.rt.store.save();
    return empty(204);
  }

  private async importImage(ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
    if (!this.#glance) return glanceError(404, "The resource could not be found.");
    const image = this.owned(r, id, caller, "import");
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
        this.rt.store.save();
        return json(202, {});
      }
      const data = Buffer.from(await res.arrayBuffer());
      const d = this.rt.store.putBlob(data);
      image.staged = d.blob;
    } else {
      fail(400, `Import method ${String(name)} is not supported`);
    }
    image.status = "importing";
    image.importJob = { startedAt: Date.now(), method: String(name) };
    this.rt.store.save();
    return json(202, {});
  }

  /** When the job ends, the staged data becomes the image data with its digests. */
  private finishImportData(image: ImageRecord): void {
    if (image.staged) {
      const data = this.rt.store.readBlob(image.staged);
      image.staged = undefined;
      this.setData(image, data);
    }
  }

  private listTasks(ctx: Ctx, caller: Caller, r: RegionState): Reply {
    const status = ctx.query.get("status");
    const type = ctx.query.get("type");
    const tasks = Object.values(r.tasks)
      .filter((t) => (t.owner === caller.tenantId || isAdmin(caller)) && (status === null || t.status === status) && (type === null || t.type === type))
      .sort((a, b) => compare(b.created_at, a.created_at) || compare(b.id, a.id));
    return json(200, { tasks: tasks.map((t) => renderTask(t, false)), first: "/v2/tasks", schema: "/v2/schemas/tasks" });
  }

  private async createTask(ctx: Ctx, caller: Caller, r: RegionState): Promise<Reply> {
    const parsed = await ctx.json();
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) fail(400, "Malformed JSON in request body.");
    const body = (parsed as { value: { type?: unknown; input?: unknown } }).value;
    if (body.type !== "import" && body.type !== "export") fail(400, `Invalid type value: ${String(body.type)}`);
    if (typeof body.input !== "object" || body.input === null || Array.isArray(body.input)) fail(400, "Invalid input: input must be an object.");
    const input = body.input as Record<string, unknown>;
    if (body.type === "import") {
      if (typeof input["import_from"] !== "string" || !/^[^/]+\/.+$/.test(input["import_from"] as string)) {
        fail(400, "Invalid input: 'import_from' must be the Cloud Files location 'container/object'.");
      }
      const props = input["image_properties"];
      if (props !== undefined) {
        if (typeof props !== "object" || props === null || Array.isArray(props)) fail(400, "Invalid input: 'image_properties' must be an object.");
        const extra = Object.keys(props as object).filter((k) => k !== "name");
        if (extra.length > 0) fail(400, `Invalid input: only 'name' is allowed in 'image_properties', got ${extra.join(", ")}.`);
      }
      const format = input["import_from_format"];
      if (format !== undefined && typeof format !== "string") fail(400, "Invalid input: 'import_from_format' must be a string.");
    } else {
      if (typeof input["image_uuid"] !== "string") fail(400, "Invalid input: 'image_uuid' is required.");
      if (typeof input["receiving_swift_container"] !== "string" || input["receiving_swift_container"] === "") {
        fail(400, "Invalid input: 'receiving_swift_container' is required.");
      }
    }
    const now = Date.now();
    const task: TaskRecord = {
      id: randomUUID(),
      type: body.type as string,
      status: "pending",
      input,
      result: null,
      owner: caller.tenantId,
      message: "",
      created_at: isoSeconds(now),
      updated_at: isoSeconds(now),
      expires_at: null,
      startedAt: now,
      durationMs: this.rt.jobDurationMs,
    };
    r.tasks[task.id] = task;
    this.rt.store.save();
    return json(201, renderTask(task, true));
  }

  /** Runs the work of an import or export task when its time is up. */
  private finishTask(regionName: Region, task: TaskRecord, now: number): void {
    const r = this.rt.store.state.regions[regionName];
    const files = (r.files[task.owner] ??= {});
    const end = (status: "success" | "failure", message: string, result: Record<string, unknown> | null): void => {
      task.status = status;
      task.message = message;
      task.result = result;
      task.updated_at = isoSeconds(now);
      task.expires_at = isoSeconds(now + 48 * 3600 * 1000);
    };
    if (task.type === "import") {
      const from = task.input["import_from"] as string;
      const slash = from.indexOf("/");
      const container = from.slice(0, slash);
      const objectName = from.slice(slash + 1);
      const object = files[container]?.objects[objectName];
      if (!files[container]) return end("failure", `Swift container ${container} could not be found.`, null);
      if (!object) return end("failure", `Swift object ${from} could not be found.`, null);
      const format = (task.input["import_from_format"] as string | undefined) ?? "vhd";
      if (format !== "vhd") return end("failure", `Image format '${format}' is not supported; import a VHD.`, null);
      if (object.bytes === 0) return end("failure", "Image import failed: the image file is empty.", null);
      const props = (task.input["image_properties"] as { name?: unknown } | undefined) ?? {};
      const id = randomUUID();
      const data = this.rt.store.readBlob(object.blob);
      const image: ImageRecord = {
        id,
        name: typeof props.name === "string" ? props.name : objectName,
        status: "active",
        visibility: "private",
        protected: false,
        os_hidden: false,
        owner: task.owner,
        checksum: null,
        os_hash_algo: null,
        os_hash_value: null,
        size: null,
        virtual_size: null,
        min_ram: 0,
        min_disk: 0,
        container_format: "ovf",
        disk_format: "vhd",
        created_at: isoSeconds(now),
        updated_at: isoSeconds(now),
        tags: [],
        properties: { image_type: "import", os_type: "linux", vm_mode: "hvm" },
      };
      this.setData(image, data);
      r.images[id] = image;
      return end("success", "", { image_id: id });
    }
    const imageId = task.input["image_uuid"] as string;
    const image = r.images[imageId];
    const caller: Caller = { tenantId: task.owner, userId: "", roles: [] };
    if (!image || !canSee(r, image, caller) || image.owner !== task.owner) {
      return end("failure", `Requested image for export was not found: ${imageId}`, null);
    }
    const containerName = task.input["receiving_swift_container"] as string;
    const container = files[containerName];
    if (!container) return end("failure", `Receiving swift container ${containerName} was not found.`, null);
    if (!image.blob || image.status !== "active") return end("failure", `Image ${imageId} is not exportable: it has no active data.`, null);
    const objectName = `${imageId}.vhd`;
    const data = this.rt.store.readBlob(image.blob);
    container.objects[objectName] = {
      blob: image.blob,
      bytes: data.length,
      hash: image.checksum ?? "",
      content_type: "application/octet-stream",
      last_modified: new Date(now).toISOString().replace("Z", ""),
      metadata: {},
    };
    return end("success", "", { export_location: `${containerName}/${objectName}` });
  }
}
