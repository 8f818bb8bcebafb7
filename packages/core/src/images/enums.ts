import type { components } from "../generated/image-v2.js";

type Schemas = components["schemas"];

/** Image status values (spec: `ImageStatus`). */
export type ImageStatus = Schemas["ImageStatus"];
/** Disk formats Glance knows (spec: `DiskFormat`). */
export type DiskFormat = Schemas["DiskFormat"];
/** Container formats Glance knows (spec: `ContainerFormat`). */
export type ContainerFormat = Schemas["ContainerFormat"];
/** Image visibility (spec: `Visibility`). */
export type Visibility = Schemas["Visibility"];
/** A member's status on a shared image (spec: `MemberStatus`). */
export type MemberStatus = Schemas["MemberStatus"];

/** Lists every member of a string union exactly once, or fails to typecheck. */
function allOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): readonly T[] => list;
}

/** Every image status, in the order an image usually goes through them. */
export const IMAGE_STATUSES = allOf<ImageStatus>()([
  "queued",
  "saving",
  "uploading",
  "importing",
  "active",
  "deactivated",
  "killed",
  "deleted",
  "pending_delete",
]);

/** Every disk format of the spec. */
export const DISK_FORMATS = allOf<DiskFormat>()([
  "ami",
  "ari",
  "aki",
  "vhd",
  "vhdx",
  "vmdk",
  "raw",
  "qcow2",
  "vdi",
  "iso",
  "ploop",
]);

/** Every container format of the spec. */
export const CONTAINER_FORMATS = allOf<ContainerFormat>()(["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"]);

/** Every visibility of the spec. */
export const VISIBILITIES = allOf<Visibility>()(["public", "private", "shared", "community"]);

/** Every member status of the spec. */
export const MEMBER_STATUSES = allOf<MemberStatus>()(["pending", "accepted", "rejected"]);

/** Keys Glance can sort image lists by. */
export const IMAGE_SORT_KEYS = ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"] as const;
/** A key Glance can sort image lists by. */
export type ImageSortKey = (typeof IMAGE_SORT_KEYS)[number];

/** Sort directions. */
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
/** A sort direction. */
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Image attributes the server owns; setting them is refused (403), so the SDK refuses first. */
export const READ_ONLY_IMAGE_ATTRIBUTES = [
  "status",
  "created_at",
  "updated_at",
  "size",
  "virtual_size",
  "checksum",
  "os_hash_algo",
  "os_hash_value",
  "self",
  "file",
  "schema",
  "direct_url",
  "stores",
] as const;

/** Glance's limit on the length of a tag, a name and a property name. */
export const MAX_TAG_LENGTH = 255;
