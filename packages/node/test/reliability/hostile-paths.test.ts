// Hostile input, the Node data API's file paths (issue 12): 1 000 generated destinations for
// downloadToFile and 1 000 sources for data.upload. Each is refused with a ValidationError and
// nothing sent (and no file made), or the bytes land exactly at path.resolve(destination) / are
// read from exactly the file named — never a half file, never a file elsewhere.
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, ValidationError, type Transport, type TransportRequest, type TransportResponse } from "../../src/index.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const DATA = new Uint8Array([1, 2, 3, 4]);
const RUNS = 1_000;

/** A transport answering GET …/file with DATA and everything else 204, recording requests. */
function fileServer(): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return {
    requests,
    async request(req) {
      requests.push(req);
      if (req.body instanceof ReadableStream) await new Response(req.body).arrayBuffer();
      const body = req.method === "GET" ? DATA : new Uint8Array(0);
      const res: TransportResponse = {
        status: req.method === "GET" ? 200 : 204,
        headers: { "content-length": String(body.byteLength), "content-type": "application/octet-stream" },
        text: async () => "",
        bytes: async () => body,
        stream: () => new Blob([body]).stream(),
        discard: async () => undefined,
      };
      return res;
    },
  };
}

/** Path pieces at the edges: dot segments, separators, NUL, long names, trailing slashes, anything. */
const piece = fc.oneof(
  fc.constantFrom(".", "..", "", "/", "//", "a/..", "./a", "a/", "\0", "a\0b", "~", "%2e%2e", "\\", "CON", " ", "\n", "☕", "x".repeat(255), "x".repeat(256), "é".repeat(128)),
  fc.string({ unit: fc.constantFrom(".", "/", "a", "\0", "-", " "), maxLength: 10 }),
  fc.string({ maxLength: 20 }),
);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), "cloud-images-hostile-paths-"));
  await fs.mkdir(join(dir, "a", "b"), { recursive: true });
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Every file below `dir`, relative. */
async function filesBelow(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await fs.readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push(full.slice(dir.length + 1));
    }
  };
  await walk(dir);
  return out.sort();
}

const counts: Record<string, { refused: number; sent: number }> = {};
const count = (family: string, refused: boolean): void => {
  counts[family] ??= { refused: 0, sent: 0 };
  counts[family][refused ? "refused" : "sent"] += 1;
};

describe("hostile file paths for the Node data API", { timeout: 120_000 }, () => {
  it("downloadToFile destinations: refused with nothing sent and no file, or the whole file exactly at path.resolve(destination)", async () => {
    await fc.assert(
      fc.asyncProperty(piece, async (name) => {
        const destination = `${dir}${sep}a${sep}b${sep}${name}`;
        // Leading `..` are the caller's to choose: only destinations inside the scratch dir are tried.
        fc.pre(resolve(destination).startsWith(dir + sep));
        const transport = fileServer();
        const client = createClient({ endpoint: "http://glance.test:9292", transport });
        const before = await filesBelow();
        const error = await client.data.downloadToFile(ID, destination, { verify: false }).then(
          () => undefined,
          (e: unknown) => e,
        );
        const after = await filesBelow();
        if (error !== undefined) {
          expect(error).toBeInstanceOf(ValidationError);
          expect(transport.requests).toHaveLength(0);
          expect(after).toEqual(before);
          count("downloadToFile destinations", true);
          return;
        }
        count("downloadToFile destinations", false);
        const target = resolve(destination);
        expect(new Uint8Array(await fs.readFile(target))).toEqual(DATA);
        // Exactly one new file (or the same one overwritten), no temporary left.
        expect(after.filter((f) => !before.includes(f))).toEqual(before.includes(target.slice(dir.length + 1)) ? [] : [target.slice(dir.length + 1)]);
        await fs.rm(target);
      }),
      { numRuns: RUNS },
    );
  });

  it("data.upload sources given as a path: refused with nothing sent, or the named file's bytes exactly", async () => {
    await fs.writeFile(join(dir, "a", "source.raw"), DATA);
    await fc.assert(
      fc.asyncProperty(fc.oneof(piece, fc.constant("source.raw"), piece.map((p) => `${p}/../source.raw`)), async (name) => {
        const source = `${dir}${sep}a${sep}${name}`;
        fc.pre(resolve(source).startsWith(dir + sep));
        const transport = fileServer();
        const client = createClient({ endpoint: "http://glance.test:9292", transport });
        const error = await client.data.upload(ID, source, { verify: false }).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error !== undefined) {
          expect(error).toBeInstanceOf(ValidationError);
          expect(transport.requests).toHaveLength(0);
          count("data.upload source paths", true);
          return;
        }
        count("data.upload source paths", false);
        expect(resolve(source)).toBe(join(dir, "a", "source.raw"));
        expect(transport.requests).toHaveLength(1);
        expect(transport.requests[0]!.headers["x-openstack-image-size"]).toBe(String(DATA.byteLength));
      }),
      { numRuns: RUNS },
    );
  });

  it("reports the counts", () => {
    for (const [family, c] of Object.entries(counts)) console.log(`hostile input — ${family}: ${c.refused + c.sent} cases, ${c.refused} refused, ${c.sent} sent/written`);
    expect(Object.keys(counts)).toHaveLength(2);
  });
});
