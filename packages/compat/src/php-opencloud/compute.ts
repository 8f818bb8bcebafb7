import type { ComputeImage as NativeComputeImage, ComputeImageStatus, ComputeImageSummary, ListComputeImagesQuery, NodeComputeClient } from "@cloud-images/node";
import { ValidationError } from "@cloud-images/node";
import { ImageError, InvalidArgumentException, phpCall } from "./exceptions.js";
import { ResourceIterator } from "./iterator.js";
import { delay } from "@cloud-images/core/internal";

/** php-opencloud's `State` constants (`waitFor` defaults). */
export const State = Object.freeze({
  ACTIVE: "ACTIVE",
  ERROR: "ERROR",
  /** Seconds `waitFor` waits at most by default. */
  DEFAULT_TIMEOUT: 3600,
  /** Seconds between two polls of `waitFor` by default. */
  DEFAULT_INTERVAL: 10,
} as const);

/** `OpenCloud\Compute\Constants\ImageState`: the statuses of a compute image. */
export const ImageState = Object.freeze({
  ACTIVE: "ACTIVE",
  SAVING: "SAVING",
  ERROR: "ERROR",
  DELETED: "DELETED",
  UNKNOWN: "UNKNOWN",
} as const);

/** The filters of `imageList`, as php-opencloud's array keys spell them. */
export interface ImageListFilters {
  /** Images of one server (its id or full URL). */
  readonly server?: string | undefined;
  /** Images with this name. */
  readonly name?: string | undefined;
  /** Images in this status (`ACTIVE`, `SAVING`…). */
  readonly status?: ComputeImageStatus | undefined;
  /** Images changed since this time (ISO 8601, or a `Date`). */
  readonly "changes-since"?: string | Date | undefined;
  /** Start after this image id. */
  readonly marker?: string | undefined;
  /** Page size. */
  readonly limit?: number | undefined;
  /** `BASE` (the provider's) or `SNAPSHOT` (yours). */
  readonly type?: "BASE" | "SNAPSHOT" | undefined;
}

const FILTER_KEYS = new Set(["server", "name", "status", "changes-since", "marker", "limit", "type"]);

/**
 * A compute image (`OpenCloud\Compute\Resource\Image`): its attributes are plain properties
 * (`image.id`, `image.name`, `image.status`, `image.progress`, `image.minDisk`,
 * `image.metadata`…), as php-opencloud's were. Images from a non-detailed `imageList` carry
 * `id`, `name` and `links` only until {@link ComputeImage.refresh}.
 */
export class ComputeImage {
  /** The image id. */
  id: string;
  /** The image name. */
  name: string;
  /** `ACTIVE`, `SAVING`, `ERROR`, `DELETED` or `UNKNOWN` (absent on a summary). */
  status: ComputeImageStatus | undefined;
  /** Percent done while `SAVING`. */
  progress: number | undefined;
  /** Minimum disk (GB). */
  minDisk: number | undefined;
  /** Minimum RAM (MB). */
  minRam: number | undefined;
  /** Creation time. */
  created: string | undefined;
  /** Last change. */
  updated: string | undefined;
  /** The image's metadata. */
  metadata: Record<string, string> | undefined;
  /** The server a snapshot was made from. */
  server: NativeComputeImage["server"];
  /** Links to the image. */
  links: NativeComputeImage["links"] | undefined;
  readonly #client: NodeComputeClient;

  /** Made by `ComputeService.image`, `imageList` and `Server.createImage`. */
  constructor(client: NodeComputeClient, data: NativeComputeImage | ComputeImageSummary | { readonly id: string }) {
    this.#client = client;
    this.id = data.id;
    this.name = "";
    this.#populate(data);
  }

  #populate(data: Partial<NativeComputeImage> & { readonly id: string }): void {
    for (const [key, value] of Object.entries(data)) {
      if (key in ComputeImage.prototype) continue; // never let an attribute replace a method
      (this as unknown as Record<string, unknown>)[key] = value;
    }
  }

  /** Reads the image again; resolves to this image. */
  async refresh(): Promise<this> {
    this.#populate(await phpCall(() => this.#client.images.get(this.id)));
    return this;
  }

  /** Deletes the image. */
  async delete(): Promise<void> {
    await phpCall(() => this.#client.images.delete(this.id));
  }

  /**
   * Polls until the image is in `state` (default `ACTIVE`) or `ERROR`, or `timeout` seconds
   * passed (default 3600), calling `callback(image)` after every poll, `interval` seconds apart
   * (default 10; fractions allowed). Like php-opencloud it resolves in every one of those cases:
   * read `image.status` afterwards. `signal` stops the wait early (rejects with its reason).
   */
  async waitFor(
    state?: string | null,
    timeout?: number | null,
    callback?: ((image: this) => void) | null,
    interval?: number | null,
    signal?: AbortSignal,
  ): Promise<void> {
    const wanted = state || State.ACTIVE;
    const limitMs = (timeout || State.DEFAULT_TIMEOUT) * 1000;
    const pauseMs = (interval || State.DEFAULT_INTERVAL) * 1000;
    const started = Date.now();
    for (;;) {
      signal?.throwIfAborted();
      await this.refresh();
      callback?.(this);
      if (this.status === wanted || this.status === State.ERROR || Date.now() - started > limitMs) return;
      await delay(pauseMs, signal);
    }
  }
}

/**
 * A server of `computeService().server(id)`: what php-opencloud's `Server` offered for images.
 * No request is made until a method is called.
 */
export class Server {
  /** The server id. */
  readonly id: string;
  readonly #client: NodeComputeClient;

  /** Made by `ComputeService.server`. */
  constructor(client: NodeComputeClient, id: string) {
    this.#client = client;
    this.id = id;
  }

  /**
   * Snapshots the server; resolves to the new image (status `SAVING` at first: wait with
   * `image.waitFor("ACTIVE", …)`), or `false` when the server gave no image location.
   * An empty name is {@link ImageError} before any request.
   */
  async createImage(name: string, metadata: Readonly<Record<string, string>> = {}): Promise<ComputeImage | false> {
    if (!name) throw new ImageError("Image name is required to create an image");
    const image = await phpCall(() => this.#client.images.createImage(this.id, { name, metadata }));
    return image ? new ComputeImage(this.#client, image) : false;
  }
}

/**
 * `OpenCloud\Compute\Service` (Cloud Servers next generation), from `client.computeService(name,
 * region)`: its image calls.
 */
export class ComputeService {
  /** The native client every call goes through. */
  readonly client: NodeComputeClient;

  /** Wraps a native compute client (`createComputeClient(...)` of `@cloud-images/node`). */
  constructor(client: NodeComputeClient) {
    this.client = client;
  }

  /**
   * The images, fetched page by page as you iterate: with details when `detailed` is `true`
   * (the default, as in php-opencloud's code), else `id`, `name` and `links` only. `filters` are
   * php-opencloud's array keys: `server`, `name`, `status`, `changes-since`, `marker`, `limit`,
   * `type`.
   */
  imageList(detailed: boolean = true, filters: ImageListFilters = {}): ResourceIterator<ComputeImage> {
    if (typeof detailed !== "boolean") throw new InvalidArgumentException("Invalid argument for Compute::imageList(); boolean required");
    const query = toComputeQuery(filters);
    return new ResourceIterator(() => (detailed ? this.#detailed(query) : this.#summaries(query)));
  }

  async *#detailed(query: ListComputeImagesQuery): AsyncGenerator<ComputeImage> {
    for await (const image of this.client.images.listAll(query)) yield new ComputeImage(this.client, image);
  }

  async *#summaries(query: ListComputeImagesQuery): AsyncGenerator<ComputeImage> {
    let page: Awaited<ReturnType<NodeComputeClient["images"]["list"]>> | undefined = await this.client.images.list(query);
    while (page) {
      for (const image of page.items) yield new ComputeImage(this.client, image);
      page = page.hasNextPage() ? await page.getNextPage() : undefined;
    }
  }

  /** One image, read from the server (php-opencloud read it in the constructor). */
  async image(imageId: string): Promise<ComputeImage> {
    const image = await phpCall(() => this.client.images.get(String(imageId)));
    return new ComputeImage(this.client, image);
  }

  /** A server to snapshot (no request is made here). */
  server(serverId: string): Server {
    return new Server(this.client, String(serverId));
  }
}

function toComputeQuery(filters: ImageListFilters): ListComputeImagesQuery {
  const unknown = Object.keys(filters).filter((k) => !FILTER_KEYS.has(k));
  if (unknown.length > 0) {
    throw new ValidationError("imageList", unknown.map((k) => ({ path: [k], message: "is not an image filter (server, name, status, changes-since, marker, limit, type)" })));
  }
  const { "changes-since": changesSince, ...rest } = filters;
  const query: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) query[k] = v;
  if (changesSince !== undefined) query["changesSince"] = changesSince;
  return query as ListComputeImagesQuery;
}

