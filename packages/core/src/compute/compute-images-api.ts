import type { CallOptions, HttpClient } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import { specRequests } from "../http/spec-request.js";
import type { QueryEntries } from "../http/query.js";
import type { paths as ComputePaths } from "../generated/compute-v2-images.js";
import { linkPage, paginate, type LinkedPage, type PageIterator } from "../pagination/paginator.js";
import type { ComputeImage, ComputeImageList, ComputeImageStatus, ComputeImageSummary, ComputeImageSummaryList, ServerSummaryList } from "../schemas/compute-v2-images.js";
import {
  computeImageList as ComputeImageListSchema,
  computeImageResponse as ComputeImageResponseSchema,
  computeImageSummaryList as ComputeImageSummaryListSchema,
  imageMetadataItem as ImageMetadataItemSchema,
  imageMetadata as ImageMetadataSchema,
  serverSummaryList as ServerSummaryListSchema,
} from "../validation/compute.js";
import { InputChecker, segmentProblem } from "../validation/checker.js";
import { ResponseValidationError } from "../errors/response-validation-error.js";
import { redactUrl } from "../errors/redact.js";

/** Filters of `GET /images` and `/images/detail`. */
export interface ListComputeImagesQuery {
  /** Only images made from this server (id or URL). */
  readonly server?: string;
  /** Only images with this exact name. */
  readonly name?: string;
  /** Only images with this status. */
  readonly status?: ComputeImageStatus;
  /** Only images changed since then; deleted images appear as DELETED. */
  readonly changesSince?: Date | string;
  /** Id of the last image of the previous page. */
  readonly marker?: string;
  /** Page size. */
  readonly limit?: number;
  /** BASE (provider images) or SNAPSHOT (made from servers). */
  readonly type?: "BASE" | "SNAPSHOT";
}

const STATUSES = ["ACTIVE", "SAVING", "ERROR", "DELETED", "UNKNOWN"];

function queryEntries(operation: string, query: ListComputeImagesQuery): QueryEntries {
  const check = new InputChecker(operation);
  const out: [string, string][] = [];
  if (query.server !== undefined) {
    check.string(["server"], query.server);
    out.push(["server", query.server]);
  }
  if (query.name !== undefined) {
    check.string(["name"], query.name, { max: 255 });
    out.push(["name", query.name]);
  }
  if (query.status !== undefined) {
    check.oneOf(["status"], query.status, STATUSES);
    out.push(["status", query.status]);
  }
  if (query.changesSince !== undefined) {
    check.date(["changesSince"], query.changesSince);
    const d = query.changesSince instanceof Date ? query.changesSince : new Date(query.changesSince);
    if (!Number.isNaN(d.getTime())) out.push(["changes-since", d.toISOString()]);
  }
  if (query.marker !== undefined) {
    check.string(["marker"], query.marker);
    out.push(["marker", query.marker]);
  }
  if (query.limit !== undefined) {
    check.integer(["limit"], query.limit, { min: 1, max: 1000 });
    out.push(["limit", String(query.limit)]);
  }
  if (query.type !== undefined) {
    check.oneOf(["type"], query.type, ["BASE", "SNAPSHOT"]);
    out.push(["type", query.type]);
  }
  check.throwIfInvalid();
  return out;
}

function checkString(operation: string, name: string, value: unknown): void {
  const check = new InputChecker(operation);
  check.string([name], value, { max: 255 });
  check.throwIfInvalid();
}

/**
 * Checks values that go into the URL path (ids, metadata keys): a string of at most 255
 * characters that is one safe path segment (not empty, `.`, `..`, `%2E%2E`…, no `/`).
 */
function checkSegments(operation: string, values: Readonly<Record<string, unknown>>): void {
  const check = new InputChecker(operation);
  for (const [name, value] of Object.entries(values)) check.segment([name], value, { max: 255 });
  check.throwIfInvalid();
}

function checkMetadata(operation: string, metadata: unknown): void {
  const check = new InputChecker(operation);
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) check.fail(["metadata"], "must be an object of strings");
  else for (const [k, v] of Object.entries(metadata)) {
    check.string(["metadata", k], k, { max: 255 });
    check.string(["metadata", k], v, { min: 0, max: 255 });
  }
  check.throwIfInvalid();
}

const encoder = new TextEncoder();
const jsonBody = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));
const JSON_HEADERS = { "content-type": "application/json" };

/**
 * The image id at the end of a `createImage` answer's `Location` (`…/images/{id}`), decoded, or
 * `undefined` when there is none or it is not a usable path segment.
 */
function imageIdFromLocation(location: string | undefined): string | undefined {
  const parts = (location ?? "").trim().split(/[?#]/)[0]!.replace(/\/+$/, "").split("/");
  const last = parts.pop();
  if (!last || parts.pop() !== "images") return undefined;
  let id: string;
  try {
    id = decodeURIComponent(last);
  } catch {
    return undefined;
  }
  return segmentProblem(id) === undefined ? id : undefined;
}

/** Marker of a compute `next` link (`…/images/detail?limit=2&marker=ID`). */
function nextLink(links: readonly { rel: string; href: string }[] | undefined): string | undefined {
  return links?.find((l) => l.rel === "next")?.href;
}

/**
 * Requests of the compute API v2 images document, checked against the spec's paths, methods and
 * statuses. Paths are below the compute endpoint, whose root carries the tenant (`…/v2/{tenant}`).
 */
export const computeOp = specRequests<ComputePaths>();

/** One page of {@link ComputeImagesApi.listDetail}: the answer, `items`, the `next` link, and the way to the next page. */
export type ComputeImagePage = LinkedPage<ComputeImage, ComputeImageList & { items: ComputeImage[]; next?: string }>;

/** One page of {@link ComputeImagesApi.list} (ids, names, links), with the way to the next page. */
export type ComputeImageSummaryPage = LinkedPage<ComputeImageSummary, ComputeImageSummaryList & { items: ComputeImageSummary[]; next?: string }>;

/** Adds `items` (the images) and `next` (the `next` link's href, when any) to a compute listing. */
function withItems<L extends { images: unknown[]; images_links?: readonly { rel: string; href: string }[] | undefined }>(data: L): L & { items: L["images"]; next?: string } {
  const next = nextLink(data.images_links);
  return Object.assign(data, { items: data.images, ...(next === undefined ? {} : { next }) });
}

/**
 * Images through the compute API v2 (Rackspace Cloud Servers next generation): list with
 * filters, get, delete, metadata and snapshots of servers (`createImage`); wait for ACTIVE with
 * `computeClient.waitFor.image`. Every call returns an {@link ApiPromise}: await it for the
 * result, or `.withResponse()` for the answer's status, headers and request id too.
 */
export class ComputeImagesApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * One page of images without details (`GET /images`). The page knows the next one:
   * `page.hasNextPage()`, `await page.getNextPage()` (same query and options).
   */
  list(query: ListComputeImagesQuery = {}, options?: CallOptions): ApiPromise<ComputeImageSummaryPage> {
    return apiPromise(options, async (sinkOptions) => {
      const base = queryEntries("computeImages.list", query).filter(([name]) => name !== "marker");
      const fetchPage = async (marker: string | undefined): Promise<ComputeImageSummaryList & { items: ComputeImageSummary[]; next?: string }> => {
        const entries = marker === undefined ? base : [...base, ["marker", marker] as const];
        const { data } = await this.#http.json(
          computeOp({ operation: "computeImages.list", method: "get", path: "/images", params: {}, query: entries, expect: [200, 203] }),
          ComputeImageSummaryListSchema,
          sinkOptions,
        );
        return withItems(data);
      };
      return linkPage(await fetchPage(query.marker), fetchPage);
    });
  }

  /**
   * One page of images with details (`GET /images/detail`). The page knows the next one:
   * `page.hasNextPage()`, `await page.getNextPage()` (same query and options).
   */
  listDetail(query: ListComputeImagesQuery = {}, options?: CallOptions): ApiPromise<ComputeImagePage> {
    return apiPromise(options, async (sinkOptions) => {
      const base = queryEntries("computeImages.listDetail", query).filter(([name]) => name !== "marker");
      const fetchPage = async (marker: string | undefined): Promise<ComputeImageList & { items: ComputeImage[]; next?: string }> => {
        const entries = marker === undefined ? base : [...base, ["marker", marker] as const];
        const { data } = await this.#http.json(
          computeOp({ operation: "computeImages.listDetail", method: "get", path: "/images/detail", params: {}, query: entries, expect: [200, 203] }),
          ComputeImageListSchema,
          sinkOptions,
        );
        return withItems(data);
      };
      return linkPage(await fetchPage(query.marker), fetchPage);
    });
  }

  /** Every image with details, page after page (`query.limit` is the page size). */
  listAll(query: ListComputeImagesQuery = {}, options?: CallOptions): PageIterator<ComputeImage, ComputeImageList & { items: ComputeImage[]; next?: string }> {
    const base = queryEntries("computeImages.listAll", query).filter(([name]) => name !== "marker");
    return paginate(async (marker) => {
      const m = marker ?? query.marker;
      const entries = m === undefined ? base : [...base, ["marker", m] as const];
      const { data } = await this.#http.json(
        computeOp({ operation: "computeImages.listAll", method: "get", path: "/images/detail", params: {}, query: entries, expect: [200, 203] }),
        ComputeImageListSchema,
        options,
      );
      return withItems(data);
    });
  }

  /** One image (`GET /images/{id}`). */
  get(imageId: string, options?: CallOptions): ApiPromise<ComputeImage> {
    return apiPromise(options, async (sinkOptions) => {
      checkSegments("computeImages.get", { imageId });
      const { data } = await this.#http.json(
        computeOp({ operation: "computeImages.get", method: "get", path: "/images/{image_id}", params: { image_id: imageId }, expect: [200, 203] }),
        ComputeImageResponseSchema,
        sinkOptions,
      );
      return data.image;
    });
  }

  /** Deletes an image (`DELETE /images/{id}`, 204). */
  delete(imageId: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkSegments("computeImages.delete", { imageId });
      await this.#http.empty(computeOp({ operation: "computeImages.delete", method: "delete", path: "/images/{image_id}", params: { image_id: imageId }, expect: [204] }), sinkOptions);
    });
  }

  /** All metadata of an image. */
  getMetadata(imageId: string, options?: CallOptions): ApiPromise<Record<string, string>> {
    return apiPromise(options, async (sinkOptions) => {
      checkSegments("computeImages.getMetadata", { imageId });
      const { data } = await this.#http.json(
        computeOp({ operation: "computeImages.getMetadata", method: "get", path: "/images/{image_id}/metadata", params: { image_id: imageId }, expect: [200, 203] }),
        ImageMetadataSchema,
        sinkOptions,
      );
      return data.metadata;
    });
  }

  /** Adds or changes the given keys; other keys stay (`POST …/metadata`). Returns all metadata. */
  updateMetadata(imageId: string, metadata: Readonly<Record<string, string>>, options?: CallOptions): ApiPromise<Record<string, string>> {
    return this.#writeMetadata("computeImages.updateMetadata", "post", imageId, metadata, options);
  }

  /** Replaces all metadata with the given keys (`PUT …/metadata`). */
  setMetadata(imageId: string, metadata: Readonly<Record<string, string>>, options?: CallOptions): ApiPromise<Record<string, string>> {
    return this.#writeMetadata("computeImages.setMetadata", "put", imageId, metadata, options);
  }

  /** `POST` (merge) or `PUT` (replace) of an image's metadata; both answer the whole metadata. */
  #writeMetadata(operation: string, method: "post" | "put", imageId: string, metadata: Readonly<Record<string, string>>, options: CallOptions | undefined): ApiPromise<Record<string, string>> {
    return apiPromise(options, async (sinkOptions) => {
      checkSegments(operation, { imageId });
      checkMetadata(operation, metadata);
      const { data } = await this.#http.json(
        computeOp({ operation, method, path: "/images/{image_id}/metadata", params: { image_id: imageId }, headers: JSON_HEADERS, body: jsonBody({ metadata }), expect: [200] }),
        ImageMetadataSchema,
        sinkOptions,
      );
      return data.metadata;
    });
  }


  /** One metadata value (404 when the key is not set). */
  getMetadataItem(imageId: string, key: string, options?: CallOptions): ApiPromise<string> {
    return apiPromise(options, async (sinkOptions) => {
      checkSegments("computeImages.getMetadataItem", { imageId, key });
      const { data } = await this.#http.json(
        computeOp({ operation: "computeImages.getMetadataItem", method: "get", path: "/images/{image_id}/metadata/{key}", params: { image_id: imageId, key }, expect: [200, 203] }),
        ImageMetadataItemSchema,
        sinkOptions,
      );
      return data.meta[key] ?? "";
    });
  }

  /** Sets one metadata value (`PUT …/metadata/{key}`). */
  setMetadataItem(imageId: string, key: string, value: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkSegments("computeImages.setMetadataItem", { imageId, key });
      checkMetadata("computeImages.setMetadataItem", { [key]: value });
      await this.#http.json(
        computeOp({
          operation: "computeImages.setMetadataItem",
          method: "put",
          path: "/images/{image_id}/metadata/{key}",
          params: { image_id: imageId, key },
          headers: JSON_HEADERS,
          body: jsonBody({ meta: { [key]: value } }),
          expect: [200],
        }),
        ImageMetadataItemSchema,
        sinkOptions,
      );
    });
  }

  /** Removes one metadata key (`DELETE …/metadata/{key}`). */
  deleteMetadataItem(imageId: string, key: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkSegments("computeImages.deleteMetadataItem", { imageId, key });
      await this.#http.empty(
        computeOp({ operation: "computeImages.deleteMetadataItem", method: "delete", path: "/images/{image_id}/metadata/{key}", params: { image_id: imageId, key }, expect: [204] }),
        sinkOptions,
      );
    });
  }

  /** The tenant's servers (id, name, links). */
  listServers(options?: CallOptions): ApiPromise<ServerSummaryList["servers"]> {
    return apiPromise(options, async (sinkOptions) => {
      const { data } = await this.#http.json(
        computeOp({ operation: "computeServers.list", method: "get", path: "/servers", params: {}, expect: [200, 203] }),
        ServerSummaryListSchema,
        sinkOptions,
      );
      return data.servers;
    });
  }

  /**
   * Snapshots a server (`createImage` action, 202) and returns the new image, read from the
   * URL the server gives in `Location`. The image is SAVING: wait with `computeClient.waitFor.image(id)`.
   * An answer without a usable `Location` is a `ResponseValidationError` (with the request id).
   * `.withResponse()` reports the last request (the read of the new image).
   */
  createImage(serverId: string, params: CreateServerImageParams, options?: CallOptions): ApiPromise<ComputeImage> {
    return apiPromise(options, async (sinkOptions) => {
      const { name, metadata } = params ?? ({} as CreateServerImageParams);
      checkSegments("computeImages.createImage", { serverId });
      checkString("computeImages.createImage", "name", name);
      if (metadata !== undefined) checkMetadata("computeImages.createImage", metadata);
      const request = computeOp({
        operation: "computeImages.createImage",
        method: "post",
        path: "/servers/{server_id}/action",
        params: { server_id: serverId },
        headers: JSON_HEADERS,
        body: jsonBody({ createImage: metadata === undefined ? { name } : { name, metadata } }),
        expect: [202],
      });
      const { headers, status, requestId } = await this.#http.empty(request, sinkOptions);
      const id = imageIdFromLocation(headers["location"]);
      if (id === undefined) {
        throw new ResponseValidationError({
          method: "POST",
          url: redactUrl(this.#http.url(request.path)),
          status,
          requestId,
          problems: [`Location: the createImage answer must name the new image (…/images/{id}), got ${headers["location"] === undefined ? "no Location header" : JSON.stringify(headers["location"])}`],
        });
      }
      return this.get(id, sinkOptions);
    });
  }
}

/** What {@link ComputeImagesApi.createImage} sends: the new image's name and metadata. */
export interface CreateServerImageParams {
  /** Name of the snapshot. */
  readonly name: string;
  /** Metadata of the snapshot. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

export type { ComputeImageSummary };
