import { createHash } from "node:crypto";
import { empty, fault, json, text, type Ctx, type Reply } from "./http.js";
import { filesAccount, type Caller } from "./identity.js";
import type { EmulatorRuntime, Service } from "./server.js";
import type { ContainerRecord } from "./store.js";
import type { Region } from "./types.js";

function swiftDate(ms = Date.now()): string {
  return new Date(ms).toISOString().replace("Z", "").replace(/(\.\d{3})$/, "$1000");
}

function metaHeaders(prefix: string, metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`${prefix}${k}`, v]));
}

function readMeta(ctx: Ctx, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (name.startsWith(prefix) && typeof value === "string") out[name.slice(prefix.length)] = value;
  }
  return out;
}

/** Cloud Files: the part of the Swift object API that import and export need. */
export class FilesService implements Service {
  constructor(private readonly rt: EmulatorRuntime) {}

  async handle(ctx: Ctx, caller: Caller, region: Region, rest: string): Promise<Reply> {
    const m = /^\/v1\/([^/]+)(?:\/([^/]+)(?:\/(.+))?)?\/?$/.exec(rest);
    if (!m) return text(404, "Not Found");
    const account = decodeURIComponent(m[1]!);
    if (account !== filesAccount(caller.tenantId)) return text(403, "Forbidden");
    const files = (this.rt.store.state.regions[region].files[caller.tenantId] ??= {});
    const container = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    const object = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
    if (container === undefined) return this.account(ctx, files);
    if (object === undefined) return this.container(ctx, files, container);
    return this.object(ctx, files, container, object);
  }

  private wantsJson(ctx: Ctx): boolean {
    const format = ctx.query.get("format");
    return format === "json" || (format === null && (ctx.header("accept") ?? "").includes("application/json"));
  }

  private account(ctx: Ctx, files: Record<string, ContainerRecord>): Reply {
    const names = Object.keys(files).sort();
    const objects = Object.values(files).flatMap((c) => Object.values(c.objects));
    const headers = {
      "x-account-container-count": String(names.length),
      "x-account-object-count": String(objects.length),
      "x-account-bytes-used": String(objects.reduce((n, o) => n + o.bytes, 0)),
    };
    if (ctx.method === "HEAD") return empty(204, headers);
    if (ctx.method !== "GET") return text(405, "Method Not Allowed");
    const listed = this.page(ctx, names);
    if (listed.length === 0 && !this.wantsJson(ctx)) return empty(204, headers);
    if (this.wantsJson(ctx)) {
      return json(
        200,
        listed.map((name) => {
          const objs = Object.values(files[name]!.objects);
          return { name, count: objs.length, bytes: objs.reduce((n, o) => n + o.bytes, 0) };
        }),
        headers,
      );
    }
    return text(200, listed.map((n) => `${n}\n`).join(""), headers);
  }

  private page(ctx: Ctx, names: string[]): string[] {
    const prefix = ctx.query.get("prefix") ?? "";
    const marker = ctx.query.get("marker");
    const endMarker = ctx.query.get("end_marker");
    const limit = Math.min(Number(ctx.query.get("limit") ?? 10000) || 10000, 10000);
    return names.filter((n) => n.startsWith(prefix) && (marker === null || n > marker) && (endMarker === null || n < endMarker)).slice(0, limit);
  }

  private container(ctx: Ctx, files: Record<string, ContainerRecord>, name: string): Reply {
    const c = files[name];
    if (ctx.method === "PUT") {
      if (name.length > 256) return text(400, "Container name length of 257 longer than 256");
      if (c) {
        Object.assign(c.metadata, readMeta(ctx, "x-container-meta-"));
        this.rt.store.save();
        return empty(202);
      }
      files[name] = { created_at: new Date().toISOString(), metadata: readMeta(ctx, "x-container-meta-"), objects: {} };
      this.rt.store.save();
      return empty(201);
    }
    if (!c) return text(404, "Not Found");
    const objects = Object.values(c.objects);
    const headers = {
      "x-container-object-count": String(objects.length),
      "x-container-bytes-used": String(objects.reduce((n, o) => n + o.bytes, 0)),
      ...metaHeaders("x-container-meta-", c.metadata),
    };
    if (ctx.method === "HEAD") return empty(204, headers);
    if (ctx.method === "POST") {
      Object.assign(c.metadata, readMeta(ctx, "x-container-meta-"));
      this.rt.store.save();
      return empty(204);
    }
    if (ctx.method === "DELETE") {
      if (objects.length > 0) return text(409, "There was a conflict when trying to complete your request.");
      delete files[name];
      this.rt.store.save();
      return empty(204);
    }
    if (ctx.method !== "GET") return text(405, "Method Not Allowed");
    let names = this.page(ctx, Object.keys(c.objects).sort());
    const delimiter = ctx.query.get("delimiter");
    const prefix = ctx.query.get("prefix") ?? "";
    const subdirs = new Set<string>();
    if (delimiter) {
      names = names.filter((n) => {
        const i = n.indexOf(delimiter, prefix.length);
        if (i < 0) return true;
        subdirs.add(n.slice(0, i + delimiter.length));
        return false;
      });
    }
    if (this.wantsJson(ctx)) {
      const entries: unknown[] = names.map((n) => {
        const o = c.objects[n]!;
        return { name: n, hash: o.hash, bytes: o.bytes, content_type: o.content_type, last_modified: o.last_modified };
      });
      for (const s of subdirs) entries.push({ subdir: s });
      return json(200, entries, headers);
    }
    const all = [...names, ...subdirs].sort();
    if (all.length === 0) return empty(204, headers);
    return text(200, all.map((n) => `${n}\n`).join(""), headers);
  }

  private async object(ctx: Ctx, files: Record<string, ContainerRecord>, containerName: string, name: string): Promise<Reply> {
    const c = files[containerName];
    if (!c) {
      await ctx.body();
      return text(404, "Not Found");
    }
    if (ctx.method === "PUT") {
      const data = await ctx.body();
      const md5 = createHash("md5").update(data).digest("hex");
      const etag = ctx.header("etag");
      if (etag !== undefined && etag.replace(/"/g, "").toLowerCase() !== md5) return text(422, "Unprocessable Entity");
      const { blob } = this.rt.store.putBlob(data);
      c.objects[name] = {
        blob,
        bytes: data.length,
        hash: md5,
        content_type: ctx.header("content-type") ?? "application/octet-stream",
        last_modified: swiftDate(),
        metadata: readMeta(ctx, "x-object-meta-"),
      };
      this.rt.store.save();
      return empty(201, { etag: md5, "last-modified": new Date().toUTCString() });
    }
    const o = c.objects[name];
    if (!o) return text(404, "Not Found");
    const headers = {
      etag: o.hash,
      "content-type": o.content_type,
      "last-modified": new Date(`${o.last_modified.slice(0, 23)}Z`).toUTCString(),
      "accept-ranges": "bytes",
      ...metaHeaders("x-object-meta-", o.metadata),
    };
    if (ctx.method === "HEAD") return { status: 200, headers: { ...headers, "content-length": String(o.bytes) }, body: Buffer.alloc(0) };
    if (ctx.method === "GET") return { status: 200, headers, body: this.rt.store.readBlob(o.blob) };
    if (ctx.method === "POST") {
      o.metadata = readMeta(ctx, "x-object-meta-");
      this.rt.store.save();
      return empty(202);
    }
    if (ctx.method === "DELETE") {
      delete c.objects[name];
      this.rt.store.save();
      return empty(204);
    }
    return fault(405, "badMethod", "Method Not Allowed");
  }
}
