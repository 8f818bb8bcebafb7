import { empty, HttpFailure, json, type Ctx, type Reply } from "./http.js";
import { glanceError, isoSeconds } from "./glance-http.js";
import type { Caller } from "./identity.js";
import { finishImportData, imageFile, importImage, stageImage } from "./image-data.js";
import { listImages } from "./image-listing.js";
import { imageMembers } from "./image-members.js";
import { renderImage, renderTask } from "./image-render.js";
import { fail, isAdmin, ownedImage, visibleImage } from "./image-rules.js";
import { imageSchemas } from "./image-schemas.js";
import { createTask, finishTask, listTasks } from "./image-tasks.js";
import { createImage, patchImage } from "./image-writes.js";
import type { EmulatorRuntime, Service } from "./server.js";
import type { ImageRecord, RegionState } from "./store.js";
import { REGIONS, type Region } from "./types.js";

export { canSee } from "./image-rules.js";
export { renderImage } from "./image-render.js";

/** The latest Image API minor version the emulator speaks in each flavour. */
const MAX_MINOR = { glance: 16, rackspace: 2 } as const;

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
          finishTask(this.rt, region, task, now);
          changed = true;
        }
      }
      for (const image of Object.values(r.images)) {
        if (image.importJob && now - image.importJob.startedAt >= this.rt.jobDurationMs / 3) {
          finishImportData(this.rt, image);
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
      if (error instanceof HttpFailure) reply = error.reply;
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
      if (m === "GET") return listImages(this.rt.mode, ctx, caller, r);
      if (m === "POST") return createImage(this.rt, ctx, caller, r);
      return glanceError(405, "The method is not allowed for this resource.");
    }
    if (a === "images" && b !== undefined) {
      if (c === undefined) {
        if (m === "GET") return json(200, renderImage(visibleImage(r, b, caller)));
        if (m === "PATCH") return patchImage(this.rt, ctx, caller, r, b);
        if (m === "DELETE") return this.remove(caller, r, b);
        return glanceError(405, "The method is not allowed for this resource.");
      }
      if (c === "tags" && d !== undefined) return this.tag(ctx, caller, r, b, d);
      if (c === "members") return imageMembers(this.rt, ctx, caller, r, b, d);
      if (c === "actions" && (d === "deactivate" || d === "reactivate") && m === "POST") return this.activation(caller, r, b, d);
      if (c === "file") return imageFile(this.rt, ctx, caller, r, b);
      if (c === "stage" && m === "PUT") return stageImage(this.rt, ctx, caller, r, b);
      if (c === "import" && m === "POST") return importImage(this.rt, ctx, caller, r, b);
      if (c === "tasks" && m === "GET") {
        const image = visibleImage(r, b, caller);
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
      if (b === undefined && m === "GET") return listTasks(ctx, caller, r);
      if (b === undefined && m === "POST") return createTask(this.rt, ctx, caller, r);
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

  private remove(caller: Caller, r: RegionState, id: string): Reply {
    const image = ownedImage(r, id, caller, "delete");
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
    const image = ownedImage(r, id, caller, "modify");
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


  private activation(caller: Caller, r: RegionState, id: string, action: "deactivate" | "reactivate"): Reply {
    const image = visibleImage(r, id, caller);
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

}
