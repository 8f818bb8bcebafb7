/**
 * Child process of `data.write-failure.test.ts`: started under a file-size limit (`ulimit -f`),
 * it serves one image of `IMAGE_BYTES` over node:http and downloads it with `downloadToFile`
 * into `DIR` (the default transport, so the own-socket path and its shared buffers are the ones
 * that meet the failing write). Prints one JSON line: the error's class and code, and what the
 * directory holds afterwards with each file's size and whether its bytes are the image's head.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { createClient } from "../../src/index.js";

const ID = "6f1c2e3d-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
const size = Number(process.env.IMAGE_BYTES);
const dir = process.env.DIR!;
const resume = process.env.RESUME === "1";
const data = Buffer.alloc(size);
for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 11)) & 0xff;
const hex = (algorithm: string): string => createHash(algorithm).update(data).digest("hex");
const image = {
  id: ID,
  name: "big",
  status: "active",
  visibility: "shared",
  protected: false,
  os_hidden: false,
  checksum: hex("md5"),
  os_hash_algo: "sha512",
  os_hash_value: hex("sha512"),
  owner: "0123456789abcdef0123456789abcdef",
  size,
  virtual_size: null,
  min_disk: 0,
  min_ram: 0,
  container_format: "bare",
  disk_format: "raw",
  created_at: "2026-12-01T18:00:00Z",
  updated_at: "2026-12-01T18:00:00Z",
  tags: [],
  self: `/v2/images/${ID}`,
  file: `/v2/images/${ID}/file`,
  schema: "/v2/schemas/image",
};

const server = createServer((req, res) => {
  if (req.url === `/v2/images/${ID}/file`) {
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(size) });
    res.end(data);
  } else {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(image));
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as { port: number };
const client = createClient({ endpoint: `http://127.0.0.1:${port}`, token: "t" });

let error: { name: string; code?: string } | undefined;
try {
  await client.data.downloadToFile(ID, join(dir, "big.img"), { resume });
} catch (caught) {
  const e = caught as NodeJS.ErrnoException;
  error = { name: e.name, ...(e.code === undefined ? {} : { code: e.code }) };
}
const files = [];
for (const name of await fs.readdir(dir)) {
  const bytes = await fs.readFile(join(dir, name));
  files.push({ name, size: bytes.byteLength, head: data.subarray(0, bytes.byteLength).equals(bytes) });
}
process.stdout.write(`${JSON.stringify({ error, files })}\n`);
await client.close();
server.close();
