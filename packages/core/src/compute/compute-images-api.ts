import type { CallOptions, HttpClient } from "../http/http-client.js";
import { pathSegment } from "../http/endpoint.js";
import type { QueryEntries } from "../http/query.js";
import { paginate, type PageIterator } from "../pagination/paginator.js";
import {
  ComputeImageListSchema,
  ComputeImageResponseSchema,
  ComputeImageSummaryListSchema,
  ImageMetadataItemSchema,
  ImageMetadataSchema,
  ServerSummaryListSchema,
  type ComputeImage,
  type ComputeImageList,
  type ComputeImageStatus,
  type ComputeImageSummary,
  type ComputeImageSummaryList,
  type ServerSummaryList,
} from "../schemas/compute-v2-images.js";
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
 * Images through the compute API v2 (Rackspace Cloud Servers next generation): list with
 * filters, get, delete, metadata and snapshots of servers (`createImage`); wait for ACTIVE with
 * `computeClient.waitFor.image`.
 */
export class ComputeImagesApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** One page of images without details (`GET /images`). */
  async list(query: ListComputeImagesQuery = {}, options?: CallOptions): Promise<ComputeImageSummaryList> {
    const entries = queryEntries("computeImages.list", query);
    const { data } = await this.#http.json({ operation: "computeImages.list", method: "GET", path: "/images", query: entries, expect: [200, 203] }, ComputeImageSummaryListSchema, options);
    return data;
  }

  /** One page of images with details (`GET /images/detail`). */
  async listDetail(query: ListComputeImagesQuery = {}, options?: CallOptions): Promise<ComputeImageList> {
    const entries = queryEntries("computeImages.listDetail", query);
    const { data } = await this.#http.json({ operation: "computeImages.listDetail", method: "GET", path: "/images/detail", query: entries, expect: [200, 203] }, ComputeImageListSchema, options);
    return data;
  }

  /** Every image with details, page after page (`query.limit` is the page size). */
  listAll(query: ListComputeImagesQuery = {}, options?: CallOptions): PageIterator<ComputeImage, ComputeImageList & { items: ComputeImage[]; next?: string }> {
    const base = queryEntries("computeImages.listAll", { ...query, marker: undefined });
    return paginate(async (marker) => {
      const m = marker ?? query.marker;
      const entries = m === undefined ? base : [...base, ["marker", m] as const];
      const { data } = await this.#http.json({ operation: "computeImages.listAll", method: "GET", path: "/images/detail", query: entries, expect: [200, 203] }, ComputeImageListSchema, options);
      const next = nextLink(data.images_links);
      return Object.assign(data, { items: data.images, ...(next === undefined ? {} : { next }) });
    });
  }

  /** One image (`GET /images/{id}`). */
  async get(imageId: string, options?: CallOptions): Promise<ComputeImage> {
    checkSegments("computeImages.get", { imageId });
    const { data } = await this.#http.json({ operation: "computeImages.get", method: "GET", path: `/images/${pathSegment(imageId)}`, expect: [200, 203] }, ComputeImageResponseSchema, options);
    return data.image;
  }

  /** Deletes an image (`DELETE /images/{id}`, 204). */
  async delete(imageId: string, options?: CallOptions): Promise<void> {
    checkSegments("computeImages.delete", { imageId });
    await this.#http.empty({ operation: "computeImages.delete", method: "DELETE", path: `/images/${pathSegment(imageId)}`, expect: [204] }, options);
  }

  /** All metadata of an image. */
  async getMetadata(imageId: string, options?: CallOptions): Promise<Record<string, string>> {
    checkSegments("computeImages.getMetadata", { imageId });
    const { data } = await this.#http.json({ operation: "computeImages.getMetadata", method: "GET", path: `/images/${pathSegment(imageId)}/metadata`, expect: [200, 203] }, ImageMetadataSchema, options);
    return data.metadata;
  }

  /** Adds or changes the given keys; other keys stay (`POST …/metadata`). Returns all metadata. */
  async updateMetadata(imageId: string, metadata: Readonly<Record<string, string>>, options?: CallOptions): Promise<Record<string, string>> {
    checkSegments("computeImages.updateMetadata", { imageId });
    checkMetadata("computeImages.updateMetadata", metadata);
    const { data } = await this.#http.json(
      { operation: "computeImages.updateMetadata", method: "POST", path: `/images/${pathSegment(imageId)}/metadata`, headers: JSON_HEADERS, body: jsonBody({ metadata }), expect: [200] },
      ImageMetadataSchema,
      options,
    );
    return data.metadata;
  }

  /** Replaces all metadata with the given keys (`PUT …/metadata`). */
  async setMetadata(imageId: string, metadata: Readonly<Record<string, string>>, options?: CallOptions): Promise<Record<string, string>> {
    checkSegments("computeImages.setMetadata", { imageId });
    checkMetadata("computeImages.setMetadata", metadata);
    const { data } = await this.#http.json(
      { operation: "computeImages.setMetadata", method: "PUT", path: `/images/${pathSegment(imageId)}/metadata`, headers: JSON_HEADERS, body: jsonBody({ metadata }), expect: [200] },
      ImageMetadataSchema,
      options,
    );
    return data.metadata;
  }

  /** One metadata value (404 when the key is not set). */
  async getMetadataItem(imageId: string, key: string, options?: CallOptions): Promise<string> {
    checkSegments("computeImages.getMetadataItem", { imageId, key });
    const { data } = await this.#http.json(
      { operation: "computeImages.getMetadataItem", method: "GET", path: `/images/${pathSegment(imageId)}/metadata/${pathSegment(key)}`, expect: [200, 203] },
      ImageMetadataItemSchema,
      options,
    );
    return data.meta[key] ?? "";
  }

  /** Sets one metadata value (`PUT …/metadata/{key}`). */
  async setMetadataItem(imageId: string, key: string, value: string, options?: CallOptions): Promise<void> {
    checkSegments("computeImages.setMetadataItem", { imageId, key });
    checkMetadata("computeImages.setMetadataItem", { [key]: value });
    await this.#http.json(
      { operation: "computeImages.setMetadataItem", method: "PUT", path: `/images/${pathSegment(imageId)}/metadata/${pathSegment(key)}`, headers: JSON_HEADERS, body: jsonBody({ meta: { [key]: value } }), expect: [200] },
      ImageMetadataItemSchema,
      options,
    );
  }

  /** Removes one metadata key (`DELETE …/metadata/{key}`). */
  async deleteMetadataItem(imageId: string, key: string, options?: CallOptions): Promise<void> {
    checkSegments("computeImages.deleteMetadataItem", { imageId, key });
    await this.#http.empty({ operation: "computeImages.deleteMetadataItem", method: "DELETE", path: `/images/${pathSegment(imageId)}/metadata/${pathSegment(key)}`, expect: [204] }, options);
  }

  /** The tenant's servers (id, name, links). */
  async listServers(options?: CallOptions): Promise<ServerSummaryList["servers"]> {
    const { data } = await this.#http.json({ operation: "computeServers.list", method: "GET", path: "/servers", expect: [200, 203] }, ServerSummaryListSchema, options);
    return data.servers;
  }

  /**
   * Snapshots a server (`createImage` action, 202) and returns the new image, read from the
   * URL the server gives in `Location`. The image is SAVING: wait with `computeClient.waitFor.image(id)`.
   * An answer without a usable `Location` is a `ResponseValidationError` (with the request id).
   */
  async createImage(serverId: string, name: string, metadata?: Readonly<Record<string, string>>, options?: CallOptions): Promise<ComputeImage> {
    checkSegments("computeImages.createImage", { serverId });
    checkString("computeImages.createImage", "name", name);
    if (metadata !== undefined) checkMetadata("computeImages.createImage", metadata);
    const { headers, status, requestId } = await this.#http.empty(
      {
        operation: "computeImages.createImage",
        method: "POST",
        path: `/servers/${pathSegment(serverId)}/action`,
        headers: JSON_HEADERS,
        body: jsonBody({ createImage: metadata === undefined ? { name } : { name, metadata } }),
        expect: [202],
      },
      options,
    );
    const id = imageIdFromLocation(headers["location"]);
    if (id === undefined) {
      throw new ResponseValidationError({
        method: "POST",
        url: redactUrl(`${this.#http.root}/servers/${pathSegment(serverId)}/action`),
        status,
        requestId,
        problems: [`Location: the createImage answer must name the new image (…/images/{id}), got ${headers["location"] === undefined ? "no Location header" : JSON.stringify(headers["location"])}`],
      });
    }
    return this.get(id, options);
  }
}

export type { ComputeImageSummary };
