import type { ListImagesQuery, NodeImageClient, SchemaName } from "@cloud-images/node";
import { ValidationError } from "@cloud-images/node";
import { setOwn } from "@cloud-images/core/internal";
import { phpCall } from "./exceptions.js";
import { Image } from "./image.js";
import { ResourceIterator } from "./iterator.js";
import { Schema } from "./schema.js";

/** The Glance list filters `listImages` passes on by name; any other key filters on a custom property. */
const LIST_KEYS = new Set([
  "name", "visibility", "member_status", "owner", "status", "size_min", "size_max", "sort_key", "sort_dir",
  "tag", "limit", "marker", "container_format", "disk_format", "protected", "checksum", "os_hidden", "id",
  "created_at", "updated_at", "sort",
]);

/**
 * `OpenCloud\Image\Service` (Cloud Images / Glance v2), from `client.imageService(name,
 * region)`. Every call resolves where php-opencloud returned.
 */
export class ImageService {
  /** php-opencloud's `Service::DEFAULT_TYPE`. */
  static readonly DEFAULT_TYPE = "image";
  /** php-opencloud's `Service::DEFAULT_NAME` (Rackspace's catalog name). */
  static readonly DEFAULT_NAME = "cloudImages";
  /** The media type of image PATCH requests. */
  static readonly PATCH_CONTENT_TYPE = "application/openstack-images-v2.1-json-patch";

  /** The native client every call goes through (for calls php-opencloud never had). */
  readonly client: NodeImageClient;
  #imageSchema: Promise<Schema> | undefined;

  /**
   * Wraps a native image client (`createClient(...)` of `@cloud-images/node`); `OpenStack` and
   * `Rackspace` build one for `imageService()`.
   */
  constructor(client: NodeImageClient) {
    this.client = client;
  }

  /** The headers of image PATCH requests (the native client sends them itself). */
  getPatchHeaders(): Record<string, string> {
    return { "Content-Type": ImageService.PATCH_CONTENT_TYPE };
  }

  /**
   * Your images, images shared with you that you accepted, and public images, fetched page by
   * page as you iterate. `params` are Glance's list filters (`name`, `visibility`, `status`,
   * `owner`, `tag`, `sort_key`, `limit` (the page size), `marker`…); other keys filter on custom
   * properties (`{ os_distro: "ubuntu" }`).
   */
  listImages(params: Readonly<Record<string, unknown>> = {}): ResourceIterator<Image> {
    const query = toListQuery(params);
    return new ResourceIterator(() => this.#images(query));
  }

  async *#images(query: ListImagesQuery): AsyncGenerator<Image> {
    for await (const image of this.client.images.listAll(query)) yield new Image(this.client, this, image);
  }

  /** One image, read from the server (a 404 is {@link ResourceNotFoundException}). */
  async getImage(imageId: string): Promise<Image> {
    const image = await phpCall(() => this.client.images.get(String(imageId)));
    return new Image(this.client, this, image);
  }

  /** An image built from data, without a request (php-opencloud's iterator helper). */
  image(data: Readonly<Record<string, unknown>>): Image {
    return new Image(this.client, this, data);
  }

  /** The schema of image listings. */
  getImagesSchema(): Promise<Schema> {
    return this.#schema("images");
  }

  /** The schema of one image; read once and kept (`Image.update` checks against it). */
  getImageSchema(): Promise<Schema> {
    this.#imageSchema ??= this.#schema("image").catch((error: unknown) => {
      this.#imageSchema = undefined;
      throw error;
    });
    return this.#imageSchema;
  }

  /** The schema of member listings. */
  getMembersSchema(): Promise<Schema> {
    return this.#schema("members");
  }

  /** The schema of one member. */
  getMemberSchema(): Promise<Schema> {
    return this.#schema("member");
  }

  async #schema(name: SchemaName): Promise<Schema> {
    return Schema.factory(await phpCall(() => this.client.schemas.get(name)));
  }
}

function toListQuery(params: Readonly<Record<string, unknown>>): ListImagesQuery {
  const query: Record<string, unknown> = {};
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (LIST_KEYS.has(key)) query[key] = value;
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") setOwn(properties, key, String(value));
    else throw new ValidationError("listImages", [{ path: [key], message: "a custom-property filter must be a string" }]);
  }
  if (Object.keys(properties).length > 0) query["properties"] = properties;
  return query as ListImagesQuery;
}
