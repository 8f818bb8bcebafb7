import type { Image as NativeImage, Member as NativeMember } from "@cloud-images/node";
import { inspect } from "node:util";
import { assignOwn, ownValue, setOwn } from "@cloud-images/core/internal";

/**
 * The Glance names of the attributes openstacksdk's `Image` renames: `image.is_protected` is
 * Glance's `protected`, and so on.
 */
const RENAMED: Readonly<Record<string, string>> = {
  is_protected: "protected",
  is_hidden: "os_hidden",
  owner_id: "owner",
  hash_algo: "os_hash_algo",
  hash_value: "os_hash_value",
  needs_config_drive: "img_config_drive",
  needs_secure_boot: "os_secure_boot",
  has_auto_disk_config: "auto_disk_config",
  is_hw_boot_menu_enabled: "hw_boot_menu",
  is_hw_vif_multiqueue_enabled: "hw_vif_multiqueue_enabled",
};

/** The base attributes of a Glance image (every other key of an image is a custom property). */
const BASE = new Set([
  "id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "os_hash_algo", "os_hash_value",
  "owner", "size", "virtual_size", "min_ram", "min_disk", "container_format", "disk_format", "created_at",
  "updated_at", "tags", "direct_url", "locations", "self", "file", "schema", "stores",
]);

/** Glance's name for an openstacksdk attribute name (`is_protected` → `protected`). */
export function glanceName(name: string): string {
  return ownValue(RENAMED, name) ?? name;
}

/**
 * `openstack.image.v2.image.Image`: the image's attributes under openstacksdk's names —
 * `status`, `visibility`, `min_disk`, `min_ram`, `owner` / `owner_id`, `checksum`, `size`,
 * `disk_format`, `container_format`, `is_protected` (and Glance's `protected`), `is_hidden`,
 * `hash_algo`, `hash_value`, `tags`, `created_at`…; every custom property under its own name
 * (`image.os_distro`) and all of them in `properties`. `image["name"]` reads the same as
 * `image.name`. `String(image)` and `console.log(image)` show it as openstacksdk prints it.
 */
export class Image {
  /** The image id. */
  declare readonly id: string;
  /** The name (`null` when unset). */
  declare readonly name: string | null;
  /** `queued`, `saving`, `uploading`, `importing`, `active`, `deactivated`, `killed`… */
  declare readonly status: string;
  /** `public`, `community`, `shared` or `private`. */
  declare readonly visibility: string;
  /** MD5 of the data (`null` before data). */
  declare readonly checksum: string | null;
  /** The owning project. */
  declare readonly owner: string | null;
  /** Size of the data in bytes. */
  declare readonly size: number | null;
  /** Virtual size in bytes. */
  declare readonly virtual_size: number | null;
  /** Minimum disk (GB). */
  declare readonly min_disk: number;
  /** Minimum RAM (MB). */
  declare readonly min_ram: number;
  /** Disk format. */
  declare readonly disk_format: string | null;
  /** Container format. */
  declare readonly container_format: string | null;
  /** Tags. */
  declare readonly tags: string[];
  /** Creation time. */
  declare readonly created_at: string;
  /** Last change. */
  declare readonly updated_at: string;
  /** Glance's `protected` (openstacksdk: `is_protected`). */
  declare readonly protected: boolean;
  /** Every custom property (attributes outside Glance's base schema). */
  readonly properties: Record<string, unknown>;
  /** Other attributes (custom properties, `file`, `schema`…) by name. */
  readonly [attribute: string]: unknown;

  /** @param body - the image as Glance returns it. */
  constructor(body: NativeImage | Readonly<Record<string, unknown>>) {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (!BASE.has(key)) setOwn(properties, key, value);
      // a custom property named like a method (`get`, `to_dict`…) is read from `properties` only
      if (!(key in Image.prototype) && key !== "properties") Object.defineProperty(this, key, { value, enumerable: true });
    }
    this.properties = properties;
    for (const [alias, name] of Object.entries(RENAMED)) {
      if (name in body && !(alias in body)) Object.defineProperty(this, alias, { value: (body as Record<string, unknown>)[name], enumerable: false });
    }
    if (!("owner_id" in this)) Object.defineProperty(this, "owner_id", { value: (body as Record<string, unknown>)["owner"], enumerable: false });
  }

  /** Glance's `protected` under openstacksdk's name. */
  declare readonly is_protected: boolean;
  /** Glance's `os_hidden`. */
  declare readonly is_hidden: boolean | undefined;
  /** Glance's `owner`. */
  declare readonly owner_id: string | null;
  /** Glance's `os_hash_algo`. */
  declare readonly hash_algo: string | null | undefined;
  /** Glance's `os_hash_value`. */
  declare readonly hash_value: string | null | undefined;

  /** The attributes as a plain object, under Glance's names (openstacksdk's `to_dict()`). */
  to_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this)) if (key !== "properties") setOwn(out, key, this[key]);
    // Custom properties named like a method (`get`, `to_dict`, `__proto__`…) are in `properties` only.
    assignOwn(out, this.properties);
    return out;
  }

  /** `image.get("name", fallback)`, as on openstacksdk's resources. */
  get(name: string, fallback: unknown = null): unknown {
    // An attribute, never a method: `get("to_dict")` or `get("constructor")` reads the custom property of that name.
    const value = Object.hasOwn(this, name) ? this[name] : ownValue(this.properties, name);
    return value === undefined ? fallback : value;
  }

  /** openstacksdk's printed form: `openstack.image.v2.image.Image(id=…, name=…, …)`. */
  toString(): string {
    return printed("openstack.image.v2.image.Image", this.to_dict());
  }

  /** The attributes as JSON. */
  toJSON(): Record<string, unknown> {
    return this.to_dict();
  }

  /** `console.log(image)` shows the printed form. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * `openstack.image.v2.member.Member`: `id` / `member_id` (the project), `image_id`, `status`,
 * `created_at`, `updated_at`, `schema`.
 */
export class Member {
  /** The member's project id (openstacksdk: `id`). */
  readonly id: string;
  /** The member's project id. */
  readonly member_id: string;
  /** The image shared. */
  readonly image_id: string;
  /** `pending`, `accepted` or `rejected`. */
  readonly status: string;
  /** Creation time. */
  readonly created_at: string;
  /** Last change. */
  readonly updated_at: string;
  /** The member schema's path. */
  readonly schema: string | undefined;

  /** @param body - the member as Glance returns it. */
  constructor(body: NativeMember) {
    this.id = body.member_id;
    this.member_id = body.member_id;
    this.image_id = body.image_id;
    this.status = body.status;
    this.created_at = body.created_at;
    this.updated_at = body.updated_at;
    this.schema = body.schema;
  }

  /** The attributes as a plain object. */
  to_dict(): Record<string, unknown> {
    return { id: this.id, member_id: this.member_id, image_id: this.image_id, status: this.status, created_at: this.created_at, updated_at: this.updated_at, schema: this.schema };
  }

  /** openstacksdk's printed form. */
  toString(): string {
    return printed("openstack.image.v2.member.Member", this.to_dict());
  }

  /** `console.log(member)` shows the printed form. */
  [inspect.custom](): string {
    return this.toString();
  }
}

function printed(kind: string, attributes: Record<string, unknown>): string {
  const parts = Object.entries(attributes).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  return `${kind}(${parts.join(", ")})`;
}
