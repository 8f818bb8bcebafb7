/**
 * `pyrax.images`: pyrax 1.9's `ImageClient` (and the `ImageManager` behind it) over the SDK's
 * image client, with `Image`, `ImageMember` and `ImageTask` objects whose attributes read as
 * pyrax's did.
 *
 * @packageDocumentation
 */
import {
  NotFoundError,
  NotImageMemberError,
  ValidationError,
  type Image as GlanceImage,
  type ImagePatchOperation,
  type ListImagesQuery,
  type Member,
  type Task,
  type UploadImageRequest,
} from "@cloud-images/core";
import type { NodeImageClient, NodeUploadSource } from "@cloud-images/node";
import { InvalidImageMember, InvalidImageMemberStatus, NoSuchContainer, NoUniqueMatch, NotFound } from "./exceptions.js";
import { get_id, get_name } from "./utils.js";
import { addDetails } from "./resource-details.js";
import { setOwn } from "@cloud-images/core/internal";

/** An image, or its id: pyrax accepts both wherever it takes an image. */
export type ImageRef = string | { readonly id: string };

/** pyrax's `list()` keyword arguments (Glance's filters, sorting and paging). */
export interface ImageListOptions {
  /** Page size. */
  readonly limit?: number | undefined;
  /** Start after this image id. */
  readonly marker?: string | undefined;
  /** Only images with this name. */
  readonly name?: string | undefined;
  /** Only images of this visibility. */
  readonly visibility?: ListImagesQuery["visibility"] | undefined;
  /** Only shared images whose membership has this status. */
  readonly member_status?: ListImagesQuery["member_status"] | undefined;
  /** Only images owned by this project. */
  readonly owner?: string | undefined;
  /** Only images with this tag. */
  readonly tag?: string | undefined;
  /** Only images with this status. */
  readonly status?: ListImagesQuery["status"] | undefined;
  /** Only images of at least this many bytes. */
  readonly size_min?: number | undefined;
  /** Only images of at most this many bytes. */
  readonly size_max?: number | undefined;
  /** Attribute to sort by. */
  readonly sort_key?: ListImagesQuery["sort_key"] | undefined;
  /** `asc` or `desc`. */
  readonly sort_dir?: ListImagesQuery["sort_dir"] | undefined;
  /** Return Glance's listing body (`images`, `next`, `first`, `schema`) instead of `Image` objects. */
  readonly return_raw?: boolean | undefined;
}

/** pyrax's `list_all()` keyword arguments: `list()`'s filters, without paging. */
export type ImageListAllOptions = Omit<ImageListOptions, "limit" | "marker" | "return_raw">;

/** pyrax's `create()` keyword arguments. */
export interface ImageCreateOptions {
  /** Disk format (default `vhd`). */
  readonly img_format?: string | undefined;
  /** Container format (default `bare`). */
  readonly img_container_format?: string | undefined;
  /** The image data: bytes, a Blob, a stream, a file path… (anything the Node SDK's `uploadImage` takes). */
  readonly data?: NodeUploadSource | undefined;
  /** Cloud Files container: where `data` is staged, or where `obj` is. */
  readonly container?: string | { readonly name: string } | undefined;
  /** An object already in Cloud Files (its name, or an object with `name` and optionally `container`). */
  readonly obj?: string | { readonly name: string; readonly container?: string | { readonly name: string } } | undefined;
  /** Custom properties of the new image. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** pyrax's `import_task()` keyword arguments. */
export interface ImportTaskOptions {
  /** Disk format of the object (default `vhd`). */
  readonly img_format?: string | undefined;
  /** Name of the new image (default: the object's name). */
  readonly img_name?: string | undefined;
}

/** A Glance image with pyrax's attributes (every attribute Glance returns, custom properties included) and instance methods. */
export class Image {
  /** The image id. */
  declare readonly id: string;
  /** The image name. */
  declare name: string | null;
  /** `queued`, `saving`, `active`… */
  declare status: GlanceImage["status"];
  /** `public`, `private`, `shared` or `community`. */
  declare visibility: GlanceImage["visibility"];
  /** Owning project id. */
  declare owner: string | null;
  /** Size of the data in bytes. */
  declare size: number | null;
  /** MD5 of the data. */
  declare checksum: string | null;
  /** Disk format (`vhd`, `qcow2`, `raw`…). */
  declare disk_format: GlanceImage["disk_format"];
  /** Container format (`bare`, `ovf`…). */
  declare container_format: GlanceImage["container_format"];
  /** Minimum disk size in GiB. */
  declare min_disk: number;
  /** Minimum RAM in MiB. */
  declare min_ram: number;
  /** The image's tags. */
  declare tags: string[];
  /** When it was created (ISO 8601). */
  declare created_at: string;
  /** When it last changed (ISO 8601). */
  declare updated_at: string;
  /** The answer this object shows, as the server returned it (pyrax's `_info`): where to read an attribute named like a method (`get`, `delete`, `manager`…). */
  declare readonly _info: Readonly<Record<string, unknown>>;
  /** Every other attribute Glance returned (custom properties: `os_distro`, `com.rackspace__1__source`…). */
  [attribute: string]: unknown;
  readonly #client: ImageClient;

  constructor(client: ImageClient, info: GlanceImage) {
    this.#client = client;
    addDetails(this, info);
  }

  /** The manager (`image.manager.get(id)`), as pyrax resources have. */
  get manager(): ImageClient {
    return this.#client;
  }

  /** Reloads the image's attributes in place (pyrax's `get()`/`reload()`), and returns it. */
  async get(): Promise<this> {
    assignInfo(this, await this.#client.sdk.images.get(this.id));
    return this;
  }

  /** Same as {@link Image.get}. */
  reload(): Promise<this> {
    return this.get();
  }

  /** Sets attributes (pyrax's add/replace rule, see {@link ImageClient.update}). */
  update(value_dict: Readonly<Record<string, unknown>>): Promise<Image> {
    return this.#client.update(this, value_dict);
  }

  /** Renames the image. */
  change_name(newname: string): Promise<Image> {
    return this.update({ name: newname });
  }

  /** The image's members. */
  async list_members(): Promise<ImageMember[]> {
    return (await this.#client.sdk.members.list(this.id)).map((m) => new ImageMember(m));
  }

  /** One member (by project id or member object). */
  async get_member(member: string | { readonly id: string } | { readonly member_id: string }): Promise<ImageMember> {
    const id = typeof member === "string" ? member : "member_id" in member ? member.member_id : member.id;
    return new ImageMember(await this.#client.sdk.members.get(this.id, id));
  }

  /** Shares the image with a project (tenant). Sharing a public image raises `UnsharableImage`. */
  async add_member(project_id: string): Promise<ImageMember> {
    return new ImageMember(await this.#client.sdk.members.add(this.id, project_id));
  }

  /** Stops sharing with a project. */
  async delete_member(project_id: string | { readonly id: string }): Promise<void> {
    await this.#client.sdk.members.remove(this.id, String(get_id(project_id)));
  }

  /** Adds a tag. */
  async add_tag(tag: string): Promise<void> {
    await this.#client.sdk.images.addTag(this.id, tag);
  }

  /** Removes a tag. */
  async delete_tag(tag: string): Promise<void> {
    await this.#client.sdk.images.removeTag(this.id, tag);
  }

  /** Deletes the image. */
  async delete(): Promise<void> {
    await this.#client.delete(this);
  }

  /** The image as Glance returned it. */
  toJSON(): Record<string, unknown> {
    return { ...this };
  }
}

/** A member of an image (pyrax's `ImageMember`): `member_id`, `image_id`, `status`…; `id` is the member id. */
export class ImageMember {
  /** The member project id. */
  declare readonly member_id: string;
  /** The shared image's id. */
  declare readonly image_id: string;
  /** `pending`, `accepted` or `rejected`. */
  declare readonly status: Member["status"];
  /** When the membership was created (ISO 8601). */
  declare readonly created_at: string;
  /** When it last changed (ISO 8601). */
  declare readonly updated_at: string;
  /** The answer this object shows, as the server returned it (pyrax's `_info`): where to read an attribute named like a method (`get`, `delete`, `manager`…). */
  declare readonly _info: Readonly<Record<string, unknown>>;
  [attribute: string]: unknown;

  constructor(info: Member) {
    addDetails(this, info);
  }

  /** The member's project id (pyrax's `ImageMember.id`). */
  get id(): string {
    return this.member_id;
  }
}

/** An import or export task (pyrax's `ImageTask`), reloadable for `wait_until`. */
export class ImageTask {
  /** Task id. */
  declare readonly id: string;
  /** `pending`, `processing`, `success` or `failure`. */
  declare status: Task["status"];
  /** `import` or `export`. */
  declare readonly type: string;
  /** What the task was given. */
  declare input: Task["input"];
  /** What the task produced (e.g. the image id), when done. */
  declare result: Task["result"];
  /** Why it failed, when it did. */
  declare message: Task["message"];
  /** The answer this object shows, as the server returned it (pyrax's `_info`): where to read an attribute named like a method (`get`, `delete`, `manager`…). */
  declare readonly _info: Readonly<Record<string, unknown>>;
  [attribute: string]: unknown;
  readonly #client: ImageClient;

  constructor(client: ImageClient, info: Task) {
    this.#client = client;
    addDetails(this, info);
  }

  /** Reloads the task in place and returns it. */
  async get(): Promise<this> {
    addDetails(this, await this.#client.sdk.tasks.get(this.id));
    return this;
  }

  /** Same as {@link ImageTask.get}. */
  reload(): Promise<this> {
    return this.get();
  }
}

const MEMBER_STATUSES = ["pending", "accepted", "rejected"] as const;

/** Makes an `Image` show `info` (attributes Glance no longer returns go). */
function assignInfo(image: Image, info: GlanceImage): void {
  for (const key of Object.keys(image)) if (!Object.hasOwn(info, key)) delete image[key];
  addDetails(image, info);
}

/** The id of an image reference, checked. */
function imageId(operation: string, img: unknown): string {
  const id = typeof img === "object" && img !== null ? (img as { id?: unknown }).id : img;
  if (typeof id !== "string" || id === "") throw new ValidationError(`images.${operation}`, [{ path: ["img"], message: "must be an image id or an Image" }]);
  return id;
}

function query(options: ImageListAllOptions & Pick<ImageListOptions, "limit" | "marker">): ListImagesQuery {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) if (value !== undefined && value !== null && key !== "return_raw") setOwn(out, key, value);
  return out as ListImagesQuery;
}

/**
 * `pyrax.images` (pyrax's `ImageClient`): every method of pyrax 1.9's image client and
 * manager, with Python's keyword arguments as one trailing options object. `sdk` is the
 * cloud-images client underneath, for everything else.
 */
export class ImageClient {
  /** The SDK's image client this shim calls. */
  readonly sdk: NodeImageClient;
  /** The region of this client. */
  readonly region_name: string | undefined;

  constructor(sdk: NodeImageClient, region?: string) {
    this.sdk = sdk;
    this.region_name = region;
  }

  /** One page of images (Glance's default page size, or `limit`), filtered. */
  list(options?: ImageListOptions & { readonly return_raw?: false | undefined }): Promise<Image[]>;
  /** Glance's listing body as it came (pyrax's `return_raw=True`). */
  list(options: ImageListOptions & { readonly return_raw: true }): Promise<{ images: GlanceImage[]; next?: string; first?: string; schema?: string }>;
  async list(options: ImageListOptions = {}): Promise<Image[] | { images: GlanceImage[]; next?: string }> {
    const page = await this.sdk.images.list(query(options));
    if (options.return_raw === true) {
      const { items: _items, ...body } = page as unknown as Record<string, unknown>;
      return body as { images: GlanceImage[] };
    }
    return page.items.map((i) => new Image(this, i));
  }

  /** Every image, page after page (following Glance's `next` links), filtered. */
  async list_all(options: ImageListAllOptions = {}): Promise<Image[]> {
    const out: Image[] = [];
    for await (const image of this.sdk.images.listAll(query(options))) out.push(new Image(this, image));
    return out;
  }

  /** One image by id (or an `Image`, read again). @throws NotFound */
  async get(img: ImageRef): Promise<Image> {
    return new Image(this, await this.sdk.images.get(imageId("get", img)));
  }

  /**
   * Every image whose attributes equal all of `attributes` (`findall(name="x")` →
   * `findall({ name: "x" })`). Searches every page (pyrax looked at the first page only).
   */
  async findall(attributes: Readonly<Record<string, unknown>>): Promise<Image[]> {
    if (typeof attributes !== "object" || attributes === null) throw new ValidationError("images.findall", [{ path: ["attributes"], message: "must be an object of attributes to match" }]);
    const entries = Object.entries(attributes).filter(([, v]) => v !== undefined);
    const name = attributes["name"];
    const images = await this.list_all(typeof name === "string" ? { name } : {});
    return images.filter((image) => entries.every(([k, v]) => image[k] === v));
  }

  /** The one image matching `attributes`. @throws NotFound when none does, NoUniqueMatch when several do. */
  async find(attributes: Readonly<Record<string, unknown>>): Promise<Image> {
    const found = await this.findall(attributes);
    if (found.length === 0) throw new NotFound(`No Image matching ${JSON.stringify(attributes)}.`);
    if (found.length > 1) throw new NoUniqueMatch(`${found.length} images match ${JSON.stringify(attributes)}.`, found.length);
    return found[0]!;
  }

  /**
   * Creates an image named `name` and returns it once active. With `data`: uploaded (on
   * Rackspace through Cloud Files and an import task, on Glance directly). With `container` and
   * `obj`: imported from that Cloud Files object. Formats default to `vhd`/`bare`; `metadata`
   * becomes the image's custom properties. Without data, a `queued` image record (Glance only).
   * pyrax POSTed Glance v1 headers here, which v2 clouds refuse; the shim does what was meant.
   */
  async create(name: string, options: ImageCreateOptions = {}): Promise<Image> {
    const attributes = {
      name,
      disk_format: (options.img_format ?? "vhd").toLowerCase(),
      container_format: (options.img_container_format ?? "bare").toLowerCase(),
      ...(options.metadata === undefined ? {} : { properties: options.metadata }),
    } as UploadImageRequest["attributes"];
    const obj = options.obj;
    const container = options.container ?? (typeof obj === "object" && obj !== null ? obj.container : undefined);
    const containerName = container === undefined ? undefined : get_name(container);
    if (obj !== undefined) {
      if (containerName === undefined) throw new ValidationError("images.create", [{ path: ["container"], message: "is required with obj (or give a storage object with its container)" }]);
      const { image } = await this.sdk.uploadImage({ attributes, container: containerName, object: get_name(obj), method: "task" });
      return new Image(this, image);
    }
    if (options.data !== undefined) {
      const { image } = await this.sdk.uploadImage({ attributes, data: options.data, ...(containerName === undefined ? {} : { container: containerName }) });
      return new Image(this, image);
    }
    return new Image(this, await this.sdk.images.create(attributes));
  }

  /**
   * Sets attributes to the values of `value_dict`, with pyrax's rule: `replace` for an
   * attribute the image has, `add` for one it has not (read fresh first). Returns the updated
   * image (pyrax returned nothing), and an `Image` passed in shows the new values as well.
   */
  async update(img: ImageRef, value_dict: Readonly<Record<string, unknown>>): Promise<Image> {
    const current = await this.get(img);
    const operations: ImagePatchOperation[] = Object.entries(value_dict).map(([key, value]) => ({
      op: Object.hasOwn(current._info, key) ? "replace" : "add",
      path: `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`,
      value,
    })) as ImagePatchOperation[];
    const updated = await this.sdk.images.update(current.id, operations);
    // The caller's Image shows the new values too (pyrax left it stale).
    if (img instanceof Image) assignInfo(img, updated);
    return new Image(this, updated);
  }

  /** Renames an image. */
  change_image_name(img: ImageRef, newname: string): Promise<Image> {
    return this.update(img, { name: newname });
  }

  /** Deletes an image. */
  async delete(img: ImageRef): Promise<void> {
    await this.sdk.images.delete(imageId("delete", img));
  }

  /** The members of an image. */
  async list_image_members(img: ImageRef): Promise<ImageMember[]> {
    return (await this.#image(img)).list_members();
  }

  /** One member of an image. */
  async get_image_member(img: ImageRef, member: string | { readonly id: string }): Promise<ImageMember> {
    return (await this.#image(img)).get_member(member);
  }

  /** Shares an image with a project. */
  async add_image_member(img: ImageRef, project_id: string): Promise<ImageMember> {
    return (await this.#image(img)).add_member(project_id);
  }

  /** Stops sharing an image with a project. */
  async delete_image_member(img: ImageRef, project_id: string | { readonly id: string }): Promise<void> {
    await (await this.#image(img)).delete_member(project_id);
  }

  /**
   * Sets the caller's own membership of a shared image to `pending`, `accepted` or `rejected`.
   * @throws InvalidImageMemberStatus for any other status (before sending);
   *   InvalidImageMember when the caller is not a member of the image (e.g. its owner).
   */
  async update_image_member(img_id: ImageRef, status: string): Promise<ImageMember> {
    if (!(MEMBER_STATUSES as readonly string[]).includes(status)) {
      throw new InvalidImageMemberStatus(`The status value must be one of 'accepted', 'rejected', or 'pending'. Received: '${status}'`);
    }
    try {
      // The caller's own membership: its project is the token's (pyrax's `identity.tenant_id`).
      const memberId = this.sdk.projectId ?? (await this.sdk.identity?.token())?.projectId;
      const options = memberId === undefined ? {} : { memberId };
      return new ImageMember(await this.sdk.members.updateStatus(imageId("update_image_member", img_id), status as Member["status"], options));
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof NotImageMemberError) {
        throw new InvalidImageMember("The update member request could not be completed. No member request for that image was found.", { cause: error });
      }
      throw error;
    }
  }

  /** Adds a tag to an image. */
  async add_image_tag(img: ImageRef, tag: string): Promise<void> {
    await this.sdk.images.addTag(imageId("add_image_tag", img), tag);
  }

  /** Removes a tag from an image. */
  async delete_image_tag(img: ImageRef, tag: string): Promise<void> {
    await this.sdk.images.removeTag(imageId("delete_image_tag", img), tag);
  }

  /** Every task of the account (every page). */
  async list_tasks(): Promise<ImageTask[]> {
    const out: ImageTask[] = [];
    for await (const task of this.sdk.tasks.listAll()) out.push(new ImageTask(this, task));
    return out;
  }

  /** One task by id (or `ImageTask`). */
  async get_task(task: string | { readonly id: string }): Promise<ImageTask> {
    return new ImageTask(this, await this.sdk.tasks.get(String(get_id(task))));
  }

  /**
   * Exports an image to a Cloud Files container (an `export` task). @throws NoSuchContainer
   * when the container does not exist (checked first when the client knows Cloud Files).
   */
  async export_task(img: ImageRef, cont: string | { readonly name: string }): Promise<ImageTask> {
    const container = get_name(cont);
    await this.#checkContainer(container);
    return new ImageTask(this, await this.sdk.tasks.createExport({ image_uuid: imageId("export_task", img), receiving_swift_container: container }));
  }

  /**
   * Imports the object `img` (a name, or a storage object) of container `cont` (an `import`
   * task); the image is named `img_name`, else after the object, in format `img_format`
   * (default `vhd`). @throws NoSuchContainer when the container does not exist.
   */
  async import_task(img: string | { readonly name: string }, cont: string | { readonly name: string }, options: ImportTaskOptions = {}): Promise<ImageTask> {
    const container = get_name(cont);
    const object = get_name(img);
    await this.#checkContainer(container);
    const format = (options.img_format ?? "vhd").toLowerCase() as Parameters<NodeImageClient["tasks"]["createImport"]>[0]["import_from_format"];
    const task = await this.sdk.tasks.createImport({ import_from: `${container}/${object}`, import_from_format: format, image_properties: { name: options.img_name ?? object } });
    return new ImageTask(this, task);
  }

  /** JSON schema of an image listing. */
  get_images_schema(): Promise<Record<string, unknown>> {
    return this.sdk.schemas.images() as Promise<Record<string, unknown>>;
  }

  /** JSON schema of an image. */
  get_image_schema(): Promise<Record<string, unknown>> {
    return this.sdk.schemas.image() as Promise<Record<string, unknown>>;
  }

  /** JSON schema of a member listing. */
  get_image_members_schema(): Promise<Record<string, unknown>> {
    return this.sdk.schemas.members() as Promise<Record<string, unknown>>;
  }

  /** JSON schema of a member. */
  get_image_member_schema(): Promise<Record<string, unknown>> {
    return this.sdk.schemas.member() as Promise<Record<string, unknown>>;
  }

  /** JSON schema of a task listing. */
  get_image_tasks_schema(): Promise<Record<string, unknown>> {
    return this.sdk.schemas.tasks() as Promise<Record<string, unknown>>;
  }

  /** JSON schema of a task. */
  get_image_task_schema(): Promise<Record<string, unknown>> {
    return this.sdk.schemas.task() as Promise<Record<string, unknown>>;
  }

  async #image(img: ImageRef): Promise<Image> {
    return img instanceof Image ? img : this.get(img);
  }

  async #checkContainer(container: string): Promise<void> {
    const store = this.sdk.objectStore;
    if (store === undefined) return;
    try {
      await store.showContainer(container);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NoSuchContainer(`Container '${container}' does not exist.`, { cause: error });
      throw error;
    }
  }
}
