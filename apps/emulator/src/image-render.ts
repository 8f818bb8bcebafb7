import type { ImageRecord, MemberRecord, TaskRecord } from "./store.js";

/** An image as the Image API shows it. */
export function renderImage(image: ImageRecord, prefix = ""): Record<string, unknown> {
  return {
    ...image.properties,
    id: image.id,
    name: image.name,
    status: image.status,
    visibility: image.visibility,
    protected: image.protected,
    os_hidden: image.os_hidden,
    checksum: image.checksum,
    os_hash_algo: image.os_hash_algo,
    os_hash_value: image.os_hash_value,
    owner: image.owner,
    size: image.size,
    virtual_size: image.virtual_size,
    min_disk: image.min_disk,
    min_ram: image.min_ram,
    container_format: image.container_format,
    disk_format: image.disk_format,
    created_at: image.created_at,
    updated_at: image.updated_at,
    tags: [...image.tags],
    self: `${prefix}/v2/images/${image.id}`,
    file: `${prefix}/v2/images/${image.id}/file`,
    schema: `${prefix}/v2/schemas/image`,
  };
}

/** A member as the Image API shows it. */
export function renderMember(imageId: string, m: MemberRecord): Record<string, unknown> {
  return { member_id: m.member_id, image_id: imageId, status: m.status, created_at: m.created_at, updated_at: m.updated_at, schema: "/v2/schemas/member" };
}

/** A task as the Image API shows it (`full`: with input, result and message). */
export function renderTask(t: TaskRecord, full: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: t.id,
    type: t.type,
    status: t.status,
    owner: t.owner,
    expires_at: t.expires_at,
    created_at: t.created_at,
    updated_at: t.updated_at,
    self: `/v2/tasks/${t.id}`,
    schema: "/v2/schemas/task",
  };
  if (full) Object.assign(base, { input: t.input, result: t.result, message: t.message });
  return base;
}
