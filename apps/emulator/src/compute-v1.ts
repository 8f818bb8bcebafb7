import { empty, fault, HttpFailure, json, type Ctx, type Reply } from "./http.js";
import type { Caller } from "./identity.js";
import type { EmulatorRuntime, Service } from "./server.js";
import type { V1ImageRecord } from "./store.js";

const v1Date = (ms = Date.now()): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const fail = (status: number, name: string, message: string): never => {
  throw new HttpFailure(json(status, { [name]: { message, code: status } }));
};

/**
 * Cloud Servers v1.0 (the API python-cloudservers spoke): integer ids, `/images`,
 * `/images/detail`, create from a server, delete. Images go QUEUED → PREPARING → SAVING
 * (progress) → ACTIVE, or FAILED for a name holding `[fail]`.
 */
export class ComputeV1Service implements Service {
  constructor(private readonly rt: EmulatorRuntime) {}

  advance(now: number): boolean {
    let changed = false;
    for (const image of Object.values(this.rt.store.state.v1.images)) {
      if (!image.job) continue;
      const f = (now - image.job.startedAt) / image.job.durationMs;
      let status = image.status;
      let progress = image.progress;
      if (f >= 1) {
        status = image.job.outcome;
        progress = image.job.outcome === "ACTIVE" ? 100 : progress;
        image.job = undefined;
      } else if (f >= 0.2) {
        status = "SAVING";
        progress = Math.min(99, Math.floor(((f - 0.2) / 0.8) * 100));
      } else if (f >= 0.1) {
        status = "PREPARING";
      }
      if (status !== image.status || progress !== image.progress) {
        image.status = status;
        image.progress = progress;
        image.updated = v1Date(now);
        changed = true;
      }
    }
    return changed;
  }

  async handle(ctx: Ctx, caller: Caller, _version: string, rest: string): Promise<Reply> {
    try {
      return await this.route(ctx, caller, rest);
    } catch (error) {
      if (error instanceof HttpFailure) return error.reply;
      throw error;
    }
  }

  private visible(image: V1ImageRecord, caller: Caller): boolean {
    return image.tenantId === undefined || image.tenantId === caller.tenantId;
  }

  private render(image: V1ImageRecord, detail: boolean): Record<string, unknown> {
    if (!detail) return { id: image.id, name: image.name };
    const out: Record<string, unknown> = { id: image.id, name: image.name, updated: image.updated, created: image.created, status: image.status };
    if (image.status !== "ACTIVE" || image.tenantId !== undefined) out["progress"] = image.progress;
    if (image.serverId !== undefined) out["serverId"] = image.serverId;
    return out;
  }

  private async route(ctx: Ctx, caller: Caller, rest: string): Promise<Reply> {
    const parts = rest.split("/").filter((p) => p !== "");
    const [tenant, a, b, c] = parts;
    if (tenant !== caller.tenantId) fail(401, "unauthorized", "Unauthorized");
    const v1 = this.rt.store.state.v1;
    const m = ctx.method;
    if (a === "images") {
      if ((b === undefined || b === "detail") && m === "GET") {
        const offset = Number(ctx.query.get("offset") ?? 0);
        const limit = Number(ctx.query.get("limit") ?? 1000);
        if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) fail(400, "badRequest", "Invalid offset or limit");
        const changesSince = ctx.query.get("changes-since");
        const since = changesSince === null ? undefined : Date.parse(changesSince);
        const all = Object.values(v1.images)
          .filter((i) => this.visible(i, caller) && (since === undefined || Date.parse(i.updated) >= since))
          .sort((x, y) => x.id - y.id);
        return json(200, { images: all.slice(offset, offset + Math.min(limit, 1000)).map((i) => this.render(i, b === "detail")) });
      }
      if (b === undefined && m === "POST") return this.create(ctx, caller);
      if (b !== undefined && c === undefined) {
        if (!/^\d+$/.test(b)) fail(404, "itemNotFound", "Image not found");
        const image = v1.images[b];
        if (!image || !this.visible(image, caller)) fail(404, "itemNotFound", "Image not found");
        if (m === "GET") return json(200, { image: this.render(image!, true) });
        if (m === "DELETE") {
          if (image!.tenantId === undefined) fail(403, "forbidden", "Base images cannot be deleted");
          if (image!.job) fail(409, "buildInProgress", "Image is being built and cannot be deleted");
          delete v1.images[b];
          this.rt.store.save();
          return empty(204);
        }
      }
      return fault(405, "badMethod", "Method not allowed.");
    }
    if (a === "servers" && m === "GET") {
      const servers = Object.values(v1.servers).filter((s) => s.tenantId === caller.tenantId);
      if (b === undefined || b === "detail") {
        return json(200, {
          servers: servers.map((s) =>
            b === "detail" ? { id: s.id, name: s.name, imageId: s.imageId, flavorId: s.flavorId, status: s.status, progress: 100, hostId: "e4d909c290d0fb1ca068ffaddf22cbd0", metadata: {}, addresses: { public: [], private: [] } } : { id: s.id, name: s.name },
          ),
        });
      }
      const s = servers.find((x) => String(x.id) === b);
      if (!s) fail(404, "itemNotFound", "Server not found");
      return json(200, { server: { id: s!.id, name: s!.name, imageId: s!.imageId, flavorId: s!.flavorId, status: s!.status, progress: 100 } });
    }
    if (a === "limits" && m === "GET") return json(200, { limits: { rate: [], absolute: { maxTotalRAMSize: 51200, maxIPGroups: 25, maxIPGroupMembers: 25 } } });
    return fault(404, "itemNotFound", "Resource not found.");
  }

  private async create(ctx: Ctx, caller: Caller): Promise<Reply> {
    const parsed = await ctx.json();
    const image = parsed.ok ? (parsed.value as { image?: { serverId?: unknown; name?: unknown } } | null)?.image : undefined;
    if (!image || typeof image !== "object") fail(400, "badRequest", "Malformed request body: expected an image entity");
    const { serverId, name } = image!;
    if (typeof name !== "string" || name === "") fail(400, "badRequest", "The image name is required");
    if (typeof serverId !== "number" || !Number.isInteger(serverId)) fail(400, "badRequest", "serverId must be an integer");
    const v1 = this.rt.store.state.v1;
    const server = v1.servers[String(serverId)];
    if (!server || server.tenantId !== caller.tenantId) fail(404, "itemNotFound", "Server not found");
    if (Object.values(v1.images).some((i) => i.job && i.serverId === serverId)) fail(409, "backupOrResizeInProgress", "An image of this server is already being created");
    const now = Date.now();
    const record: V1ImageRecord = {
      id: v1.nextImageId++,
      name: name as string,
      status: "QUEUED",
      progress: 0,
      created: v1Date(now),
      updated: v1Date(now),
      serverId: serverId as number,
      tenantId: caller.tenantId,
      job: { startedAt: now, durationMs: this.rt.jobDurationMs, outcome: (name as string).includes("[fail]") ? "FAILED" : "ACTIVE" },
    };
    v1.images[String(record.id)] = record;
    this.rt.store.save();
    return json(202, { image: this.render(record, true) });
  }
}
