import { createHash } from "node:crypto";
import { isoSeconds } from "./glance-http.js";
import type { ImageRecord, ServerRecord, Store, V1ImageRecord, V1ServerRecord } from "./store.js";
import { DEFAULT_USERS, REGIONS, type EmulatorUser, type Region } from "./types.js";

/** Owner (`owner` field) of the public base images seeded in `rackspace` mode. */
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

/** An image a fresh emulator holds, as {@link seededData} describes it. */
export interface SeededImage {
  /** The image id (the same in every emulator). */
  readonly id: string;
  /** The image name. */
  readonly name: string;
  /** The owning project: {@link RACKSPACE_OWNER} for base images, the account's `tenantId` for snapshots. */
  readonly owner: string;
  /** `public` (base images) or `private` (snapshots). */
  readonly visibility: "public" | "private";
}

/** A next-gen Cloud Server a fresh emulator holds, as {@link seededData} describes it. */
export interface SeededServer {
  /** The server id (the same in every emulator). */
  readonly id: string;
  /** `web-01` or `db-01`. */
  readonly name: string;
  /** The account (`tenantId`) it belongs to. */
  readonly tenantId: string;
  /** The image it was built from (the first base image). */
  readonly imageId: string;
}

/** What a fresh emulator holds in one region (see {@link seededData}). */
export interface EmulatorSeed {
  /** Public base images, owned by {@link RACKSPACE_OWNER}; `rackspace` mode only (none in `glance` mode). */
  readonly baseImages: readonly SeededImage[];
  /**
   * One active private snapshot per account (of its `web-01` server), with image data;
   * `rackspace` mode only.
   */
  readonly snapshots: readonly SeededImage[];
  /** Two ACTIVE next-gen servers per account (`web-01`, `db-01`), in both modes. */
  readonly servers: readonly SeededServer[];
}

/** Options of {@link seededData}. */
export interface SeededDataOptions {
  /** Image service flavour (default `rackspace`, as {@link EmulatorOptions.mode}). */
  readonly mode?: "rackspace" | "glance";
  /** The accounts (default {@link DEFAULT_USERS}). */
  readonly users?: readonly EmulatorUser[];
}

const baseImageId = (region: Region, name: string): string => stableUuid(`base:${region}:${name}`);
const serverId = (region: Region, tenantId: string, name: string): string => stableUuid(`server:${region}:${tenantId}:${name}`);
const snapshotId = (region: Region, tenantId: string): string => stableUuid(`snapshot:${region}:${tenantId}:web-01`);
const snapshotName = (user: EmulatorUser): string => `${user.username}-web-01-snapshot`;
const SERVER_NAMES = ["web-01", "db-01"] as const;

/**
 * The images and servers a fresh emulator (one started without an existing `dataDir`) holds in a
 * region. Ids are derived from names, so they are the same in every emulator and known before
 * one starts: tests can refer to seeded resources without listing them first.
 *
 * @example
 * ```ts
 * const [base] = seededData("DFW").baseImages; // Ubuntu 24.04, public
 * ```
 */
export function seededData(region: Region, options: SeededDataOptions = {}): EmulatorSeed {
  const mode = options.mode ?? "rackspace";
  const users = options.users ?? DEFAULT_USERS;
  const firstBase = baseImageId(region, BASE_IMAGES[0]!.name);
  return {
    baseImages:
      mode === "rackspace" ? BASE_IMAGES.map((b) => ({ id: baseImageId(region, b.name), name: b.name, owner: RACKSPACE_OWNER, visibility: "public" as const })) : [],
    snapshots:
      mode === "rackspace"
        ? users.map((u) => ({ id: snapshotId(region, u.tenantId), name: snapshotName(u), owner: u.tenantId, visibility: "private" as const }))
        : [],
    servers: users.flatMap((u) => SERVER_NAMES.map((name) => ({ id: serverId(region, u.tenantId, name), name, tenantId: u.tenantId, imageId: firstBase }))),
  };
}

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
        const id = baseImageId(region, b.name);
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
      const baseId = baseImageId(region, BASE_IMAGES[0]!.name);
      for (const name of SERVER_NAMES) {
        const id = serverId(region, user.tenantId, name);
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
        const id = snapshotId(region, user.tenantId);
        const webServerId = serverId(region, user.tenantId, "web-01");
        r.images[id] = {
          ...baseImage(id, snapshotName(user), user.tenantId, "private", created, {
            image_type: "snapshot",
            instance_uuid: webServerId,
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
  let v1ServerId = 500;
  for (const user of users) {
    for (const name of ["legacy-web", "legacy-db"]) {
      v1ServerId += 1;
      const server: V1ServerRecord = { id: v1ServerId, name, tenantId: user.tenantId, imageId: 112, flavorId: 1, status: "ACTIVE" };
      store.state.v1.servers[String(v1ServerId)] = server;
    }
    const imageId = store.state.v1.nextImageId++;
    store.state.v1.images[String(imageId)] = {
      id: imageId,
      name: `${user.username}-legacy-backup`,
      status: "ACTIVE",
      progress: 100,
      created: "2011-03-01T10:00:00Z",
      updated: "2011-03-01T10:05:00Z",
      serverId: v1ServerId - 1,
      tenantId: user.tenantId,
    };
  }
}
