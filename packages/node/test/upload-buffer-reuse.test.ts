import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../src/index.js";

// A file upload reads into a few buffers it reuses once the node:http transport has written
// them to the socket (transport/written-chunks.ts): these uploads check every byte the server
// received, a partial last read included, against a server that reads at once and one that
// stalls long enough for the kernel's socket buffers to fill (the writes then wait in Node).
const ID = "2b5e1c9a-7f0d-4c3e-9a61-0d2f4b8e6a17";
const SIZE = 24 * 1024 * 1024 + 12_345;

describe("file uploads over node:http reuse their read buffers only once written", () => {
  let dir: string;
  let path: string;
  let expected: string;
  let server: Server;
  let url: string;
  let slow = false;
  const received: { digest: string; bytes: number }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "upload-reuse-"));
    path = join(dir, "image.raw");
    const data = randomBytes(SIZE);
    writeFileSync(path, data);
    expected = createHash("sha256").update(data).digest("hex");
    server = createServer((req, res) => {
      const hash = createHash("sha256");
      let bytes = 0;
      let paused = false;
      req.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.byteLength;
        // A slow reader: stops long enough for both sockets' kernel buffers to fill, so the
        // client's writes stay queued in Node while its source reads on.
        if (slow && !paused) {
          paused = true;
          req.pause();
          setTimeout(() => req.resume(), 600);
        }
      });
      req.on("end", () => {
        received.push({ digest: hash.digest("hex"), bytes });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([false, true])("the server receives exactly the file (slow server: %s), twice on one client", async (isSlow) => {
    slow = isSlow;
    received.length = 0;
    const client = createClient({ endpoint: url, headers: { "x-auth-token": "t" }, transport: "node:http" });
    try {
      for (let i = 0; i < 2; i++) {
        const result = await client.data.upload(ID, path, { verify: false });
        expect(result.bytes).toBe(SIZE);
      }
    } finally {
      await client.close();
    }
    expect(received).toEqual([
      { digest: expected, bytes: SIZE },
      { digest: expected, bytes: SIZE },
    ]);
  });
});
