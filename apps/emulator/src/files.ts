import { createHash, randomBytes } from "node:crypto";
import { empty, json, text, type Ctx, type Reply } from "./http.js";
import { filesAccount, type Caller } from "./identity.js";
import type { EmulatorRuntime, Service } from "./server.js";
import type { ContainerRecord } from "./store.js";
import type { Region } from "./types.js";

function swiftDate(ms = Date.now()): string {
  return new Date(ms).toISOString().replace("Z", "").replace(/(\.\d{3})$/, "$1000");
}

/** Milliseconds of a listing date (`2024-01-02T03:04:05.678000`, UTC) or an ISO date. */
function parseSwiftDate(value: string): number {
  return Date.parse(/Z$|[+-]\d\d:\d\d$/.test(value) ? value : `${value.slice(0, 23)}Z`);
}

/** `X-Timestamp`: UNIX epoch seconds with five decimals. */
function xTimestamp(ms: number): string {
  return (ms / 1000).toFixed(5);
}

/** `Last-Modified`: the HTTP date of the timestamp rounded up to the second, as Swift sends it. */
function lastModified(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toUTCString();
}

/** A Swift transaction id: `tx` + 21 hex digits + `-` + the time in hex seconds. */
function transId(): string {
  return `tx${randomBytes(11).toString("hex").slice(0, 21)}-${Math.floor(Date.now() / 1000).toString(16).padStart(10, "0")}`;
}

/** Swift's short HTML error answers. */
const ERRORS: Record<number, [string, string]> = {
  400: ["Bad Request", "The server could not comply with the request since it is either malformed or otherwise incorrect."],
  403: ["Forbidden", "Access was denied to this resource."],
  404: ["Not Found", "The resource could not be found."],
  405: ["Method Not Allowed", "The method is not allowed for this resource."],
  409: ["Conflict", "There was a conflict when trying to complete your request."],
  412: ["Precondition Failed", "A precondition for this request was not met."],
  422: ["Unprocessable Entity", "Unable to process the contained instructions"],
};

function swiftError(status: number, detail?: string): Reply {
  const [title, message] = ERRORS[status] ?? ["Error", "An error occurred."];
  const body = detail ?? `<html><h1>${title}</h1><p>${message}</p></html>`;
  return { status, headers: { "content-type": "text/html; charset=UTF-8" }, body: Buffer.from(body) };
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
    const reply = await this.route(ctx, caller, region, rest);
    // Every Swift answer carries its transaction id (also as the request id) and the date.
    const id = transId();
    return { ...reply, headers: { ...reply.headers, "x-trans-id": id, "x-openstack-request-id": id, date: new Date().toUTCString() } };
  }

  private async route(ctx: Ctx, caller: Caller, region: Region, rest: string): Promise<Reply> {
    const m = /^\/v1\/([^/]+)(?:\/([^/]+)(?:\/(.+))?)?\/?$/.exec(rest);
    if (!m) return swiftError(404);
    const account = decodeURIComponent(m[1]!);
    if (account !== filesAccount(caller.tenantId)) return swiftError(403);
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
    // The store keeps no account record: the account is as old as its oldest container.
    const created = Math.min(Date.now(), ...Object.values(files).map((c) => parseSwiftDate(c.created_at)));
    const headers = {
      "x-account-container-count": String(names.length),
      "x-account-object-count": String(objects.length),
      "x-account-bytes-used": String(objects.reduce((n, o) => n + o.bytes, 0)),
      "x-timestamp": xTimestamp(created),
    };
    if (ctx.method === "HEAD") return empty(204, headers);
    if (ctx.method !== "GET") return swiftError(405);
    const listed = this.page(ctx, names);
    if (!Array.isArray(listed)) return listed;
    if (listed.length === 0 && !this.wantsJson(ctx)) return empty(204, headers);
    if (this.wantsJson(ctx)) {
      return json(
        200,
        listed.map((name) => {
          const c = files[name]!;
          const objs = Object.values(c.objects);
          const changed = Math.max(parseSwiftDate(c.created_at), ...objs.map((o) => parseSwiftDate(o.last_modified)));
          return { name, count: objs.length, bytes: objs.reduce((n, o) => n + o.bytes, 0), last_modified: swiftDate(changed) };
        }),
        headers,
      );
    }
    return text(200, listed.map((n) => `${n}\n`).join(""), headers);
  }

  /** The names of one listing page, or the 412 of a `limit` above 10000 (a non-numeric one is ignored, as Swift does). */
  private page(ctx: Ctx, names: string[]): string[] | Reply {
    const prefix = ctx.query.get("prefix") ?? "";
    const marker = ctx.query.get("marker");
    const endMarker = ctx.query.get("end_marker");
    const given = ctx.query.get("limit");
    const limit = given !== null && /^\d+$/.test(given) ? Number(given) : 10000;
    if (limit > 10000) return swiftError(412, "Maximum limit is 10000");
    return names.filter((n) => n.startsWith(prefix) && (marker === null || n > marker) && (endMarker === null || n < endMarker)).slice(0, limit);
  }

  private container(ctx: Ctx, files: Record<string, ContainerRecord>, name: string): Reply {
    const c = files[name];
    if (ctx.method === "PUT") {
      const length = Buffer.byteLength(name);
      if (length > 256) return swiftError(400, `Container name length of ${length} longer than 256`);
      if (c) {
        Object.assign(c.metadata, readMeta(ctx, "x-container-meta-"));
        this.rt.store.save();
        return empty(202);
      }
      files[name] = { created_at: new Date().toISOString(), metadata: readMeta(ctx, "x-container-meta-"), objects: {} };
      this.rt.store.save();
      return empty(201);
    }
    if (!c) return swiftError(404);
    const objects = Object.values(c.objects);
    const headers = {
      "x-container-object-count": String(objects.length),
      "x-container-bytes-used": String(objects.reduce((n, o) => n + o.bytes, 0)),
      "x-timestamp": xTimestamp(parseSwiftDate(c.created_at)),
      ...metaHeaders("x-container-meta-", c.metadata),
    };
    if (ctx.method === "HEAD") return empty(204, headers);
    if (ctx.method === "POST") {
      Object.assign(c.metadata, readMeta(ctx, "x-container-meta-"));
      this.rt.store.save();
      return empty(204);
    }
    if (ctx.method === "DELETE") {
      if (objects.length > 0) return swiftError(409);
      delete files[name];
      this.rt.store.save();
      return empty(204);
    }
    if (ctx.method !== "GET") return swiftError(405);
    const paged = this.page(ctx, Object.keys(c.objects).sort());
    if (!Array.isArray(paged)) return paged;
    let names = paged;
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
      return swiftError(404);
    }
    if (ctx.method === "PUT") {
      const data = await ctx.body();
      const length = Buffer.byteLength(name);
      if (length > 1024) return swiftError(400, `Object name length of ${length} longer than 1024`);
      const md5 = createHash("md5").update(data).digest("hex");
      const etag = ctx.header("etag");
      if (etag !== undefined && etag.replace(/"/g, "").toLowerCase() !== md5) return swiftError(422);
      const { blob } = this.rt.store.putBlob(data);
      const now = Date.now();
      c.objects[name] = {
        blob,
        bytes: data.length,
        hash: md5,
        content_type: ctx.header("content-type") ?? "application/octet-stream",
        last_modified: swiftDate(now),
        metadata: readMeta(ctx, "x-object-meta-"),
      };
      this.rt.store.save();
      return empty(201, { etag: md5, "last-modified": lastModified(now), "content-type": "text/html; charset=UTF-8" });
    }
    const o = c.objects[name];
    if (!o) return swiftError(404);
    const stored = parseSwiftDate(o.last_modified);
    const headers = {
      etag: o.hash,
      "content-type": o.content_type,
      "content-length": String(o.bytes),
      "last-modified": lastModified(stored),
      "x-timestamp": xTimestamp(stored),
      ...metaHeaders("x-object-meta-", o.metadata),
    };
    if (ctx.method === "HEAD") return { status: 200, headers, body: Buffer.alloc(0) };
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
    return swiftError(405);
  }
}
