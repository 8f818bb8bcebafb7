/**
 * `pyrax.cloudservers`: the image calls of pyrax's next-gen Cloud Servers client (novaclient
 * underneath) over the SDK's compute client: `images.get/list/find/findall/delete`,
 * `servers.create_image(server, name)`, `server.create_image(name)`, `list_images`,
 * `list_base_images`, `list_snapshots`, `find_images_by_name`, and `exceptions`.
 *
 * @packageDocumentation
 */
import { ValidationError, type ComputeImage, type ListComputeImagesQuery } from "@cloud-images/core";
import type { NodeComputeClient } from "@cloud-images/node";
import * as exceptions from "./exceptions.js";
import { NoUniqueMatch, NotFound } from "./exceptions.js";
import { addDetails } from "./resource-details.js";

/** A server, or its id. */
export type ServerRef = string | { readonly id: string };
/** A compute image, or its id. */
export type ComputeImageRef = string | { readonly id: string };

function idOf(operation: string, field: string, value: unknown): string {
  const id = typeof value === "object" && value !== null ? (value as { id?: unknown }).id : value;
  if (typeof id !== "string" || id === "") throw new ValidationError(operation, [{ path: [field], message: `must be a ${field} id or an object with its id` }]);
  return id;
}

/** A Cloud Servers image (novaclient's `Image`): `id`, `name`, `status`, `progress`, `minDisk`, `minRam`, `metadata`, `server` (snapshots), `created`, `updated`. */
export class CloudServerImage {
  /** Image id. */
  declare readonly id: string;
  /** Image name. */
  declare name: string;
  /** `ACTIVE`, `SAVING`, `ERROR`, `DELETED`… */
  declare status: ComputeImage["status"];
  /** Percent done while it is being made. */
  declare progress: number;
  /** Minimum disk size in GiB. */
  declare minDisk: number;
  /** Minimum RAM in MiB. */
  declare minRam: number;
  /** The image's metadata. */
  declare metadata: Record<string, string>;
  /** When it was created (ISO 8601). */
  declare created: string;
  /** When it last changed (ISO 8601). */
  declare updated: string;
  /** The server a snapshot was made from (absent on base images). */
  declare server?: { id: string } | undefined;
  /** The answer this object shows, as the server returned it (pyrax's `_info`): where to read an attribute named like a method (`get`, `delete`, `manager`…). */
  declare readonly _info: Readonly<Record<string, unknown>>;
  [attribute: string]: unknown;
  readonly #manager: CloudServerImageManager;

  constructor(manager: CloudServerImageManager, info: ComputeImage) {
    this.#manager = manager;
    addDetails(this, info);
  }

  /** The manager (`image.manager.get(id)`). */
  get manager(): CloudServerImageManager {
    return this.#manager;
  }

  /** Reloads the image in place and returns it (what `wait_until` calls). */
  async get(): Promise<this> {
    const fresh = await this.#manager.sdk.images.get(this.id);
    if (!("server" in fresh)) delete this.server;
    addDetails(this, fresh);
    return this;
  }

  /** Deletes the image. */
  async delete(): Promise<void> {
    await this.#manager.delete(this);
  }
}

/** novaclient's `images.list()` keyword arguments. */
export interface CloudServerImageListOptions {
  /** With details (default true; the SDK always reads details, so this changes nothing). */
  readonly detailed?: boolean | undefined;
  /** Page size of the requests. */
  readonly limit?: number | undefined;
  /** Start after this image id. */
  readonly marker?: string | undefined;
}

/** `cs.images` (novaclient's `ImageManager`). */
export class CloudServerImageManager {
  /** The SDK's compute client. */
  readonly sdk: NodeComputeClient;

  constructor(sdk: NodeComputeClient) {
    this.sdk = sdk;
  }

  /** One image by id (or image object). */
  async get(image: ComputeImageRef): Promise<CloudServerImage> {
    return new CloudServerImage(this, await this.sdk.images.get(idOf("images.get", "image", image)));
  }

  /** Every image (every page), with details. */
  async list(options: CloudServerImageListOptions = {}): Promise<CloudServerImage[]> {
    const query: ListComputeImagesQuery = { ...(options.limit === undefined ? {} : { limit: options.limit }), ...(options.marker === undefined ? {} : { marker: options.marker }) };
    const out: CloudServerImage[] = [];
    for await (const image of this.sdk.images.listAll(query)) out.push(new CloudServerImage(this, image));
    return out;
  }

  /** Every image whose attributes equal all of `attributes` (`findall(name="x")` → `findall({ name: "x" })`). */
  async findall(attributes: Readonly<Record<string, unknown>>): Promise<CloudServerImage[]> {
    if (typeof attributes !== "object" || attributes === null) throw new ValidationError("images.findall", [{ path: ["attributes"], message: "must be an object of attributes to match" }]);
    const entries = Object.entries(attributes).filter(([, v]) => v !== undefined);
    return (await this.list()).filter((image) => entries.every(([k, v]) => image[k] === v));
  }

  /** The one image matching `attributes`. @throws NotFound, NoUniqueMatch */
  async find(attributes: Readonly<Record<string, unknown>>): Promise<CloudServerImage> {
    const found = await this.findall(attributes);
    if (found.length === 0) throw new NotFound(`No Image matching ${JSON.stringify(attributes)}.`);
    if (found.length > 1) throw new NoUniqueMatch(`${found.length} images match ${JSON.stringify(attributes)}.`, found.length);
    return found[0]!;
  }

  /** Deletes an image. */
  async delete(image: ComputeImageRef): Promise<void> {
    await this.sdk.images.delete(idOf("images.delete", "image", image));
  }
}

/** A server (the part of novaclient's `Server` that makes images). */
export class CloudServer {
  /** Server id. */
  declare readonly id: string;
  /** Server name. */
  declare readonly name: string;
  /** The answer this object shows, as the server returned it (pyrax's `_info`): where to read an attribute named like a method (`get`, `delete`, `manager`…). */
  declare readonly _info: Readonly<Record<string, unknown>>;
  [attribute: string]: unknown;
  readonly #servers: CloudServerManager;

  constructor(servers: CloudServerManager, info: { id: string; name: string }) {
    this.#servers = servers;
    addDetails(this, info);
  }

  /** Snapshots this server; returns the new image's id (the image is SAVING: wait with `utils.wait_until`). */
  create_image(name: string, metadata?: Readonly<Record<string, string>>): Promise<string> {
    return this.#servers.create_image(this, name, metadata);
  }
}

/** `cs.servers` (the image calls of novaclient's `ServerManager`). */
export class CloudServerManager {
  readonly #sdk: NodeComputeClient;

  constructor(sdk: NodeComputeClient) {
    this.#sdk = sdk;
  }

  /** The account's servers (id and name). */
  async list(): Promise<CloudServer[]> {
    return (await this.#sdk.images.listServers()).map((s) => new CloudServer(this, s));
  }

  /** One server by id, from the listing. @throws NotFound */
  async get(server: ServerRef): Promise<CloudServer> {
    const id = idOf("servers.get", "server", server);
    const found = (await this.list()).find((s) => s.id === id);
    if (!found) throw new NotFound(`No server with id ${id}.`);
    return found;
  }

  /** Snapshots a server; returns the new image's id. */
  async create_image(server: ServerRef, image_name: string, metadata?: Readonly<Record<string, string>>): Promise<string> {
    const image = await this.#sdk.images.createImage(idOf("servers.create_image", "server", server), metadata === undefined ? { name: image_name } : { name: image_name, metadata });
    return image.id;
  }
}

/** `pyrax.cloudservers`: the image side of pyrax's Cloud Servers client. */
export class CloudServersClient {
  /** The SDK's compute client this shim calls. */
  readonly sdk: NodeComputeClient;
  /** `cs.images`. */
  readonly images: CloudServerImageManager;
  /** `cs.servers`. */
  readonly servers: CloudServerManager;
  /** `cs.exceptions` (the same classes as `pyrax.exceptions`). */
  readonly exceptions: typeof exceptions = exceptions;
  /** The region of this client. */
  readonly region_name: string | undefined;

  constructor(sdk: NodeComputeClient, region?: string) {
    this.sdk = sdk;
    this.images = new CloudServerImageManager(sdk);
    this.servers = new CloudServerManager(sdk);
    this.region_name = region;
  }

  /** Every image. */
  list_images(): Promise<CloudServerImage[]> {
    return this.images.list();
  }

  /** The images that are not snapshots of a server (no `server` attribute). */
  async list_base_images(): Promise<CloudServerImage[]> {
    return (await this.list_images()).filter((image) => image.server === undefined);
  }

  /** The snapshots (images with a `server`). */
  async list_snapshots(): Promise<CloudServerImage[]> {
    return (await this.list_images()).filter((image) => image.server !== undefined);
  }

  /** Images whose name matches the regular expression `expr`, without regard to case (as pyrax's `re.search(expr, name, re.I)`). */
  async find_images_by_name(expr: string | RegExp): Promise<CloudServerImage[]> {
    const pattern = typeof expr === "string" ? new RegExp(expr, "i") : expr;
    return (await this.list_images()).filter((image) => pattern.test(image.name));
  }
}
