import { randomUUID } from "node:crypto";
import { glanceError, isoSeconds } from "./glance-http.js";
import { json, type Ctx, type Reply } from "./http.js";
import type { Caller } from "./identity.js";
import { renderImage } from "./image-render.js";
import { imageSchemas, schemaProblem } from "./image-schemas.js";
import { CONTAINER_FORMATS, DISK_FORMATS, fail, isAdmin, ownedImage, READ_ONLY, VISIBILITIES } from "./image-rules.js";
import type { EmulatorRuntime } from "./server.js";
import type { ImageRecord, RegionState } from "./store.js";
import { defineKey } from "./own-keys.js";

/** Refused in a create body before anything else (Glance's `_disallowed_properties`). */
const CREATE_DISALLOWED = ["direct_url", "self", "file", "schema", "stores"];
/** Glance refuses these in create and patch bodies ("Attribute '…' is reserved."), and names in its own namespace. */
const RESERVED = ["location", "deleted", "deleted_at"];
const RESERVED_NAMESPACE = "os_glance";

/**
 * `POST /v2/images` (glance mode). Cloud Images refuses it (403), after its deserializer has
 * checked the body's `visibility` as Glance's does (400 for `shared`, which it does not have).
 */
export async function createImage(rt: EmulatorRuntime, ctx: Ctx, caller: Caller, r: RegionState): Promise<Reply> {
  const glance = rt.mode === "glance";
  if (!glance) {
    // Cloud Images does not create image records directly: images come from import tasks
    // (or from a server snapshot through the Cloud Servers API).
    const parsed = await ctx.json();
    if (parsed.ok && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value)) {
      checkSchema(false, parsed.value as Record<string, unknown>);
    }
    return glanceError(403, "You are not authorized to complete add_image action.");
  }
  const parsed = await ctx.json();
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) fail(400, "Malformed JSON in request body.");
  const body = (parsed as { value: Record<string, unknown> }).value;
  // As Glance's deserializer: read-only and reserved names first (403), then the image schema (400).
  for (const key of Object.keys(body)) if (CREATE_DISALLOWED.includes(key)) fail(403, `Attribute '${key}' is read-only.`);
  checkSchema(glance, body);
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
    checkWritable(glance, key);
    setAttribute(image, key, value, caller, "create");
  }
  r.images[id] = image;
  rt.store.save();
  return json(201, renderImage(image), {
    location: `${ctx.baseUrl}${ctx.path.replace(/\/$/, "")}/${id}`,
    "openstack-image-import-methods": "glance-direct,web-download,copy-image",
  });
}

/** Glance's 403 for read-only and reserved attribute names (create and patch bodies). */
function checkWritable(glance: boolean, key: string): void {
  if (READ_ONLY.includes(key)) fail(403, `Attribute '${key}' is read-only.`);
  if (glance && (RESERVED.includes(key) || key.startsWith(RESERVED_NAMESPACE))) fail(403, `Attribute '${key}' is reserved.`);
}

/**
 * Glance's 400 when (part of) an image does not match its image schema: the whole object in
 * glance mode; in rackspace mode only `visibility` (Cloud Images' enum has no `shared`).
 */
function checkSchema(glance: boolean, object: Record<string, unknown>): void {
  const checked = glance ? object : "visibility" in object ? { visibility: object["visibility"] } : undefined;
  if (checked === undefined) return;
  const problem = schemaProblem(imageSchemas(glance)["image"]!, checked);
  if (problem) fail(400, problem);
}

/** Sets one attribute (create or patch), enforcing Glance's rules. */
function setAttribute(image: ImageRecord, key: string, value: unknown, caller: Caller, phase: "create" | "patch"): void {
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
      defineKey(image.properties, key, value);
  }
}

/** `PATCH /v2/images/{id}`: Glance's JSON-patch media types, applied to a draft that replaces the image when every operation passed. */
export async function patchImage(rt: EmulatorRuntime, ctx: Ctx, caller: Caller, r: RegionState, id: string): Promise<Reply> {
  const glance = rt.mode === "glance";
  const image = ownedImage(r, id, caller, "modify");
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
    checkWritable(glance, key);
    if (op.op !== "remove" && "value" in op) checkSchema(glance, { [key]: op.value });
    if (op.op === "remove") {
      if (base.includes(key)) fail(403, `Property ${key} may not be removed.`);
      if (!Object.hasOwn(draft.properties, key)) fail(409, `Property ${key} does not exist.`);
      delete draft.properties[key];
      continue;
    }
    if (!("value" in op)) fail(400, "Operation objects must contain a 'value' member.");
    if (op.op === "replace" && !base.includes(key) && !Object.hasOwn(draft.properties, key)) fail(409, `Property ${key} does not exist.`);
    setAttribute(draft, key, op.value, caller, "patch");
  }
  draft.updated_at = isoSeconds();
  r.images[id] = draft;
  rt.store.save();
  return json(200, renderImage(draft));
}
