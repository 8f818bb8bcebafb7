import { glanceError } from "./glance-http.js";
import { HttpFailure } from "./http.js";
import type { Caller } from "./identity.js";
import type { ImageRecord, RegionState } from "./store.js";

/** Glance's disk formats. */
export const DISK_FORMATS = ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"];
/** Glance's container formats. */
export const CONTAINER_FORMATS = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"];
/** Glance's visibilities. */
export const VISIBILITIES = ["public", "private", "shared", "community"];
/**
 * Cloud Images' visibilities: no `shared` (nor `community`). Images with members stay `private`,
 * and members may be added to private images.
 */
export const RACKSPACE_VISIBILITIES = ["public", "private"];

/** The visibilities an image may have in the emulator's mode (its image schema's `visibility` enum). */
export function visibilitiesOf(mode: "glance" | "rackspace"): readonly string[] {
  return mode === "glance" ? VISIBILITIES : RACKSPACE_VISIBILITIES;
}
/** Attributes only the server writes. */
export const READ_ONLY = ["id", "status", "checksum", "os_hash_algo", "os_hash_value", "size", "virtual_size", "created_at", "updated_at", "self", "file", "schema", "direct_url", "locations", "stores"];

/** Throws Glance's error answer (an {@link HttpFailure}: the image service sends it). */
export const fail = (status: number, message: string): never => {
  throw new HttpFailure(glanceError(status, message));
};

/** Whether the caller has the admin role. */
export function isAdmin(caller: Caller): boolean {
  return caller.roles.includes("admin");
}

/** Whether the caller may see an image (at all, not counting member status). */
export function canSee(region: RegionState, image: ImageRecord, caller: Caller): boolean {
  if (image.deletedAt) return false;
  if (isAdmin(caller) || image.owner === caller.tenantId) return true;
  if (image.visibility === "public" || image.visibility === "community") return true;
  return (region.members[image.id] ?? []).some((m) => m.member_id === caller.tenantId);
}

/** The tenant's membership status of an image, if it is a member. */
export function memberStatus(region: RegionState, image: ImageRecord, tenant: string): string | undefined {
  return (region.members[image.id] ?? []).find((m) => m.member_id === tenant)?.status;
}

/** The image, or 404 when it does not exist or the caller may not see it. */
export function visibleImage(r: RegionState, id: string, caller: Caller): ImageRecord {
  const image = r.images[id];
  if (!image || !canSee(r, image, caller)) fail(404, `No image found with ID ${id}`);
  return image!;
}

/** The image, or 404 when the caller may not see it, or 403 when the caller may not change it. */
export function ownedImage(r: RegionState, id: string, caller: Caller, action: string): ImageRecord {
  const image = visibleImage(r, id, caller);
  if (image.owner !== caller.tenantId && !isAdmin(caller)) fail(403, `You are not permitted to ${action} this image.`);
  return image;
}
