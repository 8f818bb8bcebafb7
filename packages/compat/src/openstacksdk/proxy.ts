import type { CreateImageInput, JsonSchemaDocument, ListImagesQuery, MemberStatus, NodeImageClient, NodeUploadSource } from "@cloud-images/node";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { assignOwn, setOwn } from "@cloud-images/core/internal";
import { DownloadResponse } from "./download.js";
import { DuplicateResource, InvalidRequest, notFound, ResourceFailure, ResourceNotFound, ResourceTimeout, sdkCall } from "./exceptions.js";
import { glanceName, Image, Member } from "./resources.js";

/** An image given by id or as an object with an `id` (an {@link Image}). */
export type ImageRef = string | { readonly id: string };
/** A member given by project id or as a {@link Member} (which knows its image). */
export type MemberRef = string | { readonly member_id: string; readonly image_id?: string } | { readonly id: string; readonly image_id?: string };

/** The filters of `images(query)`, as openstacksdk's `Image` query parameters. */
export interface ImagesQuery {
  /** Only this image (openstacksdk's `id` filter). */
  readonly id?: string | undefined;
  /** Images with this name. */
  readonly name?: string | undefined;
  /** `public`, `private`, `shared`, `community` or `all`. */
  readonly visibility?: string | undefined;
  /** For shared images: `pending`, `accepted`, `rejected` or `all`. */
  readonly member_status?: string | undefined;
  /** Images of this project. */
  readonly owner?: string | undefined;
  /** Images in this status. */
  readonly status?: string | undefined;
  /** Smallest size in bytes. */
  readonly size_min?: number | undefined;
  /** Largest size in bytes. */
  readonly size_max?: number | undefined;
  /** Protected images only (`true`) or unprotected ones (`false`). */
  readonly protected?: boolean | undefined;
  /** openstacksdk's name of `protected`. */
  readonly is_protected?: boolean | undefined;
  /** Hidden images (`os_hidden`). */
  readonly is_hidden?: boolean | undefined;
  /** Sort key (`name`, `created_at`…). */
  readonly sort_key?: string | undefined;
  /** `asc` or `desc`. */
  readonly sort_dir?: string | undefined;
  /** Glance's `sort` (`name:asc,created_at:desc`). */
  readonly sort?: string | undefined;
  /** Images with this tag (or all these tags). */
  readonly tag?: string | readonly string[] | undefined;
  /** `"gte:2024-01-01T00:00:00Z"`-style, as openstacksdk passes it. */
  readonly created_at?: string | undefined;
  /** `"lt:…"`-style. */
  readonly updated_at?: string | undefined;
  /** Page size. */
  readonly limit?: number | undefined;
  /** Start after this image id. */
  readonly marker?: string | undefined;
  /** Any other key filters on a custom property of that name. */
  readonly [property: string]: unknown;
}

/**
 * The attributes of `create_image` / `upload_image`: Glance's image attributes under
 * openstacksdk's names, the data (`data` or `filename`), and the upload settings. Keys not
 * listed become custom properties, as openstacksdk's `**kwargs` did.
 */
export interface CreateImageAttrs {
  /** The image name. */
  readonly name?: string | undefined;
  /** A client-chosen image id (UUID): a retried create then cannot make a second image. */
  readonly id?: string | undefined;
  /** `raw`, `qcow2`, `vhd`, `vmdk`, `iso`… */
  readonly disk_format?: string | undefined;
  /** `bare`, `ovf`, `ova`, `docker`… */
  readonly container_format?: string | undefined;
  /** Minimum disk (GB). */
  readonly min_disk?: number | undefined;
  /** Minimum RAM (MB). */
  readonly min_ram?: number | undefined;
  /** `public`, `community`, `shared` or `private`. */
  readonly visibility?: string | undefined;
  /** Protect the image from deletion (openstacksdk's name). */
  readonly is_protected?: boolean | undefined;
  /** Glance's name of `is_protected`. */
  readonly protected?: boolean | undefined;
  /** Hide the image from default listings (`os_hidden`). */
  readonly is_hidden?: boolean | undefined;
  /** Tags. */
  readonly tags?: readonly string[] | undefined;
  /** The owning project (admins only). */
  readonly owner?: string | undefined;
  /** Custom properties. */
  readonly properties?: Readonly<Record<string, unknown>> | undefined;
  /** Custom properties (openstacksdk's `meta`: no type conversion). */
  readonly meta?: Readonly<Record<string, unknown>> | undefined;
  /** The data: a string (its UTF-8 bytes), bytes, a Blob, a web stream or a Node `Readable`. */
  readonly data?: string | Exclude<NodeUploadSource, string | URL> | undefined;
  /** A file to upload. */
  readonly filename?: string | undefined;
  /** Wait until the image is `active` (uploads always do: the data is verified). */
  readonly wait?: boolean | undefined;
  /** Seconds to wait (default 3600). */
  readonly timeout?: number | undefined;
  /** Use the interoperable import (`glance-direct`) instead of a plain upload. */
  readonly use_import?: boolean | undefined;
  /** Stores to import to. */
  readonly stores?: readonly string[] | undefined;
  /** Import to every store. */
  readonly all_stores?: boolean | undefined;
  /** Fail unless every store gets the data. */
  readonly all_stores_must_succeed?: boolean | undefined;
  /** The Cloud Files container the data passes through on clouds that import with tasks (Rackspace). */
  readonly container?: string | undefined;
  /** Accepted for compatibility; the SDK computes and verifies digests itself. */
  readonly md5?: string | undefined;
  /** Accepted for compatibility; the SDK computes and verifies digests itself. */
  readonly sha256?: string | undefined;
  /** Accepted for compatibility (see PORTING.md). */
  readonly allow_duplicates?: boolean | undefined;
  /** Accepted for compatibility (see PORTING.md). */
  readonly validate_checksum?: boolean | undefined;
  /** Accepted for compatibility (see PORTING.md). */
  readonly disable_vendor_agent?: boolean | undefined;
  /** Any other key is a custom property. */
  readonly [property: string]: unknown;
}

/** Options of `wait_for_status`. */
export interface WaitForStatusOptions {
  /** The status to reach (case-insensitive; default `active`). */
  readonly status?: string | undefined;
  /** Statuses that end the wait with {@link ResourceFailure} (default `["error", "killed"]`). */
  readonly failures?: readonly string[] | undefined;
  /** Seconds between polls (default 2; fractions allowed). */
  readonly interval?: number | undefined;
  /** Seconds to wait at most (default 120; `null`: no limit). */
  readonly wait?: number | null | undefined;
  /** The attribute holding the status (default `status`). */
  readonly attribute?: string | undefined;
  /** Called after every poll with the progress (openstacksdk's `callback`). */
  readonly callback?: ((progress: number) => void) | undefined;
}

/** Options of `download_image`. */
export interface DownloadImageOptions {
  /** Return at once and read with `iter_content` (default `false`: the bytes in `content`). */
  readonly stream?: boolean | undefined;
  /** A file path, or a writable stream, to write the data to (then verified against the checksum). */
  readonly output?: string | NodeJS.WritableStream | undefined;
  /** Chunk size of `iter_content` (default 1024). */
  readonly chunk_size?: number | undefined;
}

const BASE_INPUT = new Set(["name", "id", "disk_format", "container_format", "min_disk", "min_ram", "visibility", "protected", "os_hidden", "tags", "owner"]);
const NOT_PROPERTIES = new Set([
  "properties", "meta", "data", "filename", "wait", "timeout", "use_import", "stores", "all_stores", "all_stores_must_succeed",
  "md5", "sha256", "allow_duplicates", "validate_checksum", "disable_vendor_agent", "container",
]);
const QUERY_KEYS = new Set([
  "id", "name", "visibility", "member_status", "owner", "status", "size_min", "size_max", "protected", "os_hidden", "sort_key",
  "sort_dir", "sort", "tag", "created_at", "updated_at", "limit", "marker", "checksum", "container_format", "disk_format",
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * openstacksdk's image proxy (`conn.image`, `openstack.image.v2._proxy.Proxy`): the same method
 * names and arguments, keyword arguments as one trailing object, every call returning a promise
 * and every listing an async iterable. HTTP errors are openstacksdk's exceptions
 * (`ResourceNotFound`, `ConflictException`…).
 */
export class ImageProxy {
  /** The native client every call goes through (for what openstacksdk never had). */
  readonly client: NodeImageClient;

  /** Wraps a native image client (`createClient(...)` of `@cloud-images/node`). */
  constructor(client: NodeImageClient) {
    this.client = client;
  }

  // ---- images ----

  /**
   * The images, fetched page by page as you iterate (`for await (const image of
   * conn.image.images())`). `query` takes openstacksdk's filters; an id string lists that one
   * image.
   */
  async *images(query: ImagesQuery | string = {}): AsyncGenerator<Image> {
    const native = typeof query === "string" ? ({ id: { in: [query] } } as ListImagesQuery) : toListQuery(query);
    const iterator = this.client.images.listAll(native)[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        const step = await sdkCall(() => iterator.next());
        if (step.done) {
          finished = true;
          return;
        }
        yield new Image(step.value);
      }
    } finally {
      if (!finished) await iterator.return?.(); // a loop left early stops the listing (and its look-ahead)
    }
  }

  /**
   * Creates an image: `create_image({ name, id, disk_format, container_format, … })` or
   * `create_image(name, { … })`. With `data` or `filename` the data is uploaded too (on a cloud
   * that refuses uploads, such as Rackspace, through Cloud Files and an import task), waited for
   * and verified; otherwise the image stays `queued`. A client-chosen `id` makes a retry safe.
   */
  async create_image(nameOrAttrs: string | CreateImageAttrs, attrs: CreateImageAttrs = {}): Promise<Image> {
    const all: CreateImageAttrs = typeof nameOrAttrs === "string" ? { ...attrs, name: nameOrAttrs } : nameOrAttrs;
    const attributes = toCreateInput(all);
    const data = dataOf(all);
    if (data === undefined) return new Image(await sdkCall(() => this.client.images.create(attributes)));
    const result = await sdkCall(() =>
      this.client.uploadImage({
        attributes,
        data,
        ...(all.use_import ? { method: "glance-direct" as const } : {}),
        ...(typeof all.container === "string" ? { container: all.container } : {}),
        ...(all.stores ? { stores: all.stores } : {}),
        ...(all.all_stores !== undefined ? { allStores: all.all_stores } : {}),
        ...(all.all_stores_must_succeed !== undefined ? { allStoresMustSucceed: all.all_stores_must_succeed } : {}),
        wait: { timeoutMs: (all.timeout ?? 3600) * 1000 },
      }),
    );
    return new Image(result.image);
  }

  /**
   * The deprecated `upload_image(container_format, disk_format, data, **attrs)`, as
   * `upload_image({ container_format, disk_format, data, name, … })`: both formats are required
   * ({@link InvalidRequest} before any request).
   */
  async upload_image(attrs: CreateImageAttrs): Promise<Image> {
    if (!attrs.container_format || !attrs.disk_format) throw new InvalidRequest("Both container_format and disk_format are required");
    return this.create_image(attrs);
  }

  /** One image (a 404 is {@link ResourceNotFound}). */
  async get_image(image: ImageRef): Promise<Image> {
    const id = idOf(image);
    return new Image(await sdkCall(() => this.client.images.get(id)));
  }

  /**
   * The image with this id or name: `null` when there is none (with `ignore_missing: false`,
   * {@link ResourceNotFound}); {@link DuplicateResource} when the name matches several.
   */
  async find_image(name_or_id: string, options: { readonly ignore_missing?: boolean } = {}): Promise<Image | null> {
    if (UUID.test(name_or_id)) {
      try {
        return await this.get_image(name_or_id);
      } catch (error) {
        if (!(error instanceof ResourceNotFound)) throw error;
      }
    }
    const found: Image[] = [];
    for await (const image of this.images({ name: name_or_id })) {
      found.push(image);
      if (found.length > 1) throw new DuplicateResource(`More than one image exists with the name '${name_or_id}'.`);
    }
    if (found[0]) return found[0];
    if (options.ignore_missing === false) throw notFound(`image with a name or id of '${name_or_id}'`);
    return null;
  }

  /**
   * Changes attributes (openstacksdk names: `is_protected`, `is_hidden`…; `properties` and any
   * other key are custom properties, `null` removes one). Only what differs is sent.
   */
  async update_image(image: ImageRef, attrs: Readonly<Record<string, unknown>>): Promise<Image> {
    const desired: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "properties" && value && typeof value === "object") assignOwn(desired, value as Record<string, unknown>);
      else setOwn(desired, glanceName(key), value);
    }
    const id = idOf(image);
    return new Image(await sdkCall(() => this.client.images.updateProperties(id, desired)));
  }

  /** Deletes an image; a missing one is ignored unless `ignore_missing: false` ({@link ResourceNotFound}). */
  async delete_image(image: ImageRef, options: { readonly ignore_missing?: boolean } = {}): Promise<void> {
    const id = idOf(image);
    try {
      await sdkCall(() => this.client.images.delete(id));
    } catch (error) {
      if (!(error instanceof ResourceNotFound) || options.ignore_missing === false) throw error;
    }
  }

  /** Deactivates an image (its data can no longer be downloaded). */
  async deactivate_image(image: ImageRef): Promise<void> {
    const id = idOf(image);
    await sdkCall(() => this.client.images.deactivate(id));
  }

  /** Reactivates a deactivated image. */
  async reactivate_image(image: ImageRef): Promise<void> {
    const id = idOf(image);
    await sdkCall(() => this.client.images.reactivate(id));
  }

  /** Adds a tag. */
  async add_tag(image: ImageRef, tag: string): Promise<void> {
    const id = idOf(image);
    await sdkCall(() => this.client.images.addTag(id, tag));
  }

  /** Removes a tag. */
  async remove_tag(image: ImageRef, tag: string): Promise<void> {
    const id = idOf(image);
    await sdkCall(() => this.client.images.removeTag(id, tag));
  }

  /**
   * Downloads the data: resolves to a {@link DownloadResponse} — with the bytes in `content`,
   * or (`stream: true`) read with `iter_content(chunk_size)`. With `output` (a path or a
   * writable stream) the data is written there and verified against the image's checksum.
   */
  async download_image(image: ImageRef, options: DownloadImageOptions = {}): Promise<DownloadResponse> {
    const id = idOf(image);
    const details = await sdkCall(() => this.client.images.get(id));
    const headers: Record<string, string> = details.checksum ? { "content-md5": details.checksum } : {};
    if (typeof options.output === "string") {
      const path = options.output;
      await sdkCall(() => this.client.data.downloadToFile(id, path, { image: details }));
      return new DownloadResponse({ headers });
    }
    const download = await sdkCall(() => this.client.data.download(id, { image: details }));
    if (options.output !== undefined) {
      const target = options.output;
      await sdkCall(() => pipeline(Readable.fromWeb(download.stream as NodeWebReadableStream<Uint8Array>), target));
      await download.result;
      return new DownloadResponse({ headers });
    }
    if (options.stream) return new DownloadResponse({ headers, download });
    const bytes = await sdkCall(() => download.bytes());
    return new DownloadResponse({ headers, content: bytes.data });
  }

  /**
   * Runs an import on an image: `method` `glance-direct` (default; after staging),
   * `web-download` (with `uri`) or `copy-image`, to `stores` / `all_stores`.
   */
  async import_image(
    image: ImageRef,
    options: {
      readonly method?: "glance-direct" | "web-download" | "copy-image";
      readonly uri?: string;
      readonly stores?: readonly string[];
      readonly all_stores?: boolean;
      readonly all_stores_must_succeed?: boolean;
    } = {},
  ): Promise<void> {
    const id = idOf(image);
    const targets = {
      ...(options.stores ? { stores: options.stores } : {}),
      ...(options.all_stores !== undefined ? { allStores: options.all_stores } : {}),
      ...(options.all_stores_must_succeed !== undefined ? { allStoresMustSucceed: options.all_stores_must_succeed } : {}),
    };
    const method = options.method ?? "glance-direct";
    if (method === "web-download") {
      if (!options.uri) throw new InvalidRequest("web-download needs a uri");
      const uri = options.uri;
      await sdkCall(() => this.client.imports.webDownload(id, { uri, ...targets }));
    } else if (method === "copy-image") {
      await sdkCall(() => this.client.imports.copyImage(id, targets));
    } else {
      await sdkCall(() => this.client.imports.glanceDirect(id, targets));
    }
  }

  // ---- members ----

  /** Shares an image with a project: `add_member(image, { member_id })`. */
  async add_member(image: ImageRef, attrs: { readonly member_id: string }): Promise<Member> {
    const id = idOf(image);
    return new Member(await sdkCall(() => this.client.members.add(id, attrs.member_id)));
  }

  /** Removes a member (`image` is needed when `member` is an id); a missing one is ignored unless `ignore_missing: false`. */
  async remove_member(member: MemberRef, image?: ImageRef | null, options: { readonly ignore_missing?: boolean } = {}): Promise<void> {
    const [memberId, imageId] = memberAndImage(member, image);
    try {
      await sdkCall(() => this.client.members.remove(imageId, memberId));
    } catch (error) {
      if (!(error instanceof ResourceNotFound) || options.ignore_missing === false) throw error;
    }
  }

  /** The member with this project id, or `null` (with `ignore_missing: false`, {@link ResourceNotFound}). */
  async find_member(name_or_id: string, image: ImageRef, options: { readonly ignore_missing?: boolean } = {}): Promise<Member | null> {
    try {
      return await this.get_member(name_or_id, image);
    } catch (error) {
      if (error instanceof ResourceNotFound && options.ignore_missing !== false) return null;
      throw error;
    }
  }

  /** One member of an image (a 404 is {@link ResourceNotFound}). */
  async get_member(member: MemberRef, image: ImageRef): Promise<Member> {
    const [memberId, imageId] = memberAndImage(member, image);
    return new Member(await sdkCall(() => this.client.members.get(imageId, memberId)));
  }

  /** The members of an image. */
  async *members(image: ImageRef): AsyncGenerator<Member> {
    const id = idOf(image);
    for (const m of await sdkCall(() => this.client.members.list(id))) yield new Member(m);
  }

  /** Sets a member's status: `update_member(member, image, { status: "accepted" })` (only the member itself may). */
  async update_member(member: MemberRef, image: ImageRef, attrs: { readonly status: MemberStatus }): Promise<Member> {
    const [memberId, imageId] = memberAndImage(member, image);
    return new Member(await sdkCall(() => this.client.members.updateStatus(imageId, attrs.status, { memberId, allowOtherMember: true })));
  }

  // ---- schemas ----

  /** The schema of image listings. */
  get_images_schema(): Promise<JsonSchemaDocument> {
    return sdkCall(() => this.client.schemas.images());
  }

  /** The schema of one image. */
  get_image_schema(): Promise<JsonSchemaDocument> {
    return sdkCall(() => this.client.schemas.image());
  }

  /** The schema of member listings. */
  get_members_schema(): Promise<JsonSchemaDocument> {
    return sdkCall(() => this.client.schemas.members());
  }

  /** The schema of one member. */
  get_member_schema(): Promise<JsonSchemaDocument> {
    return sdkCall(() => this.client.schemas.member());
  }

  // ---- waiting ----

  /**
   * Polls an image until its `status` (or `attribute`) is `status` (case-insensitive), and
   * resolves to it: `wait_for_status(image, "active", { failures, interval, wait })` or
   * `wait_for_status(image, { status, … })`. A failure status is {@link ResourceFailure}; running
   * out of `wait` seconds is {@link ResourceTimeout}.
   */
  async wait_for_status(res: ImageRef, statusOrOptions?: string | WaitForStatusOptions, options: WaitForStatusOptions = {}): Promise<Image> {
    const o = typeof statusOrOptions === "object" ? statusOrOptions : { ...options, status: statusOrOptions ?? options.status };
    const wanted = (o.status ?? "active").toLowerCase();
    const failures = (o.failures ?? ["error", "killed"]).map((f) => f.toLowerCase());
    const attribute = o.attribute ?? "status";
    const intervalMs = (o.interval ?? 2) * 1000;
    const limitMs = o.wait === null ? Infinity : (o.wait ?? 120) * 1000;
    const started = Date.now();
    const id = idOf(res);
    for (;;) {
      const image = await this.get_image(id);
      const current = String(image[attribute] ?? "").toLowerCase();
      o.callback?.(current === wanted ? 100 : 0);
      if (current === wanted) return image;
      if (failures.includes(current)) throw new ResourceFailure(`Image ${id} transitioned to failure state ${current}`);
      if (Date.now() - started + intervalMs > limitMs) {
        throw new ResourceTimeout(`Timeout waiting for image ${id} to transition to ${wanted}`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Polls until the image is gone (404); {@link ResourceTimeout} after `wait` seconds (default 120). */
  async wait_for_delete(res: ImageRef, options: { readonly interval?: number; readonly wait?: number } = {}): Promise<void> {
    const intervalMs = (options.interval ?? 2) * 1000;
    const limitMs = (options.wait ?? 120) * 1000;
    const started = Date.now();
    const id = idOf(res);
    for (;;) {
      try {
        const image = await this.get_image(id);
        if (image.status === "deleted") return;
      } catch (error) {
        if (error instanceof ResourceNotFound) return;
        throw error;
      }
      if (Date.now() - started + intervalMs > limitMs) throw new ResourceTimeout(`Timeout waiting for image ${id} to delete`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

function idOf(ref: ImageRef): string {
  if (typeof ref === "string") return ref;
  if (ref && typeof ref.id === "string") return ref.id;
  throw new InvalidRequest("An image is given by its id or as an object with an id");
}

function memberAndImage(member: MemberRef, image: ImageRef | null | undefined): [string, string] {
  const memberId = typeof member === "string" ? member : "member_id" in member ? member.member_id : member.id;
  const fromMember = typeof member === "string" ? undefined : member.image_id;
  const imageId = image ? idOf(image) : fromMember;
  if (!imageId) throw new InvalidRequest("The image is required when the member is given by id");
  return [memberId, imageId];
}

function dataOf(attrs: CreateImageAttrs): NodeUploadSource | undefined {
  if (attrs.data !== undefined && attrs.filename !== undefined) throw new InvalidRequest("data and filename are mutually exclusive");
  if (attrs.filename !== undefined) return attrs.filename;
  if (typeof attrs.data === "string") return new TextEncoder().encode(attrs.data);
  return attrs.data;
}

function toCreateInput(attrs: CreateImageAttrs): CreateImageInput {
  const input: Record<string, unknown> = {};
  const properties: Record<string, string> = {};
  const addProperty = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    setOwn(properties, key, typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value));
  };
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || NOT_PROPERTIES.has(key)) continue;
    const name = glanceName(key);
    if (BASE_INPUT.has(name)) input[name] = value;
    else addProperty(key, value);
  }
  for (const bag of [attrs.properties, attrs.meta]) for (const [k, v] of Object.entries(bag ?? {})) addProperty(k, v);
  if (Object.keys(properties).length > 0) input["properties"] = properties;
  return input as CreateImageInput;
}

function toListQuery(query: ImagesQuery): ListImagesQuery {
  const out: Record<string, unknown> = {};
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const name = glanceName(key);
    if (!QUERY_KEYS.has(name)) {
      setOwn(properties, key, String(value));
      continue;
    }
    if (name === "id") out["id"] = { in: [String(value)] };
    else if (name === "created_at" || name === "updated_at") out[name] = dateFilter(String(value));
    else out[name] = value;
  }
  if (Object.keys(properties).length > 0) out["properties"] = properties;
  return out as ListImagesQuery;
}

function dateFilter(value: string): unknown {
  const m = /^(gt|gte|lt|lte|eq|neq):(.+)$/.exec(value);
  return m ? { [m[1]!]: m[2]! } : value;
}

