import type { CallOptions, HttpClient } from "../http/http-client.js";
import type { QueryEntries } from "../http/query.js";
import { specRequests } from "../http/spec-request.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import type { paths as ImagePaths } from "../generated/image-v2.js";
import { linkPage, paginate, withCallerSignal, type LinkedPage, type PageIterator } from "../pagination/paginator.js";
import { AdaptivePageSize } from "../pagination/page-sizes.js";
import { computeImagePatch } from "../patch/compute-patch.js";
import { unescapePointerToken } from "../patch/json-pointer.js";
import { checkPatchShape, IMAGE_PATCH_MEDIA_TYPE, type ImagePatchOperation } from "../patch/patch-operation.js";
import type { Image, ImageList } from "../schemas/image-v2.js";
import { image as ImageSchema, imageList as ImageListSchema } from "../validation/images.js";
import { InputChecker } from "../validation/checker.js";
import { setOwn } from "../records/own-keys.js";
import { MAX_TAG_LENGTH, READ_ONLY_IMAGE_ATTRIBUTES, type ContainerFormat, type DiskFormat, type Visibility } from "./enums.js";
import { checkImageAttribute, closestAttribute, WRITABLE_BASE_ATTRIBUTES } from "./image-attributes.js";
import { listImagesQueryEntries, type ListImagesQuery } from "./list-query.js";

/**
 * Attributes of a new image. The base attributes are named as Glance spells them; custom
 * properties go in `properties` (sent as top-level attributes, as Glance expects). Being a
 * closed type, a misspelt attribute (`disk_fromat`) is a compile-time error, and a
 * `ValidationError` naming the attribute it resembles at run time.
 */
export interface CreateImageInput {
  /** Client-chosen UUID. Makes a retried create safe: a second create with it is a 409, not a twin image. */
  readonly id?: string | undefined;
  /** Display name. */
  readonly name?: string | null | undefined;
  /** Disk format (required before data can be uploaded). */
  readonly disk_format?: DiskFormat | undefined;
  /** Container format (required before data can be uploaded). */
  readonly container_format?: ContainerFormat | undefined;
  /** Visibility (server default: `shared` upstream, `private` on Rackspace). `public` needs admin rights by default policy. */
  readonly visibility?: Visibility | undefined;
  /** A protected image cannot be deleted. */
  readonly protected?: boolean | undefined;
  /** Hidden from default listings. */
  readonly os_hidden?: boolean | undefined;
  /** Minimum disk in GB to boot. */
  readonly min_disk?: number | undefined;
  /** Minimum RAM in MB to boot. */
  readonly min_ram?: number | undefined;
  /** Tags. */
  readonly tags?: readonly string[] | undefined;
  /** Owner project (admins only). */
  readonly owner?: string | null | undefined;
  /** Custom properties (`os_distro`, `hw_disk_bus`, `org.example/team`…): string values, sent as top-level attributes. */
  readonly properties?: Readonly<Record<string, string>> | undefined;
}

/** One page of {@link ImagesApi.list}: Glance's answer (`images`, `next`…), `items`, and the way to the next page. */
export type ImagePage = LinkedPage<Image, ImageList & { items: Image[] }>;

/**
 * The import methods a server announced in its answer to `create` (`OpenStack-image-import-methods`,
 * API ≥ 2.6): `announcedImportMethods((await images.create(attrs).withResponse()).response)`.
 */
export function announcedImportMethods(response: { readonly headers: Readonly<Record<string, string>> }): string[] {
  return splitHeaderList(response.headers["openstack-image-import-methods"]);
}

/** The store ids a multi-store server announced in its answer to `create` (`OpenStack-image-store-ids`). */
export function announcedStoreIds(response: { readonly headers: Readonly<Record<string, string>> }): string[] {
  return splitHeaderList(response.headers["openstack-image-store-ids"]);
}

/**
 * Glance v2 image operations: create, get, list (one page, or every page through an async
 * iterator), update (explicit JSON patch, or computed from desired attributes), delete, tags,
 * deactivate/reactivate. Every method takes {@link CallOptions} (signal, timeout, headers) and
 * checks its input before sending anything.
 */
export class ImagesApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * Creates an image record (`POST /v2/images`, 201) and returns it (status `queued`). No data
   * yet: upload or import next. The import methods and stores the server announced are in the
   * answer's headers: see {@link announcedImportMethods} with `.withResponse()`.
   */
  create(input: CreateImageInput, options?: CallOptions): ApiPromise<Image> {
    return apiPromise(options, async (sinkOptions) => {
      const body = createBody(input);
      const { data } = await this.#http.json(
        imageOp({
          operation: "images.create",
          method: "post",
          path: "/v2/images",
          params: {},
          headers: { "content-type": "application/json" },
          body: encodeJson(body),
          expect: [201],
          // With the caller's id a repeated create is a 409, never a second image: safe to retry.
          idempotent: typeof input.id === "string",
        }),
        ImageSchema,
        sinkOptions,
      );
      return data;
    });
  }

  /** Reads one image (`GET /v2/images/{id}`). */
  get(imageId: string, options?: CallOptions): ApiPromise<Image> {
    return apiPromise(options, async (sinkOptions) => {
      checkId("images.get", imageId);
      const { data } = await this.#http.json(
        imageOp({ operation: "images.get", method: "get", path: "/v2/images/{image_id}", params: { image_id: imageId }, expect: [200] }),
        ImageSchema,
        sinkOptions,
      );
      return data;
    });
  }

  /**
   * Reads one page of images (`GET /v2/images`) with typed filters and sorting. The page knows
   * the next one: `page.hasNextPage()`, `await page.getNextPage()` (same query and options,
   * repeated `tag`s kept). `page.items` is `page.images`.
   */
  list(query: ListImagesQuery = {}, options?: CallOptions): ApiPromise<ImagePage> {
    return apiPromise(options, async (sinkOptions) => {
      const base = listImagesQueryEntries(query).filter(([name]) => name !== "marker");
      const fetchPage = async (marker: string | undefined): Promise<ImageList & { items: Image[] }> => {
        const entries = marker === undefined ? base : [...base, ["marker", marker] as const];
        const { data } = await this.#http.json(
          imageOp({ operation: "images.list", method: "get", path: "/v2/images", params: {}, query: entries, expect: [200] }),
          ImageListSchema,
          sinkOptions,
        );
        return Object.assign(data, { items: data.images });
      };
      return linkPage(await fetchPage(query.marker), fetchPage);
    });
  }

  /**
   * Every image matching `query`, page after page, as an async iterator. Follows Glance's
   * `next` link by its marker while keeping the whole query (repeated `tag`s and sort keys
   * included, which the link itself drops). The next page is fetched while you work on the
   * current one (at most one ahead; leaving the loop early aborts it).
   *
   * Page sizes: `query.limit`, when given, is the size of every page. Without it, the first
   * page is small (10 images, for a quick first item) and every later one the server's maximum
   * (`api_limit_max`, learned from its answers: a page cut below what was asked; at most 1000,
   * Glance's default maximum) — 11 requests instead of 401 for 10 000 images. The rule and its
   * figures: `packages/node/bench/README.md`.
   */
  listAll(query: ListImagesQuery = {}, options?: CallOptions): PageIterator<Image, ImageList & { items: Image[] }> {
    const base = listImagesQueryEntries(query, "images.listAll").filter(([name]) => name !== "marker");
    const sizes = query.limit === undefined ? new AdaptivePageSize() : undefined;
    return paginate(
      async (marker, signal) => {
        const startMarker = marker ?? query.marker;
        const limit = sizes?.next();
        const entries: QueryEntries = [
          ...(limit === undefined ? [] : [["limit", String(limit)] as const]),
          ...base,
          ...(startMarker === undefined ? [] : [["marker", startMarker] as const]),
        ];
        const { data } = await this.#http.json(
          imageOp({ operation: "images.listAll", method: "get", path: "/v2/images", params: {}, query: entries, expect: [200] }),
          ImageListSchema,
          { ...options, signal: withCallerSignal(options?.signal, signal) },
        );
        if (limit !== undefined) sizes?.observe(limit, data.images.length, data.next);
        return Object.assign(data, { items: data.images });
      },
      { lookAhead: true },
    );
  }

  /**
   * Applies JSON-patch operations (`PATCH /v2/images/{id}`). Paths name top-level attributes;
   * escape `~` and `/` in names (see `propertyPointer`). Returns the updated image.
   */
  update(imageId: string, operations: readonly ImagePatchOperation[], options?: CallOptions): ApiPromise<Image> {
    return apiPromise(options, async (sinkOptions) => {
      checkUpdate("images.update", imageId, operations);
      const { data } = await this.#http.json(
        imageOp({
          operation: "images.update",
          method: "patch",
          path: "/v2/images/{image_id}",
          params: { image_id: imageId },
          headers: { "content-type": IMAGE_PATCH_MEDIA_TYPE },
          body: encodeJson(operations),
          expect: [200],
        }),
        ImageSchema,
        sinkOptions,
      );
      return data;
    });
  }

  /**
   * Sets attributes to the desired values by computing the patch against the current image
   * (fetched unless `current` is given). `null` removes a custom property. Sends nothing and
   * returns the current image when nothing changes.
   */
  updateProperties(
    imageId: string,
    desired: Readonly<Record<string, unknown>>,
    options?: CallOptions & { readonly current?: Image },
  ): ApiPromise<Image> {
    return apiPromise(options, async (sinkOptions) => {
      checkId("images.updateProperties", imageId);
      // Every desired value checked as an `add` would be, before the image is read (nothing sent for bad input).
      const asAdds = computeImagePatch({}, desired);
      if (asAdds.length > 0) checkUpdate("images.updateProperties", imageId, asAdds);
      const current = options?.current ?? (await this.get(imageId, sinkOptions));
      const operations = computeImagePatch(current, desired);
      if (operations.length === 0) return current;
      return this.update(imageId, operations, sinkOptions);
    });
  }

  /** Deletes an image (`DELETE /v2/images/{id}`, 204). Protected images answer 403. */
  delete(imageId: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkId("images.delete", imageId);
      await this.#http.empty(imageOp({ operation: "images.delete", method: "delete", path: "/v2/images/{image_id}", params: { image_id: imageId }, expect: [204] }), sinkOptions);
    });
  }

  /** Adds a tag (`PUT /v2/images/{id}/tags/{tag}`); adding an existing tag is a no-op. */
  addTag(imageId: string, tag: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkIdAndTag("images.addTag", imageId, tag);
      await this.#http.empty(
        imageOp({ operation: "images.addTag", method: "put", path: "/v2/images/{image_id}/tags/{tag}", params: { image_id: imageId, tag }, expect: [204] }),
        sinkOptions,
      );
    });
  }

  /** Removes a tag (`DELETE /v2/images/{id}/tags/{tag}`); a missing tag is a 404. */
  removeTag(imageId: string, tag: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkIdAndTag("images.removeTag", imageId, tag);
      await this.#http.empty(
        imageOp({ operation: "images.removeTag", method: "delete", path: "/v2/images/{image_id}/tags/{tag}", params: { image_id: imageId, tag }, expect: [204] }),
        sinkOptions,
      );
    });
  }

  /** Deactivates an active image so its data cannot be downloaded (admin by default policy; API ≥ 2.3). */
  deactivate(imageId: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkId("images.deactivate", imageId);
      await this.#http.empty(
        imageOp({ operation: "images.deactivate", method: "post", path: "/v2/images/{image_id}/actions/deactivate", params: { image_id: imageId }, expect: [204] }),
        sinkOptions,
      );
    });
  }

  /** Reactivates a deactivated image (API ≥ 2.3). */
  reactivate(imageId: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkId("images.reactivate", imageId);
      await this.#http.empty(
        imageOp({ operation: "images.reactivate", method: "post", path: "/v2/images/{image_id}/actions/reactivate", params: { image_id: imageId }, expect: [204] }),
        sinkOptions,
      );
    });
  }
}

/** Checks the attributes of a new image and flattens `properties` into the body Glance expects. */
function createBody(input: CreateImageInput): Record<string, unknown> {
  const check = new InputChecker("images.create");
  const body: Record<string, unknown> = {};
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    check.fail([], "must be an object of image attributes");
    check.throwIfInvalid();
  }
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (name === "properties") continue;
    if (!WRITABLE_BASE_ATTRIBUTES.includes(name) && !(READ_ONLY_IMAGE_ATTRIBUTES as readonly string[]).includes(name)) {
      const near = closestAttribute(name);
      check.fail([name], `is not an image attribute${near && near !== "properties" ? ` (did you mean \`${near}\`?)` : ""}; put custom properties in \`properties\``);
      continue;
    }
    checkImageAttribute(check, [name], name, value, "create");
    body[name] = value;
  }
  const properties: unknown = input.properties;
  if (properties !== undefined) {
    if (typeof properties !== "object" || properties === null || Array.isArray(properties)) check.fail(["properties"], "must be an object of property names to string values");
    else {
      for (const [name, value] of Object.entries(properties)) {
        if (WRITABLE_BASE_ATTRIBUTES.includes(name) || (READ_ONLY_IMAGE_ATTRIBUTES as readonly string[]).includes(name) || name === "properties") {
          check.fail(["properties", name], `\`${name}\` is a base attribute, not a custom property: set it at the top level`);
          continue;
        }
        checkImageAttribute(check, ["properties", name], name, value, "create");
        setOwn(body, name, value);
      }
    }
  }
  check.throwIfInvalid();
  return body;
}

/** Requests of the image API, checked against the spec's paths, methods and statuses. */
export const imageOp = specRequests<ImagePaths>();

/** Checks an image id and JSON-patch operations (shape, attribute values, tags); throws a ValidationError. */
function checkUpdate(operation: string, imageId: string, operations: readonly ImagePatchOperation[]): void {
  const check = new InputChecker(operation);
  check.uuid(["imageId"], imageId);
  if (checkPatchShape(check, operations)) {
    operations.forEach((o, i) => {
      const [first, ...rest] = o.path.slice(1).split("/");
      const name = unescapePointerToken(first ?? "");
      if (o.op !== "remove") {
        if (name === "tags" && rest.length > 0) check.string([i, "value"], o.value, { max: MAX_TAG_LENGTH });
        else if (rest.length === 0) checkImageAttribute(check, [i, "value"], name, o.value, "update");
      } else if (rest.length === 0) {
        checkImageAttribute(check, [i, "path"], name, "", "update");
      }
    });
  }
  check.throwIfInvalid();
}

function checkId(operation: string, imageId: string): void {
  const check = new InputChecker(operation);
  check.uuid(["imageId"], imageId);
  check.throwIfInvalid();
}

function checkIdAndTag(operation: string, imageId: string, tag: string): void {
  const check = new InputChecker(operation);
  check.uuid(["imageId"], imageId);
  checkTagString(check, ["tag"], tag);
  check.throwIfInvalid();
}

function checkTagString(check: InputChecker, path: (string | number)[], tag: unknown): void {
  check.segment(path, tag, { max: MAX_TAG_LENGTH });
}

const encoder = new TextEncoder();
function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

function splitHeaderList(value: string | undefined): string[] {
  return value ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
}
