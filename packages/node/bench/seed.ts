/**
 * Seeds many realistic images straight into the sqlite database of a test Glance: seeding
 * through the API runs at ~100 images/s, this at tens of thousands per second.
 *
 * Uses Debian's `/usr/bin/python3` (which has `sqlite3`; a pyenv `python3` on PATH may not) and
 * the schema of Glance 25.1 (`images`, `image_properties`, `image_tags`, `image_locations`).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

/** Options of {@link seedImages}. */
export interface SeedOptions {
  /** Number of images. */
  readonly count: number;
  /** Owning project id. */
  readonly owner: string;
  /** Tag put on every image (also the name prefix). */
  readonly tag: string;
  /** Random seed, for the same data on every run (default 42). */
  readonly seed?: number;
  /** Python with sqlite3; default `/usr/bin/python3` or `$BENCH_PYTHON`. */
  readonly python?: string;
}

// Rows as Glance itself writes them: SQLAlchemy DateTime text, booleans 0/1, md5 checksum,
// sha512 multihash, the `stores` property of a multi-store Glance, a file location with its
// store in meta_data, two custom properties and a tag. Visibility alternates private/shared.
const SCRIPT = String.raw`
import json, random, sqlite3, sys, uuid, datetime
p = json.load(sys.stdin)
rnd = random.Random(p["seed"])
db = sqlite3.connect(p["db"], timeout=30)
base = datetime.datetime(2024, 1, 1)
distros = ["ubuntu", "debian", "centos", "fedora", "rocky", "alpine"]
buses = ["virtio", "scsi", "ide"]
images, props, tags, locs = [], [], [], []
ids = []
for i in range(p["count"]):
    iid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
    ids.append(iid)
    ts = (base + datetime.timedelta(seconds=37 * i, microseconds=rnd.randrange(1000000))).strftime("%Y-%m-%d %H:%M:%S.%f")
    size = rnd.randrange(10 * 2**20, 4 * 2**30)
    fmt = rnd.choice(["qcow2", "raw"])
    images.append((iid, "%s-%05d" % (p["tag"], i), size, "active", ts, ts, None, 0, fmt, "bare",
                   "%032x" % rnd.getrandbits(128), p["owner"], rnd.choice([0, 10, 20]), rnd.choice([0, 512, 1024]),
                   0, size if fmt == "raw" else size * 3, "private" if i % 2 == 0 else "shared", 0,
                   "sha512", "%0128x" % rnd.getrandbits(512)))
    props.append((iid, "os_distro", rnd.choice(distros), ts, ts, None, 0))
    props.append((iid, "hw_disk_bus", rnd.choice(buses), ts, ts, None, 0))
    props.append((iid, "stores", "fs", ts, ts, None, 0))
    tags.append((iid, p["tag"], ts, ts, None, 0))
    locs.append((iid, "file://%s/%s" % (p["datadir"], iid), ts, ts, None, 0, json.dumps({"store": "fs"}), "active"))
with db:
    db.executemany("INSERT INTO images (id, name, size, status, created_at, updated_at, deleted_at, deleted, disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size, visibility, os_hidden, os_hash_algo, os_hash_value) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", images)
    db.executemany("INSERT INTO image_properties (image_id, name, value, created_at, updated_at, deleted_at, deleted) VALUES (?,?,?,?,?,?,?)", props)
    db.executemany("INSERT INTO image_tags (image_id, value, created_at, updated_at, deleted_at, deleted) VALUES (?,?,?,?,?,?)", tags)
    db.executemany("INSERT INTO image_locations (image_id, value, created_at, updated_at, deleted_at, deleted, meta_data, status) VALUES (?,?,?,?,?,?,?,?)", locs)
db.close()
json.dump(ids, sys.stdout)
`;

/**
 * Inserts `count` active images owned by `owner` into `<glanceDir>/glance.sqlite` and returns
 * their ids in insertion order (oldest first). Glance may be running: sqlite serialises writers.
 */
export async function seedImages(glanceDir: string, options: SeedOptions): Promise<string[]> {
  const python = options.python ?? process.env.BENCH_PYTHON ?? "/usr/bin/python3";
  const input = JSON.stringify({
    db: join(glanceDir, "glance.sqlite"),
    datadir: join(glanceDir, "images-fs"),
    count: options.count,
    owner: options.owner,
    tag: options.tag,
    seed: options.seed ?? 42,
  });
  const env = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  const child = spawn(python, ["-c", SCRIPT], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on("error", (error) => reject(new Error(`cannot run ${python}: ${error.message}`)));
    child.on("close", resolve);
  });
  child.stdin.end(input);
  const code = await exit;
  if (code !== 0) throw new Error(`seeding with ${python} failed (exit ${code}):\n${stderr}`);
  return JSON.parse(stdout) as string[];
}
