import { randomBytes, randomUUID } from "node:crypto";
import { empty, fault, HttpFailure, json, type Ctx, type Reply } from "./http.js";
import { isoSeconds } from "./glance-http.js";
import type { Caller } from "./identity.js";
import { canSee } from "./image-rules.js";
import type { ImageService } from "./images.js";
import type { EmulatorRuntime, Service } from "./server.js";
import type { ImageRecord, RegionState } from "./store.js";
import { REGIONS, type Region } from "./types.js";
import { defineKey } from "./own-keys.js";

const fail = (status: number, name: string, message: string): never => {
  throw new HttpFailure(fault(status, name, message));
};

/** Compute's view of an image's status. */
export function computeStatus(image: ImageRecord): string {
  if (image.deletedAt) return "DELETED";
  switch (image.status) {
    case "active":
      return "ACTIVE";
    case "queued":
    case "saving":
    case "uploading":
    case "importing":
      return "SAVING";
    case "killed":
      return "ERROR";
    case "deleted":
    case "pending_delete":
      return "DELETED";
    default:
      return "UNKNOWN";
  }
}

function progressOf(image: ImageRecord, now: number): number {
  const status = computeStatus(image);
  if (status === "ACTIVE") return 100;
  if (image.snapshot) return Math.min(99, Math.floor(((now - image.snapshot.startedAt) / image.snapshot.durationMs) * 100));
  return status === "SAVING" ? 25 : 0;
}

/** Cloud Servers next generation (compute v2): servers, `/images`, image metadata, `createImage`. */
export class ComputeService implements Service {
  constructor(
    private readonly rt: EmulatorRuntime,
    private readonly images: ImageService,
  ) {}

  advance(now: number): boolean {
    let changed = false;
    for (const region of REGIONS) {
      for (const image of Object.values(this.rt.store.state.regions[region].images)) {
        if (!image.snapshot || image.deletedAt) continue;
        if (now - image.snapshot.startedAt < image.snapshot.durationMs) continue;
        image.snapshot = undefined;
        if (image.name?.includes("[fail]")) {
          image.status = "killed";
        } else {
          const data = Buffer.concat([Buffer.from(`emulated snapshot ${image.id}\n`), randomBytes(2048)]);
          const d = this.rt.store.putBlob(data);
          Object.assign(image, {
            blob: d.blob,
            size: d.size,
            checksum: d.md5,
            os_hash_algo: "sha512",
            os_hash_value: d.sha512,
            status: "active",
          });
        }
        image.updated_at = isoSeconds(now);
        changed = true;
      }
    }
    return changed;
  }

  async handle(ctx: Ctx, caller: Caller, regionName: Region, rest: string): Promise<Reply> {
    try {
      return await this.route(ctx, caller, regionName, rest);
    } catch (error) {
      if (error instanceof HttpFailure) return error.reply;
      throw error;
    }
  }

  private async route(ctx: Ctx, caller: Caller, regionName: Region, rest: string): Promise<Reply> {
    const r = this.rt.store.state.regions[regionName];
    const parts = rest.split("/").filter((p) => p !== "").map((p) => decodeURIComponent(p));
    if (parts.length === 0) {
      return json(300, { choices: [], versions: [{ id: "v2.0", status: "CURRENT", updated: "2011-01-21T11:33:21Z", links: [{ rel: "self", href: `${ctx.baseUrl}/servers/${regionName}/v2/` }] }] });
    }
    if (parts[0] !== "v2") fail(404, "itemNotFound", "Resource not found.");
    if (parts.length === 1) {
      return json(200, { version: { id: "v2.0", status: "CURRENT", updated: "2011-01-21T11:33:21Z", links: [{ rel: "self", href: `${ctx.baseUrl}/servers/${regionName}/v2/` }] } });
    }
    const tenant = parts[1]!;
    if (tenant !== caller.tenantId) fail(401, "unauthorized", "This server could not verify that you are authorized to access the document you requested.");
    const root = `${ctx.baseUrl}/servers/${regionName}/v2/${tenant}`;
    const bookmarkRoot = `${ctx.baseUrl}/servers/${regionName}/${tenant}`;
    const [, , a, b, c, d] = parts;
    const m = ctx.method;
    if (a === "servers") {
      if ((b === undefined || b === "detail") && m === "GET") {
        const servers = Object.values(r.servers).filter((s) => s.tenant_id === caller.tenantId);
        return json(200, {
          servers: servers.map((s) =>
            b === "detail"
              ? this.renderServer(s, root, bookmarkRoot)
              : { id: s.id, name: s.name, links: this.links(`servers/${s.id}`, root, bookmarkRoot) },
          ),
        });
      }
      if (b !== undefined && c === undefined && m === "GET") return json(200, { server: this.renderServer(this.server(r, b, caller), root, bookmarkRoot) });
      if (b !== undefined && c === "action" && m === "POST") return this.action(ctx, caller, r, regionName, b, root);
      fail(405, "badMethod", "Method not allowed.");
    }
    if (a === "images") {
      if ((b === undefined || b === "detail") && m === "GET") return this.list(ctx, caller, r, b === "detail", root, bookmarkRoot, regionName);
      if (b === undefined || b === "detail") fail(405, "badMethod", "Method not allowed.");
      const image = this.image(r, b!, caller);
      if (c === undefined) {
        if (m === "GET") return json(200, { image: this.renderImage(image, r, root, bookmarkRoot, regionName, true) });
        if (m === "DELETE") {
          if (image.owner !== caller.tenantId) fail(403, "forbidden", "You are not allowed to delete the image.");
          if (image.protected) fail(403, "forbidden", "Image is protected and cannot be deleted.");
          this.images.deleteImage(r, image);
          this.rt.store.save();
          return empty(204);
        }
        fail(405, "badMethod", "Method not allowed.");
      }
      if (c === "metadata") return this.metadata(ctx, caller, image, d);
    }
    if (a === "flavors" && m === "GET") {
      return json(200, { flavors: [{ id: "general1-1", name: "1 GB General Purpose v1", links: this.links("flavors/general1-1", root, bookmarkRoot) }] });
    }
    return fault(404, "itemNotFound", "Resource not found.");
  }

  private links(path: string, root: string, bookmarkRoot: string) {
    return [
      { rel: "self", href: `${root}/${path}` },
      { rel: "bookmark", href: `${bookmarkRoot}/${path}` },
    ];
  }

  private server(r: RegionState, id: string, caller: Caller) {
    const s = r.servers[id];
    if (!s || s.tenant_id !== caller.tenantId) fail(404, "itemNotFound", "Instance could not be found");
    return s!;
  }

  private renderServer(s: RegionState["servers"][string], root: string, bookmarkRoot: string) {
    return {
      id: s.id,
      name: s.name,
      status: s.status,
      tenant_id: s.tenant_id,
      user_id: s.user_id,
      created: s.created,
      updated: s.updated,
      progress: 100,
      metadata: s.metadata,
      image: { id: s.image_id, links: [{ rel: "bookmark", href: `${bookmarkRoot}/images/${s.image_id}` }] },
      flavor: { id: s.flavor_id, links: [{ rel: "bookmark", href: `${bookmarkRoot}/flavors/${s.flavor_id}` }] },
      links: this.links(`servers/${s.id}`, root, bookmarkRoot),
      "OS-EXT-STS:task_state": null,
      "OS-EXT-STS:vm_state": "active",
      "OS-DCF:diskConfig": "AUTO",
    };
  }

  private image(r: RegionState, id: string, caller: Caller): ImageRecord {
    const image = r.images[id];
    if (!image || !canSee(r, image, caller)) fail(404, "itemNotFound", "Image not found.");
    return image!;
  }

  private renderImage(image: ImageRecord, r: RegionState, root: string, bookmarkRoot: string, region: Region, detail: boolean): Record<string, unknown> {
    const links = [
      ...this.links(`images/${image.id}`, root, bookmarkRoot),
      { rel: "alternate", type: "application/vnd.openstack.image", href: `${root.replace(/\/servers\/.*$/, "")}/images/${region}/images/${image.id}` },
    ];
    if (!detail) return { id: image.id, name: image.name ?? "", links };
    const out: Record<string, unknown> = {
      id: image.id,
      name: image.name ?? "",
      status: computeStatus(image),
      progress: progressOf(image, Date.now()),
      created: image.created_at,
      updated: image.updated_at,
      minDisk: image.min_disk,
      minRam: image.min_ram,
      metadata: { ...image.properties },
      links,
      "OS-EXT-IMG-SIZE:size": image.size ?? 0,
      "OS-DCF:diskConfig": image.properties["auto_disk_config"] === "disabled" ? "MANUAL" : "AUTO",
    };
    const serverId = image.properties["instance_uuid"];
    if (serverId) out["server"] = { id: serverId, links: this.links(`servers/${serverId}`, root, bookmarkRoot) };
    return out;
  }

  private list(ctx: Ctx, caller: Caller, r: RegionState, detail: boolean, root: string, bookmarkRoot: string, region: Region): Reply {
    const q = ctx.query;
    const limitRaw = q.get("limit");
    let limit = 1000;
    if (limitRaw !== null) {
      limit = Number(limitRaw);
      if (!Number.isInteger(limit) || limit < 0) fail(400, "badRequest", "limit param must be an integer");
    }
    const changesSince = q.get("changes-since");
    let since: number | undefined;
    if (changesSince !== null) {
      since = Date.parse(changesSince);
      if (Number.isNaN(since)) fail(400, "badRequest", "Invalid changes-since value");
    }
    const server = q.get("server");
    const serverId = server === null ? undefined : server.replace(/\/+$/, "").split("/").pop();
    const type = q.get("type");
    if (type !== null && !["BASE", "SNAPSHOT", "base", "snapshot"].includes(type)) fail(400, "badRequest", `Invalid image type: ${type}`);
    const name = q.get("name");
    const status = q.get("status");
    let images = Object.values(r.images).filter((image) => {
      if (image.deletedAt) {
        // Deleted images show (as DELETED) only in changes-since listings.
        if (since === undefined || (image.owner !== caller.tenantId)) return false;
      } else if (!canSee(r, image, caller)) return false;
      else if (image.owner !== caller.tenantId && image.visibility !== "public") {
        const member = (r.members[image.id] ?? []).find((mm) => mm.member_id === caller.tenantId);
        if (member?.status !== "accepted") return false;
      }
      if (since !== undefined && Date.parse(image.updated_at) < since) return false;
      if (name !== null && image.name !== name) return false;
      if (status !== null && computeStatus(image) !== status.toUpperCase()) return false;
      if (serverId !== undefined && image.properties["instance_uuid"] !== serverId) return false;
      if (type !== null) {
        const t = image.properties["image_type"] === "base" ? "BASE" : "SNAPSHOT";
        if (t !== type.toUpperCase()) return false;
      }
      return true;
    });
    images.sort((x, y) => (x.created_at === y.created_at ? (x.id < y.id ? 1 : -1) : x.created_at < y.created_at ? 1 : -1));
    const marker = q.get("marker");
    if (marker !== null) {
      const index = images.findIndex((i) => i.id === marker);
      if (index < 0) fail(400, "badRequest", `marker [${marker}] not found`);
      images = images.slice(index + 1);
    }
    const page = images.slice(0, limit);
    const body: Record<string, unknown> = { images: page.map((i) => this.renderImage(i, r, root, bookmarkRoot, region, detail)) };
    if (limitRaw !== null && page.length === limit && page.length > 0) {
      const params = new URLSearchParams(ctx.rawQuery);
      params.set("marker", page[page.length - 1]!.id);
      body["images_links"] = [{ rel: "next", href: `${root}/images${detail ? "/detail" : ""}?${params.toString()}` }];
    }
    return json(200, body);
  }

  private async metadata(ctx: Ctx, caller: Caller, image: ImageRecord, key: string | undefined): Promise<Reply> {
    const m = ctx.method;
    const owned = image.owner === caller.tenantId;
    const mustOwn = (): void => {
      if (!owned) fail(403, "forbidden", "You are not allowed to modify the metadata of this image.");
    };
    const body = async (): Promise<Record<string, unknown>> => {
      const parsed = await ctx.json();
      if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) fail(400, "badRequest", "Malformed request body");
      return (parsed as { value: Record<string, unknown> }).value;
    };
    const strings = (value: unknown): Record<string, string> => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) fail(400, "badRequest", "Malformed request body: metadata must be an object");
      for (const [k, v] of Object.entries(value as object)) {
        if (typeof v !== "string") fail(400, "badRequest", `Invalid metadata value for key ${k}: values are strings`);
        if (k.length === 0 || k.length > 255) fail(400, "badRequest", "Invalid metadata key length");
      }
      return value as Record<string, string>;
    };
    const touch = (): void => {
      image.updated_at = isoSeconds();
      this.rt.store.save();
    };
    if (key === undefined) {
      if (m === "GET") return json(200, { metadata: { ...image.properties } });
      if (m === "POST") {
        mustOwn();
        for (const [k, v] of Object.entries(strings((await body())["metadata"]))) defineKey(image.properties, k, v);
        touch();
        return json(200, { metadata: { ...image.properties } });
      }
      if (m === "PUT") {
        mustOwn();
        image.properties = { ...strings((await body())["metadata"]) };
        touch();
        return json(200, { metadata: { ...image.properties } });
      }
      fail(405, "badMethod", "Method not allowed.");
    }
    const k = key!;
    if (m === "GET") {
      if (!Object.hasOwn(image.properties, k)) fail(404, "itemNotFound", "Metadata item was not found");
      return json(200, { meta: { [k]: image.properties[k] } });
    }
    if (m === "PUT") {
      mustOwn();
      const meta = strings((await body())["meta"]);
      const keys = Object.keys(meta);
      if (keys.length !== 1) fail(400, "badRequest", "Request body contains too many items");
      if (keys[0] !== k) fail(400, "badRequest", "Request body and URI mismatch");
      defineKey(image.properties, k, meta[k]);
      touch();
      return json(200, { meta: { [k]: meta[k] } });
    }
    if (m === "DELETE") {
      mustOwn();
      if (!Object.hasOwn(image.properties, k)) fail(404, "itemNotFound", "Metadata item was not found");
      delete image.properties[k];
      touch();
      return empty(204);
    }
    return fault(405, "badMethod", "Method not allowed.");
  }

  private async action(ctx: Ctx, caller: Caller, r: RegionState, region: Region, serverId: string, root: string): Promise<Reply> {
    const server = this.server(r, serverId, caller);
    const parsed = await ctx.json();
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) fail(400, "badRequest", "Malformed request body");
    const body = (parsed as { value: Record<string, unknown> }).value;
    const create = body["createImage"];
    if (create === undefined) fail(400, "badRequest", "There is no such action: " + Object.keys(body).join(","));
    if (typeof create !== "object" || create === null) fail(400, "badRequest", "Malformed request body");
    const { name, metadata } = create as { name?: unknown; metadata?: unknown };
    if (typeof name !== "string" || name.trim() === "") fail(400, "badRequest", "createImage entity requires name attribute");
    if (metadata !== undefined && (typeof metadata !== "object" || metadata === null || Object.values(metadata).some((v) => typeof v !== "string"))) {
      fail(400, "badRequest", "Invalid metadata");
    }
    const busy = Object.values(r.images).some((i) => i.snapshot && !i.deletedAt && i.properties["instance_uuid"] === server.id);
    if (busy) fail(409, "conflictingRequest", `Cannot 'createImage' instance ${server.id} while it is in task_state image_snapshot`);
    const now = Date.now();
    const id = randomUUID();
    const image: ImageRecord = {
      id,
      name: name as string,
      status: "saving",
      visibility: "private",
      protected: false,
      os_hidden: false,
      owner: caller.tenantId,
      checksum: null,
      os_hash_algo: null,
      os_hash_value: null,
      size: null,
      virtual_size: null,
      min_ram: 512,
      min_disk: 20,
      container_format: "ovf",
      disk_format: "vhd",
      created_at: isoSeconds(now),
      updated_at: isoSeconds(now),
      tags: [],
      properties: {
        ...((metadata as Record<string, string> | undefined) ?? {}),
        image_type: "snapshot",
        instance_uuid: server.id,
        base_image_ref: server.image_id,
        user_id: caller.userId,
        os_type: "linux",
        vm_mode: "hvm",
      },
      snapshot: { startedAt: now, durationMs: this.rt.jobDurationMs },
    };
    r.images[id] = image;
    this.rt.store.save();
    void region;
    return empty(202, { location: `${root}/images/${id}` });
  }
}
