import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import { REGIONS, type Region } from "./types.js";

/** An issued identity token. */
export interface TokenRecord {
  readonly userId: string;
  readonly tenantId: string;
  /** ISO date-time. */
  readonly expires: string;
  readonly authenticatedBy: readonly string[];
}

/** An image of the image service (also seen by next-gen compute as `/images`). */
export interface ImageRecord {
  id: string;
  name: string | null;
  status: string;
  visibility: string;
  protected: boolean;
  os_hidden: boolean;
  owner: string;
  checksum: string | null;
  os_hash_algo: string | null;
  os_hash_value: string | null;
  size: number | null;
  virtual_size: number | null;
  min_ram: number;
  min_disk: number;
  container_format: string | null;
  disk_format: string | null;
  created_at: string;
  updated_at: string;
  tags: string[];
  /** Custom properties (string values). */
  properties: Record<string, string>;
  /** Where the data is (sha256 name in the blob folder). */
  blob?: string | undefined;
  /** Staged data (glance mode `stage`). */
  staged?: string | undefined;
  /** Snapshot in progress (compute createImage): when it started and how long it takes. */
  snapshot?: { startedAt: number; durationMs: number } | undefined;
  /** Glance image-import in progress (glance mode). */
  importJob?: { startedAt: number; method: string; uri?: string | undefined } | undefined;
  /** Set when deleted: kept so that compute can show DELETED for a while. */
  deletedAt?: string | undefined;
}

/** A project an image is shared with. */
export interface MemberRecord {
  member_id: string;
  status: "pending" | "accepted" | "rejected";
  created_at: string;
  updated_at: string;
}

/** A task of the image service. */
export interface TaskRecord {
  id: string;
  type: string;
  status: "pending" | "processing" | "success" | "failure";
  input: Record<string, unknown>;
  result: Record<string, unknown> | null;
  owner: string;
  message: string;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
  /** Internal timing. */
  startedAt: number;
  durationMs: number;
}

/** A Cloud Files object. */
export interface ObjectRecord {
  blob: string;
  bytes: number;
  hash: string;
  content_type: string;
  last_modified: string;
  metadata: Record<string, string>;
}

/** A Cloud Files container. */
export interface ContainerRecord {
  created_at: string;
  metadata: Record<string, string>;
  objects: Record<string, ObjectRecord>;
}

/** A next-gen cloud server. */
export interface ServerRecord {
  id: string;
  name: string;
  tenant_id: string;
  user_id: string;
  status: string;
  image_id: string;
  flavor_id: string;
  created: string;
  updated: string;
  metadata: Record<string, string>;
}

/** A first-generation (v1.0) image. */
export interface V1ImageRecord {
  id: number;
  name: string;
  status: string;
  progress: number;
  created: string;
  updated: string;
  serverId?: number | undefined;
  /** Owner tenant; absent for base images visible to everyone. */
  tenantId?: string | undefined;
  job?: { startedAt: number; durationMs: number; outcome: "ACTIVE" | "FAILED" } | undefined;
}

/** A first-generation (v1.0) server. */
export interface V1ServerRecord {
  id: number;
  name: string;
  tenantId: string;
  imageId: number;
  flavorId: number;
  status: string;
}

/** Everything per region. */
export interface RegionState {
  images: Record<string, ImageRecord>;
  members: Record<string, MemberRecord[]>;
  tasks: Record<string, TaskRecord>;
  /** Cloud Files: tenant id → container name → container. */
  files: Record<string, Record<string, ContainerRecord>>;
  servers: Record<string, ServerRecord>;
}

/** The emulator's whole persistent state. */
export interface State {
  version: 1;
  tokens: Record<string, TokenRecord>;
  regions: Record<Region, RegionState>;
  v1: { images: Record<string, V1ImageRecord>; servers: Record<string, V1ServerRecord>; nextImageId: number };
}

function emptyRegion(): RegionState {
  return { images: {}, members: {}, tasks: {}, files: {}, servers: {} };
}

/**
 * Keeps the state in `state.json` in the data folder. Every change is written before the
 * answer goes out, atomically (a temporary file, fsync, rename), so a kill mid-write leaves
 * the previous acknowledged state intact.
 */
export class Store {
  readonly dir: string;
  readonly blobDir: string;
  state: State;
  /** Whether the state was created fresh (seed it). */
  readonly fresh: boolean;

  constructor(dir: string) {
    this.dir = dir;
    this.blobDir = path.join(dir, "blobs");
    mkdirSync(this.blobDir, { recursive: true });
    const file = path.join(dir, "state.json");
    if (existsSync(file)) {
      this.state = JSON.parse(readFileSync(file, "utf8")) as State;
      for (const region of REGIONS) this.state.regions[region] ??= emptyRegion();
      this.fresh = false;
    } else {
      this.state = {
        version: 1,
        tokens: {},
        regions: Object.fromEntries(REGIONS.map((r) => [r, emptyRegion()])) as Record<Region, RegionState>,
        v1: { images: {}, servers: {}, nextImageId: 1000 },
      };
      this.fresh = true;
    }
  }

  /** Writes the state atomically. */
  save(): void {
    atomicWrite(path.join(this.dir, "state.json"), Buffer.from(JSON.stringify(this.state)));
  }

  /** Stores bytes under their SHA-256 and returns their digests. */
  putBlob(data: Buffer): { blob: string; size: number; md5: string; sha512: string } {
    const blob = createHash("sha256").update(data).digest("hex");
    const file = path.join(this.blobDir, blob);
    if (!existsSync(file)) atomicWrite(file, data);
    return {
      blob,
      size: data.length,
      md5: createHash("md5").update(data).digest("hex"),
      sha512: createHash("sha512").update(data).digest("hex"),
    };
  }

  readBlob(blob: string): Buffer {
    return readFileSync(path.join(this.blobDir, blob));
  }
}

/** Writes a file so that readers see the old or the new content, never a part. */
export function atomicWrite(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(temp, "w");
  try {
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
