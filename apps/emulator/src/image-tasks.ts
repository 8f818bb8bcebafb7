import { randomUUID } from "node:crypto";
import { json, type Ctx, type Reply } from "./http.js";
import { isoSeconds } from "./glance-http.js";
import type { Caller } from "./identity.js";
import { setImageData } from "./image-data.js";
import { compare } from "./image-listing.js";
import { renderTask } from "./image-render.js";
import { canSee, fail, isAdmin } from "./image-rules.js";
import type { EmulatorRuntime } from "./server.js";
import type { ImageRecord, RegionState, TaskRecord } from "./store.js";
import type { Region } from "./types.js";

/** `GET /v2/tasks`: the caller's tasks, newest first. */
export function listTasks(ctx: Ctx, caller: Caller, r: RegionState): Reply {
  const status = ctx.query.get("status");
  const type = ctx.query.get("type");
  const tasks = Object.values(r.tasks)
    .filter((t) => (t.owner === caller.tenantId || isAdmin(caller)) && (status === null || t.status === status) && (type === null || t.type === type))
    .sort((a, b) => compare(b.created_at, a.created_at) || compare(b.id, a.id));
  return json(200, { tasks: tasks.map((t) => renderTask(t, false)), first: "/v2/tasks", schema: "/v2/schemas/tasks" });
}

/** `POST /v2/tasks`: Cloud Images' import (from Cloud Files) and export (to Cloud Files) tasks. */
export async function createTask(rt: EmulatorRuntime, ctx: Ctx, caller: Caller, r: RegionState): Promise<Reply> {
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
    durationMs: rt.jobDurationMs,
  };
  r.tasks[task.id] = task;
  rt.store.save();
  return json(201, renderTask(task, true));
}

/** Runs the work of an import or export task when its time is up. */
export function finishTask(rt: EmulatorRuntime, regionName: Region, task: TaskRecord, now: number): void {
  const r = rt.store.state.regions[regionName];
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
    const data = rt.store.readBlob(object.blob);
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
    setImageData(rt, image, data);
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
  const data = rt.store.readBlob(image.blob);
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
