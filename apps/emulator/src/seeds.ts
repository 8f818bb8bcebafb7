import { createHash } from "node:crypto";
import { isoSeconds } from "./glance-http.js";
import type { ImageRecord, ServerRecord, Store, V1ImageRecord, V1ServerRecord } from "./store.js";
import { REGIONS, type EmulatorUser } from "./types.js";

/** Owner of the public base images. */
export const RACKSPACE_OWNER = "rackspace";

/** A stable UUID from a text (so seeded ids are the same in every emulator). */
export function stableUuid(text: string): string {
  const h = createHash("sha1").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const BASE_IMAGES = [
  { name: "Ubuntu 24.04 LTS (Noble Numbat) (PVHVM)", os_distro: "ubuntu", os_version: "24.04" },
  { name: "Debian 12 (Bookworm) (PVHVM)", os_distro: "debian", os_version: "12" },
  { name: "CentOS Stream 9 (PVHVM)", os_distro: "centos", os_version: "9" },
  { name: "Rocky Linux 9 (PVHVM)", os_distro: "rocky", os_version: "9" },
];

function baseImage(id: string, name: string, owner: string, visibility: string, created: string, properties: Record<string, string>): ImageRecord {
  return {
    id,
    name,
    status: "active",
    visibility,
    protected: false,
    os_hidden: false,
    owner,
    checksum: null,
    os_hash_algo: null,
    os_hash_value: null,
    size: null,
    virtual_size: null,
    min_ram: 512,
    min_disk: 20,
    container_format: "ovf",
    disk_format: "vhd",
    created_at: created,
    updated_at: created,
    tags: [],
    properties,
  };
}

/** Fills a fresh state: base images, a few servers and one snapshot per account and region. */
export function seed(store: Store, users: readonly EmulatorUser[], mode: "rackspace" | "glance"): void {
  const created = isoSeconds(Date.parse("2024-01-15T12:00:00Z"));
  for (const region of REGIONS) {
    const r = store.state.regions[region];
    if (mode === "rackspace") {
      for (const b of BASE_IMAGES) {
        const id = stableUuid(`base:${region}:${b.name}`);
        r.images[id] = baseImage(id, b.name, RACKSPACE_OWNER, "public", created, {
          image_type: "base",
          os_type: "linux",
          os_distro: b.os_distro,
          os_version: b.os_version,
          vm_mode: "hvm",
          auto_disk_config: "disabled",
          "org.openstack__1__os_distro": `org.${b.os_distro}`,
          "org.openstack__1__os_version": b.os_version,
          "org.openstack__1__architecture": "x64",
          "com.rackspace__1__visible_core": "1",
          "com.rackspace__1__release_id": "1000",
          "com.rackspace__1__build_core": "1",
          "com.rackspace__1__options": "0",
          cache_in_nova: "True",
        });
      }
    }
    for (const user of users) {
      const baseId = stableUuid(`base:${region}:${BASE_IMAGES[0]!.name}`);
      for (const name of ["web-01", "db-01"]) {
        const id = stableUuid(`server:${region}:${user.tenantId}:${name}`);
        const server: ServerRecord = {
          id,
          name,
          tenant_id: user.tenantId,
          user_id: user.userId,
          status: "ACTIVE",
          image_id: baseId,
          flavor_id: "general1-1",
          created,
          updated: created,
          metadata: {},
        };
        r.servers[id] = server;
      }
      if (mode === "rackspace") {
        const data = Buffer.from(`emulated VHD of ${user.username}'s web-01 in ${region}\n`.repeat(64));
        const digests = store.putBlob(data);
        const id = stableUuid(`snapshot:${region}:${user.tenantId}:web-01`);
        const serverId = stableUuid(`server:${region}:${user.tenantId}:web-01`);
        r.images[id] = {
          ...baseImage(id, `${user.username}-web-01-snapshot`, user.tenantId, "private", created, {
            image_type: "snapshot",
            instance_uuid: serverId,
            base_image_ref: baseId,
            os_type: "linux",
            vm_mode: "hvm",
            user_id: user.userId,
            "org.openstack__1__architecture": "x64",
          }),
          checksum: digests.md5,
          os_hash_algo: "sha512",
          os_hash_value: digests.sha512,
          size: digests.size,
          virtual_size: null,
          blob: digests.blob,
        };
      }
    }
  }
  // Cloud Servers v1.0: global (not regional), integer ids.
  const v1Base: V1ImageRecord[] = [
    { id: 112, name: "Ubuntu 10.04 LTS", status: "ACTIVE", progress: 100, created: "2010-09-17T07:12:00Z", updated: "2010-09-17T07:12:00Z" },
    { id: 187, name: "CentOS 5.5", status: "ACTIVE", progress: 100, created: "2010-09-17T07:12:00Z", updated: "2010-09-17T07:12:00Z" },
    { id: 69, name: "Fedora 14", status: "ACTIVE", progress: 100, created: "2010-10-22T20:14:00Z", updated: "2010-10-22T20:14:00Z" },
  ];
  for (const image of v1Base) store.state.v1.images[String(image.id)] = image;
  let serverId = 500;
  for (const user of users) {
    for (const name of ["legacy-web", "legacy-db"]) {
      serverId += 1;
      const server: V1ServerRecord = { id: serverId, name, tenantId: user.tenantId, imageId: 112, flavorId: 1, status: "ACTIVE" };
      store.state.v1.servers[String(serverId)] = server;
    }
    const imageId = store.state.v1.nextImageId++;
    store.state.v1.images[String(imageId)] = {
      id: imageId,
      name: `${user.username}-legacy-backup`,
      status: "ACTIVE",
      progress: 100,
      created: "2011-03-01T10:00:00Z",
      updated: "2011-03-01T10:05:00Z",
      serverId: serverId - 1,
      tenantId: user.tenantId,
    };
  }
}
