// The examples of openstacksdk's image guide ("Using OpenStack Image": list, create/upload,
// import, download with stream=True and stream=False, delete) and of the image proxy reference
// (find/get/update, tags, members, deactivate/reactivate, wait_for_status, errors), written with
// the shim. One suite, run against the emulator in glance mode (openstacksdk.test.ts) and a real
// Glance (openstacksdk.integ.test.ts).
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConflictException,
  type Connection,
  DuplicateResource,
  ForbiddenException,
  HttpException,
  Image,
  InvalidRequest,
  Member,
  NotFoundException,
  ResourceNotFound,
  ResourceTimeout,
  exceptions,
} from "../../src/openstacksdk/index.js";
import { HttpError, NotFoundError } from "@cloud-images/core";

/** Who a connection acts as. */
export type Who = "a" | "b" | "admin";

/** Where the guide runs. */
export interface GuideTarget {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A connection acting as `who`. */
  connect(who: Who): Connection;
  /** The project id `who` acts in. */
  projectId(who: Who): string;
  /** A URL the image service can web-download `bytes` from. */
  serve(name: string, bytes: Uint8Array): Promise<string>;
}

const md5 = (bytes: Uint8Array): string => createHash("md5").update(bytes).digest("hex");

/** Registers the guide's suites for `target`. */
export function imageProxyGuide(target: GuideTarget): void {
  describe(`openstacksdk image guide on ${target.name}`, () => {
    let conn: Connection;
    let other: Connection;
    let admin: Connection;
    const made: string[] = [];
    const prefix = `osdk-guide-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      await target.start();
      conn = target.connect("a");
      other = target.connect("b");
      admin = target.connect("admin");
    });
    afterAll(async () => {
      for (const id of made) await admin?.image.delete_image(id).catch(() => undefined);
      await conn?.close();
      await other?.close();
      await admin?.close();
      await target.stop();
    });

    async function upload(name: string, data: string, extra: Record<string, unknown> = {}): Promise<Image> {
      const image = await conn.image.create_image({ name, data, disk_format: "raw", container_format: "bare", ...extra });
      made.push(image.id);
      return image;
    }

    it("Create Image: create_image with data, a client-chosen id and custom properties", async () => {
      const id = randomUUID();
      const data = "This is fake image data.";
      const image = await upload(`${prefix}-create`, data, { id, visibility: "private", os_distro: "cirros", properties: { build: "7" }, tags: ["guide"] });
      expect(image).toBeInstanceOf(Image);
      expect(image.id).toBe(id);
      expect(image.status).toBe("active");
      expect(image.visibility).toBe("private");
      expect(image.checksum).toBe(md5(new TextEncoder().encode(data)));
      expect(image.size).toBe(data.length);
      expect(image.min_disk).toBe(0);
      expect(image.owner).toBe(target.projectId("a"));
      expect(image.owner_id).toBe(target.projectId("a"));
      expect(image.is_protected).toBe(false);
      expect(image.protected).toBe(false);
      expect(image.disk_format).toBe("raw");
      expect(image.container_format).toBe("bare");
      expect(image.tags).toEqual(["guide"]);
      expect(image.os_distro).toBe("cirros");
      expect(image.properties).toMatchObject({ os_distro: "cirros", build: "7" });
      expect(image["name"]).toBe(`${prefix}-create`);
      expect(String(image)).toMatch(new RegExp(`^openstack\\.image\\.v2\\.image\\.Image\\(.*id=${id}.*\\)$`));
      // the same id again is a ConflictException
      await expect(conn.image.create_image({ name: "again", id })).rejects.toBeInstanceOf(ConflictException);
    });

    it("the deprecated upload_image needs both formats (InvalidRequest before any request)", async () => {
      await expect(conn.image.upload_image({ name: "x", data: "y" })).rejects.toBeInstanceOf(InvalidRequest);
      const image = await conn.image.upload_image({ name: `${prefix}-upload`, data: "old style", disk_format: "raw", container_format: "bare" });
      made.push(image.id);
      expect(image.status).toBe("active");
    });

    it("create_image without data leaves a queued image; create_image(name, attrs) works too", async () => {
      const image = await conn.image.create_image(`${prefix}-queued`, { disk_format: "qcow2", container_format: "bare", min_disk: 2 });
      made.push(image.id);
      expect(image.status).toBe("queued");
      expect(image.min_disk).toBe(2);
      expect(image.checksum).toBeNull();
    });

    it("List Images: for image in conn.image.images(), with filters", async () => {
      const mine = await upload(`${prefix}-list`, "list me", { tags: ["listed"] });
      const all: Image[] = [];
      for await (const image of conn.image.images()) all.push(image);
      expect(all.every((i) => i instanceof Image)).toBe(true);
      expect(all.map((i) => i.id)).toContain(mine.id);
      const named: string[] = [];
      for await (const image of conn.image.images({ name: `${prefix}-list` })) named.push(image.id);
      expect(named).toEqual([mine.id]);
      const tagged: string[] = [];
      for await (const image of conn.image.images({ tag: "listed", owner: target.projectId("a") })) tagged.push(image.id);
      expect(tagged).toEqual([mine.id]);
      const paged: string[] = [];
      for await (const image of conn.image.images({ limit: 1, sort_key: "created_at", sort_dir: "asc" })) paged.push(image.id);
      expect(paged.length).toBe(all.length);
      const byId: string[] = [];
      for await (const image of conn.image.images(mine.id)) byId.push(image.id);
      expect(byId).toEqual([mine.id]);
    });

    it("Downloading an Image with stream=True: iter_content and the Content-MD5 header", async () => {
      const data = "streamed data ".repeat(300);
      const image = await upload(`${prefix}-stream`, data);
      const found = await conn.image.find_image(`${prefix}-stream`);
      const hash = createHash("md5");
      const chunks: Uint8Array[] = [];
      const response = await conn.image.download_image(found!, { stream: true });
      for await (const chunk of response.iter_content(1024)) {
        expect(chunk.length).toBeLessThanOrEqual(1024);
        hash.update(chunk);
        chunks.push(chunk);
      }
      expect(response.headers["Content-MD5"]).toBe(hash.digest("hex"));
      expect(response.headers["content-md5"]).toBe(image.checksum);
      expect(Buffer.concat(chunks).toString()).toBe(data);
    });

    it("Downloading an Image with stream=False: the bytes, to memory or to output", async () => {
      const data = "all at once";
      const image = await upload(`${prefix}-bytes`, data);
      const response = await conn.image.download_image(image);
      expect(Buffer.from(response.content!).toString()).toBe(data);
      const dir = mkdtempSync(path.join(tmpdir(), "osdk-download-"));
      const file = path.join(dir, "myimage.raw");
      await conn.image.download_image(image.id, { output: file });
      expect(readFileSync(file, "utf8")).toBe(data);
      const parts: Buffer[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _e, done) => (parts.push(chunk), done()) });
      await conn.image.download_image(image, { output: sink });
      expect(Buffer.concat(parts).toString()).toBe(data);
    });

    it("Image import: create, then import_image(method web-download, uri), then wait_for_status", async () => {
      const bytes = new TextEncoder().encode("imported over the web");
      const uri = await target.serve(`${prefix}.raw`, bytes);
      const image = await conn.image.create_image({ name: `${prefix}-import`, disk_format: "raw", container_format: "bare" });
      made.push(image.id);
      await conn.image.import_image(image, { method: "web-download", uri });
      const active = await conn.image.wait_for_status(image, "active", { interval: 0.1, wait: 60 });
      expect(active.status).toBe("active");
      expect(active.checksum).toBe(md5(bytes));
      await expect(conn.image.import_image(image, { method: "web-download" })).rejects.toBeInstanceOf(InvalidRequest);
    });

    it("find_image / get_image: by id or name; missing → null or ResourceNotFound; duplicates → DuplicateResource", async () => {
      const image = await upload(`${prefix}-find`, "find me");
      expect((await conn.image.find_image(image.id))?.id).toBe(image.id);
      expect((await conn.image.find_image(`${prefix}-find`))?.id).toBe(image.id);
      expect(await conn.image.find_image(`${prefix}-nothing`)).toBeNull();
      await expect(conn.image.find_image(`${prefix}-nothing`, { ignore_missing: false })).rejects.toBeInstanceOf(ResourceNotFound);
      expect((await conn.image.get_image(image)).name).toBe(`${prefix}-find`);
      const missing = await conn.image.get_image(randomUUID()).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundException);
      expect(missing).toBeInstanceOf(exceptions.ResourceNotFound);
      expect(missing).toBeInstanceOf(HttpException);
      expect(missing).toBeInstanceOf(HttpError);
      expect((missing as ResourceNotFound).status_code).toBe(404);
      expect((missing as ResourceNotFound).cause).toBeInstanceOf(NotFoundError);
      await upload(`${prefix}-find`, "a twin");
      await expect(conn.image.find_image(`${prefix}-find`)).rejects.toBeInstanceOf(DuplicateResource);
    });

    it("update_image: openstacksdk names, custom properties, removal with null", async () => {
      const image = await upload(`${prefix}-update`, "update me", { os_version: "1" });
      const updated = await conn.image.update_image(image, { name: `${prefix}-updated`, min_ram: 256, is_protected: true, os_version: "2", properties: { flavour: "mint" } });
      expect(updated.name).toBe(`${prefix}-updated`);
      expect(updated.min_ram).toBe(256);
      expect(updated.is_protected).toBe(true);
      expect(updated.os_version).toBe("2");
      expect(updated.flavour).toBe("mint");
      await expect(conn.image.delete_image(updated, { ignore_missing: false })).rejects.toBeInstanceOf(ForbiddenException);
      const cleared = await conn.image.update_image(updated.id, { is_protected: false, flavour: null });
      expect(cleared.is_protected).toBe(false);
      expect("flavour" in cleared.properties).toBe(false);
    });

    it("properties named like JavaScript's own members (__proto__, constructor, to_dict) are properties: create_image, get, update_image", async () => {
      const marker = `${prefix}-${Date.now()}`;
      const odd = Object.fromEntries([["__proto__", `${marker}-p`], ["constructor", marker], ["to_dict", "d"]]);
      const image = await upload(`${prefix}-odd`, "odd keys", { properties: odd });
      const read = await conn.image.get_image(image.id);
      for (const shown of [image, read]) {
        expect(Object.getOwnPropertyDescriptor(shown.properties, "__proto__")?.value).toBe(`${marker}-p`);
        expect(shown.get("constructor")).toBe(marker);
        expect(shown.get("to_dict")).toBe("d");
        expect(shown.get("valueOf", "none")).toBe("none");
        expect(Object.getOwnPropertyDescriptor(shown.to_dict(), "__proto__")?.value).toBe(`${marker}-p`);
        expect(typeof shown.to_dict).toBe("function");
      }
      const listed: string[] = [];
      for (const query of [{ constructor: marker }, Object.fromEntries([["__proto__", `${marker}-p`]])]) {
        for await (const found of conn.image.images(query)) listed.push(found.id);
      }
      expect(listed).toEqual([image.id, image.id]);
      const changes = Object.fromEntries([["__proto__", null], ["constructor", "c2"]]);
      const updated = await conn.image.update_image(image, changes);
      expect(Object.hasOwn(updated.properties, "__proto__")).toBe(false);
      expect(updated.get("constructor")).toBe("c2");
      const viaBag = await conn.image.update_image(image.id, { properties: Object.fromEntries([["__proto__", "p3"]]) });
      expect(Object.getOwnPropertyDescriptor(viaBag.properties, "__proto__")?.value).toBe("p3");
    });

    it("add_tag / remove_tag", async () => {
      const image = await upload(`${prefix}-tags`, "tag me");
      await conn.image.add_tag(image, "blue");
      expect((await conn.image.get_image(image)).tags).toEqual(["blue"]);
      await conn.image.remove_tag(image.id, "blue");
      expect((await conn.image.get_image(image)).tags).toEqual([]);
    });

    it("members: add_member, members, get_member, find_member, update_member (by the member), remove_member", async () => {
      const image = await upload(`${prefix}-share`, "share me", { visibility: "shared" });
      const b = target.projectId("b");
      const member = await conn.image.add_member(image, { member_id: b });
      expect(member).toBeInstanceOf(Member);
      expect(member.status).toBe("pending");
      expect(member.id).toBe(b);
      expect(member.image_id).toBe(image.id);
      const listed: string[] = [];
      for await (const m of conn.image.members(image)) listed.push(`${m.member_id}:${m.status}`);
      expect(listed).toEqual([`${b}:pending`]);
      expect((await conn.image.get_member(b, image)).status).toBe("pending");
      expect(await conn.image.find_member(target.projectId("admin"), image)).toBeNull();
      await expect(conn.image.update_member(member, image, { status: "accepted" })).rejects.toBeInstanceOf(ForbiddenException);
      const accepted = await other.image.update_member(b, image.id, { status: "accepted" });
      expect(accepted.status).toBe("accepted");
      const seen: string[] = [];
      for await (const i of other.image.images({ member_status: "accepted", visibility: "shared" })) seen.push(i.id);
      expect(seen).toContain(image.id);
      await conn.image.remove_member(member);
      await conn.image.remove_member(b, image); // already gone: ignored
      await expect(conn.image.remove_member(b, image, { ignore_missing: false })).rejects.toBeInstanceOf(ResourceNotFound);
      await expect(conn.image.remove_member(b)).rejects.toBeInstanceOf(InvalidRequest);
    });

    it("deactivate_image / reactivate_image (admin), wait_for_status, a timeout is ResourceTimeout", async () => {
      const image = await upload(`${prefix}-deact`, "deactivate me");
      await admin.image.deactivate_image(image);
      expect((await conn.image.get_image(image)).status).toBe("deactivated");
      await expect(conn.image.wait_for_status(image, "active", { interval: 0.05, wait: 0.2 })).rejects.toBeInstanceOf(ResourceTimeout);
      await admin.image.reactivate_image(image.id);
      expect((await conn.image.wait_for_status(image, { status: "ACTIVE", interval: 0.05, wait: 10 })).status).toBe("active");
    });

    it("Delete Image: delete_image(image, ignore_missing=False), wait_for_delete", async () => {
      const image = await upload(`${prefix}-delete`, "delete me");
      await conn.image.delete_image(image, { ignore_missing: false });
      await conn.image.wait_for_delete(image, { interval: 0.05, wait: 10 });
      await conn.image.delete_image(image); // missing: ignored by default
      await expect(conn.image.delete_image(image, { ignore_missing: false })).rejects.toBeInstanceOf(ResourceNotFound);
    });

    it("the four schemas", async () => {
      expect((await conn.image.get_image_schema())["name"]).toBe("image");
      expect((await conn.image.get_images_schema())["name"]).toBe("images");
      expect((await conn.image.get_member_schema())["name"]).toBe("member");
      expect((await conn.image.get_members_schema())["name"]).toBe("members");
    });
  });
}
