import type { CallOptions, HttpClient } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import { specRequests } from "../http/spec-request.js";
import type { paths as LegacyComputePaths } from "../generated/compute-v1.0.js";
import type { LegacyImageData, LegacyImageStatus } from "../schemas/compute-v1.0.js";
import { legacyImageList as LegacyImageListSchema, legacyImageResponse as LegacyImageResponseSchema, legacyServerList as LegacyServerListSchema } from "../validation/legacy-compute.js";
import { CloudImagesError } from "../errors/base.js";
import { InputChecker } from "../validation/checker.js";

/** A first-generation Cloud Servers image (the python-cloudservers `Image`). */
export class LegacyImage {
  /** Image id (v1.0 ids are integers). */
  readonly id: number;
  /** Image name. */
  readonly name: string;
  /** When it was created (ISO 8601), when given. */
  readonly created: string | undefined;
  /** When it last changed (ISO 8601), when given. */
  readonly updated: string | undefined;
  /** `ACTIVE`, `SAVING`, `QUEUED`, `PREPARING`, `FAILED`…, when given. */
  readonly status: LegacyImageStatus | undefined;
  /** Percent done while the image is being made, when given. */
  readonly progress: number | undefined;
  /** The server a backup image was made from, when given. */
  readonly serverId: number | undefined;
  readonly #manager: LegacyImageManager;

  constructor(manager: LegacyImageManager, data: LegacyImageData) {
    this.#manager = manager;
    this.id = data.id;
    this.name = data.name;
    this.created = data.created;
    this.updated = data.updated;
    this.status = data.status;
    this.progress = data.progress;
    this.serverId = data.serverId;
  }

  /** Deletes this image. */
  delete(options?: CallOptions): ApiPromise<void> {
    return this.#manager.delete(this, options);
  }

  /** Reads this image again. */
  refresh(options?: CallOptions): ApiPromise<LegacyImage> {
    return this.#manager.get(this.id, options);
  }

  toJSON(): LegacyImageData {
    const out: Record<string, unknown> = { id: this.id, name: this.name };
    for (const key of ["created", "updated", "status", "progress", "serverId"] as const) if (this[key] !== undefined) out[key] = this[key];
    return out as LegacyImageData;
  }
}

/** Options of {@link LegacyImageManager.list}. */
export interface LegacyListOptions extends CallOptions {
  /** With details (default `true`), as python-cloudservers' `list(detailed=True)`. */
  readonly detailed?: boolean;
  /** Items to skip. */
  readonly offset?: number;
  /** Page size (at most 1000). */
  readonly limit?: number;
}

/** Attributes to match in {@link LegacyImageManager.find} / `findall`. */
export type LegacyImageAttributes = Partial<Pick<LegacyImage, "id" | "name" | "status" | "progress" | "serverId" | "created" | "updated">>;

const PAGE = 100;

/**
 * Requests of the Cloud Servers v1.0 document, checked against the spec's paths, methods and
 * statuses. Paths are below the account's management URL (`…/v1.0/{account}`).
 */
const legacyOp = specRequests<LegacyComputePaths>();
const encoder = new TextEncoder();

/**
 * The integer id of `image` (a number or a {@link LegacyImage}), checked: anything else (`null`,
 * a string, a negative or fractional number) is a `ValidationError`, before any request.
 */
function imageId(operation: string, image: unknown): number {
  const id = typeof image === "object" && image !== null ? (image as { id?: unknown }).id : image;
  const check = new InputChecker(operation);
  check.integer(["image"], id, { min: 0 });
  check.throwIfInvalid();
  return id as number;
}

/**
 * The v1.0 image manager with the python-cloudservers surface: `get`, `list` (detailed or
 * not), `find`/`findall` by attributes across every page, `create(name, server)`, `delete`.
 */
export class LegacyImageManager {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** One image by integer id. */
  get(image: number | LegacyImage, options?: CallOptions): ApiPromise<LegacyImage> {
    return apiPromise(options, async (sinkOptions) => {
      const id = imageId("legacyImages.get", image);
      const { data } = await this.#http.json(
        legacyOp({ operation: "legacyImages.get", method: "get", path: "/images/{image_id}", params: { image_id: String(id) }, expect: [200, 203] }),
        LegacyImageResponseSchema,
        sinkOptions,
      );
      return new LegacyImage(this, data.image);
    });
  }

  /** One page of images (the first 1000 by default). */
  list(options: LegacyListOptions = {}): ApiPromise<LegacyImage[]> {
    const { detailed, offset, limit, ...callOptions } = options ?? {};
    return apiPromise(callOptions, async (sinkOptions) => {
      const check = new InputChecker("legacyImages.list");
      if (offset !== undefined) check.integer(["offset"], offset, { min: 0 });
      if (limit !== undefined) check.integer(["limit"], limit, { min: 1, max: 1000 });
      check.throwIfInvalid();
      const query: [string, string][] = [];
      if (offset !== undefined) query.push(["offset", String(offset)]);
      if (limit !== undefined) query.push(["limit", String(limit)]);
      const request =
        (detailed ?? true)
          ? legacyOp({ operation: "legacyImages.list", method: "get", path: "/images/detail", params: {}, query, expect: [200, 203] })
          : legacyOp({ operation: "legacyImages.list", method: "get", path: "/images", params: {}, query, expect: [200, 203] });
      const { data } = await this.#http.json(request, LegacyImageListSchema, sinkOptions);
      return data.images.map((i) => new LegacyImage(this, i));
    });
  }

  /** Every image, page after page (offset/limit paging). */
  async *listAll(options: Omit<LegacyListOptions, "offset"> = {}): AsyncGenerator<LegacyImage> {
    const limit = options.limit ?? PAGE;
    for (let offset = 0; ; offset += limit) {
      const page = await this.list({ ...options, offset, limit });
      yield* page;
      if (page.length < limit) return;
    }
  }

  /** Every image whose attributes equal all of `attributes` (searching every page). */
  async findall(attributes: LegacyImageAttributes, options?: Omit<LegacyListOptions, "offset" | "detailed">): Promise<LegacyImage[]> {
    const check = new InputChecker("legacyImages.findall");
    if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) check.fail(["attributes"], "must be an object of image attributes to match");
    check.throwIfInvalid();
    const found: LegacyImage[] = [];
    for await (const image of this.listAll({ ...options, detailed: true })) {
      if (Object.entries(attributes).every(([k, v]) => v === undefined || (image as unknown as Record<string, unknown>)[k] === v)) found.push(image);
    }
    return found;
  }

  /** The one image matching `attributes`; throws when none or several match. */
  async find(attributes: LegacyImageAttributes, options?: Omit<LegacyListOptions, "offset" | "detailed">): Promise<LegacyImage> {
    const found = await this.findall(attributes, options);
    if (found.length === 0) throw new LegacyImageNotFoundError(attributes);
    if (found.length > 1) throw new LegacyImageNotUniqueError(attributes, found.length);
    return found[0]!;
  }

  /** Creates an image of a server (202); the image starts QUEUED. */
  create(name: string, server: number | { readonly id: number }, options?: CallOptions): ApiPromise<LegacyImage> {
    return apiPromise(options, async (sinkOptions) => {
      const serverId = typeof server === "object" && server !== null ? (server as { id?: unknown }).id : server;
      const check = new InputChecker("legacyImages.create");
      check.string(["name"], name, { max: 255 });
      check.integer(["server"], serverId, { min: 0 });
      check.throwIfInvalid();
      const { data } = await this.#http.json(
        legacyOp({
          operation: "legacyImages.create",
          method: "post",
          path: "/images",
          params: {},
          headers: { "content-type": "application/json" },
          body: encoder.encode(JSON.stringify({ image: { serverId: serverId as number, name } })),
          expect: [202],
        }),
        LegacyImageResponseSchema,
        sinkOptions,
      );
      return new LegacyImage(this, data.image);
    });
  }

  /** Deletes an image (by id or object). */
  delete(image: number | LegacyImage, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      const id = imageId("legacyImages.delete", image);
      await this.#http.empty(legacyOp({ operation: "legacyImages.delete", method: "delete", path: "/images/{image_id}", params: { image_id: String(id) }, expect: [204] }), sinkOptions);
    });
  }

  /** The account's servers (id and name), to pick one to image. */
  listServers(options?: CallOptions): ApiPromise<{ id: number; name: string }[]> {
    return apiPromise(options, async (sinkOptions) => {
      const { data } = await this.#http.json(legacyOp({ operation: "legacyServers.list", method: "get", path: "/servers", params: {}, expect: [200, 203] }), LegacyServerListSchema, sinkOptions);
      return data.servers;
    });
  }
}

/** `find` matched nothing (python-cloudservers' `NotFound` of `find`). Code `LEGACY_IMAGE_NOT_FOUND`. */
export class LegacyImageNotFoundError extends CloudImagesError {
  static override readonly errorId: string = "LegacyImageNotFoundError";

  /** The attributes that matched no image. */
  readonly attributes: LegacyImageAttributes;

  constructor(attributes: LegacyImageAttributes) {
    super(`No image matches ${JSON.stringify(attributes)}`, "LEGACY_IMAGE_NOT_FOUND");
    this.attributes = attributes;
  }
}

/** `find` matched several images (python-cloudservers' `NoUniqueMatch`). Code `LEGACY_IMAGE_NOT_UNIQUE`. */
export class LegacyImageNotUniqueError extends CloudImagesError {
  static override readonly errorId: string = "LegacyImageNotUniqueError";

  /** The attributes that matched several images. */
  readonly attributes: LegacyImageAttributes;
  /** How many images matched. */
  readonly count: number;

  constructor(attributes: LegacyImageAttributes, count: number) {
    super(`${count} images match ${JSON.stringify(attributes)}; use findall`, "LEGACY_IMAGE_NOT_UNIQUE");
    this.attributes = attributes;
    this.count = count;
  }
}
