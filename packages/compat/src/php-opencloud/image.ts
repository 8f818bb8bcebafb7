import type { Image as NativeImage, ImagePatchOperation, NodeImageClient } from "@cloud-images/node";
import { propertyPointer } from "@cloud-images/node";
import { phpCall, RuntimeException } from "./exceptions.js";
import { ResourceIterator } from "./iterator.js";
import { Member } from "./member.js";
import { OperationType, type Property, type Schema } from "./schema.js";
import { SchemaResource } from "./schema-resource.js";

/** Where an image gets its schema from (the image service, which reads it once). */
export interface ImageSchemaSource {
  /** The `image` schema. */
  getImageSchema(): Promise<Schema>;
}

/**
 * `OpenCloud\Image\Resource\Image` (Cloud Images / Glance v2): attributes read array-style as
 * the server sends them — `image["id"]`, `image["tags"]`, `image["visibility"]`, custom
 * properties by their names — and every method of php-opencloud's class, each returning a
 * promise.
 */
export class Image extends SchemaResource {
  private readonly ctx: NodeImageClient;
  private readonly schemas: ImageSchemaSource;

  /** Made by `ImageService.getImage`, `listImages` and `image`. */
  constructor(client: NodeImageClient, schemas: ImageSchemaSource, data: NativeImage | Readonly<Record<string, unknown>>) {
    super(data);
    this.ctx = client;
    this.schemas = schemas;
  }

  /**
   * Changes attributes, checked against the image schema first (`schema`, or the service's):
   *
   * - `null` (or `undefined`) removes the property; `false` does too, except for a boolean
   *   property (`protected`, `os_hidden`), where it is the value `false`;
   * - a property the image has is replaced; one it lacks is added;
   * - a name the schema does not define needs the schema's `additionalProperties`, and a value
   *   must fit its definition, else {@link RuntimeException} before any request.
   *
   * A 403 (read-only attribute, someone else's image) is a {@link ForbiddenOperationException}.
   * Resolves to this image with the server's new state.
   */
  async update(params: Readonly<Record<string, unknown>>, schema?: Schema): Promise<this> {
    const imageSchema = schema ?? (await this.schemas.getImageSchema());
    const operations: ImagePatchOperation[] = [];
    for (const [name, value] of Object.entries(params)) {
      const property = propertyFor(imageSchema, name, value);
      property.setName(name);
      property.setValue(value);
      const removal = value === null || value === undefined || (value === false && !property.getTypes().includes("boolean"));
      const path = propertyPointer(name);
      if (removal) {
        if (this.offsetExists(name)) operations.push({ op: OperationType.REMOVE, path });
        continue;
      }
      property.validate();
      const op = this.offsetExists(name) ? OperationType.REPLACE : imageSchema.decideOperationType(property);
      operations.push(op === OperationType.REPLACE ? { op, path, value } : { op: OperationType.ADD, path, value });
    }
    if (operations.length === 0) return this;
    const updated = await phpCall(() => this.ctx.images.update(this.getId(), operations));
    this.setData(updated);
    return this;
  }

  /** Reads the image again; resolves to this image with the server's state. */
  async refresh(): Promise<this> {
    const fresh = await phpCall(() => this.ctx.images.get(this.getId()));
    this.setData(fresh);
    return this;
  }

  /** Deletes the image. */
  async delete(): Promise<void> {
    await phpCall(() => this.ctx.images.delete(this.getId()));
  }

  /** The image's members (for its owner and for members). */
  listMembers(): ResourceIterator<Member> {
    return new ResourceIterator(() => this.#members());
  }

  async *#members(): AsyncGenerator<Member> {
    const members = await this.ctx.members.list(this.getId());
    for (const m of members) yield new Member(this.ctx, m);
  }

  /** A member built from data (php-opencloud's iterator helper). */
  member(data: Readonly<Record<string, unknown>>): Member {
    return new Member(this.ctx, { image_id: this.getId(), ...data });
  }

  /** One member of this image (a 404 is {@link ResourceNotFoundException}). */
  async getMember(memberId: string): Promise<Member> {
    const member = await phpCall(() => this.ctx.members.get(this.getId(), String(memberId)));
    return new Member(this.ctx, member);
  }

  /**
   * Shares the image with a project (`tenantId`); resolves to the new member, `pending`. On a
   * Glance whose image is `private`, the image is made `shared` first, as sharing needs.
   */
  async createMember(tenantId: string): Promise<Member> {
    const member = await phpCall(() => this.ctx.members.add(this.getId(), String(tenantId), { makeShared: true }));
    return new Member(this.ctx, member);
  }

  /** Stops sharing the image with a project (the same as `getMember(id)` then `delete()`). */
  async deleteMember(tenantId: string): Promise<void> {
    await phpCall(() => this.ctx.members.remove(this.getId(), String(tenantId)));
  }

  /** Adds a tag (adding a tag the image has changes nothing). */
  async addTag(tag: string): Promise<void> {
    await phpCall(() => this.ctx.images.addTag(this.getId(), String(tag)));
    const tags = Array.isArray(this.offsetGet("tags")) ? (this.offsetGet("tags") as string[]) : [];
    if (!tags.includes(String(tag))) this.setData({ ...this.getData(), tags: [...tags, String(tag)] });
  }

  /** Removes a tag (a tag the image lacks is {@link ResourceNotFoundException}). */
  async deleteTag(tag: string): Promise<void> {
    await phpCall(() => this.ctx.images.removeTag(this.getId(), String(tag)));
    const tags = Array.isArray(this.offsetGet("tags")) ? (this.offsetGet("tags") as string[]) : [];
    this.setData({ ...this.getData(), tags: tags.filter((t) => t !== String(tag)) });
  }
}

function propertyFor(schema: Schema, name: string, value: unknown): Property {
  const own = schema.getProperty(name);
  if (own) return own;
  const extra = schema.validateAdditionalProperty(value);
  if (extra === false) {
    throw new RuntimeException(`"${name}" is not in the image schema, and the schema allows no additional properties`);
  }
  return extra;
}
