// Hostile input over every public method's inputs (issue 12), 1 000 generated cases per family:
// each input is refused with a ValidationError and NOTHING sent, or sent correctly encoded — it
// never reaches another resource (dot segments, separators), never injects a query parameter,
// a header, or a JSON field. Complements hostile-input.test.ts (tags, member ids, image ids on
// delete, name/tag filters, header values, timeouts). The counts are printed at the end.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ImageClient } from "../src/client.js";
import { ValidationError } from "../src/errors/index.js";
import type { TransportRequest } from "../src/index.js";
import { fakeTransport, imageBody } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const ROOT = "http://glance.test:9292";
const RUNS = 1_000;

/** Strings at the edges: dot segments raw and encoded, separators, controls, JSON and query syntax, non-Latin-1, names of Object.prototype's members, anything. */
const hostile = fc.oneof(
  fc.constantFrom(".", "..", "%2e", "%2E%2E", ".%2e", "/", "a/../b", "..%2F", "%2F", "\\", "\r\n", "a\nb", "\u0000", "?", "#", "a?b=c", "&x=1", "a#b", "%", "%zz", '"', '","x":"', "~", "~1", "/~0", "☕", "é", "\ud800", "", "__proto__", "constructor", "toString", "hasOwnProperty"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(".", "%", "2", "e", "/", "?", "#", "&", "=", "\r", "\n", "~", "1", "a", '"'), maxLength: 12 }),
);
/** Anything a caller might pass where a number is wanted. */
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.5, 1e21),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
) as fc.Arbitrary<unknown>;

type Answer = (req: TransportRequest) => { status: number; body?: object | string; headers?: Record<string, string> };
const imageAnswer: Answer = (req) => {
  if (req.method === "DELETE" || req.url.endsWith("/file") || req.url.endsWith("/stage") || req.url.includes("/actions/") || (req.method === "PUT" && req.url.includes("/tags/"))) return { status: 204 };
  if (req.url.includes("/members")) return { status: 200, body: { member_id: "m", image_id: ID, status: "pending", created_at: "2026-11-22T18:00:00Z", updated_at: "2026-11-22T18:00:00Z", schema: "/v2/schemas/member" } };
  if (/\/v2\/images(\?|$)/.test(req.url) && req.method === "GET") return { status: 200, body: { images: [], first: "/v2/images", schema: "/v2/schemas/images" } };
  if (req.method === "POST" && req.url.endsWith("/v2/images")) return { status: 201, body: imageBody() };
  if (req.url.includes("/v2/tasks")) return { status: 201, body: { id: ID, type: "import", status: "pending", input: {}, result: null, owner: "o", message: "", created_at: "2026-11-22T18:00:00Z", updated_at: "2026-11-22T18:00:00Z", self: `/v2/tasks/${ID}`, schema: "/v2/schemas/task" } };
  return { status: 200, body: imageBody() };
};

function glance(answer: Answer = imageAnswer) {
  const transport = fakeTransport(answer);
  return { client: new ImageClient({ endpoint: ROOT, transport, maxRetries: 0, validateResponses: false }), transport };
}

const counts: Record<string, { refused: number; sent: number }> = {};

/**
 * Runs one call; `"refused"` when it threw a ValidationError with nothing sent, else the
 * requests it sent (any other error is fine: the fake's answers are not what every call wants).
 */
async function outcome(family: string, call: (g: ImageClient) => Promise<unknown>, answer?: Answer): Promise<"refused" | TransportRequest[]> {
  const { client, transport } = glance(answer);
  let refused = false;
  try {
    await call(client);
  } catch (error) {
    refused = error instanceof ValidationError;
  }
  counts[family] ??= { refused: 0, sent: 0 };
  if (refused) {
    expect(transport.requests).toHaveLength(0);
    counts[family].refused += 1;
    return "refused";
  }
  expect(transport.requests.length).toBeGreaterThanOrEqual(1);
  counts[family].sent += 1;
  for (const req of transport.requests) expectSafeRequest(req);
  return transport.requests;
}

/** Invariants of every request sent: below the root, no dot segment, header values clean. */
function expectSafeRequest(req: TransportRequest): void {
  const url = new URL(req.url);
  expect(url.origin).toBe(ROOT);
  // The WHATWG parser resolves dot segments: what was sent is what was built.
  expect(req.url.startsWith(`${ROOT}/`)).toBe(true);
  expect(url.pathname.split("/").every((s) => s !== "." && s !== ".." && s.toLowerCase() !== "%2e" && s.toLowerCase() !== "%2e%2e")).toBe(true);
  expect(url.hash).toBe("");
  for (const [name, value] of Object.entries(req.headers)) {
    expect(name).toMatch(/^[!#$%&'*+.^_`|~0-9a-z-]+$/);
    expect(value).not.toMatch(/[\r\n\0]/);
  }
}

/** The last path segment, decoded; the path otherwise as expected. */
function segmentAfter(req: TransportRequest, prefix: string, suffix = ""): string {
  const path = new URL(req.url).pathname;
  expect(path.startsWith(prefix)).toBe(true);
  expect(path.endsWith(suffix)).toBe(true);
  const segment = path.slice(prefix.length, path.length - suffix.length);
  expect(segment).not.toContain("/");
  return decodeURIComponent(segment);
}

describe("hostile input over every public method (1 000 cases per family)", { timeout: 60_000 }, () => {
  it("image ids, on every call that takes one: refused, or exactly one path segment of the right resource", async () => {
    const calls: [string, (g: ImageClient, id: string) => Promise<unknown>, string][] = [
      ["images.get", (g, id) => g.images.get(id), ""],
      ["images.update", (g, id) => g.images.update(id, [{ op: "add", path: "/min_ram", value: 1 }]), ""],
      ["images.deactivate", (g, id) => g.images.deactivate(id), "/actions/deactivate"],
      ["images.reactivate", (g, id) => g.images.reactivate(id), "/actions/reactivate"],
      ["images.addTag", (g, id) => g.images.addTag(id, "t"), "/tags/t"],
      ["members.list", (g, id) => g.members.list(id), "/members"],
      ["members.get", (g, id) => g.members.get(id, "m"), "/members/m"],
      ["data.download", (g, id) => g.data.download(id, { verify: false }), "/file"],
      ["data.upload", (g, id) => g.data.upload(id, new Uint8Array(4), { verify: false }), "/file"],
      ["imports.glanceDirect", (g, id) => g.imports.glanceDirect(id), "/import"],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...calls), fc.oneof(hostile, fc.uuid()), async ([, call, suffix], id) => {
        const result = await outcome("image ids (10 methods)", (g) => call(g, id));
        if (result === "refused") return;
        const req = result.find((r) => new URL(r.url).pathname.endsWith(suffix) && new URL(r.url).pathname.startsWith("/v2/images/"))!;
        expect(segmentAfter(req, "/v2/images/", suffix)).toBe(id);
        expect(new URL(req.url).search).toBe("");
      }),
      { numRuns: RUNS },
    );
  });

  it("names (create, JSON body): refused, or the body's name is exactly the value, no field injected", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (name) => {
        const result = await outcome("names (images.create)", (g) => g.images.create({ name, disk_format: "raw", container_format: "bare" }));
        if (result === "refused") return;
        const body = JSON.parse(new TextDecoder().decode(result[0]!.body as Uint8Array)) as Record<string, unknown>;
        expect(body.name).toBe(name);
        expect(Object.keys(body).sort()).toEqual(["container_format", "disk_format", "name"]);
      }),
      { numRuns: RUNS },
    );
  });

  it("tags on create and removeTag: refused, or sent as the body's tag / exactly one segment", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (tag, onCreate) => {
        const result = await outcome("tags (create, removeTag)", (g) => (onCreate ? g.images.create({ disk_format: "raw", container_format: "bare", tags: [tag] }) : g.images.removeTag(ID, tag)));
        if (result === "refused") return;
        if (onCreate) expect((JSON.parse(new TextDecoder().decode(result[0]!.body as Uint8Array)) as { tags: string[] }).tags).toEqual([tag]);
        else expect(segmentAfter(result[0]!, `/v2/images/${ID}/tags/`)).toBe(tag);
      }),
      { numRuns: RUNS },
    );
  });

  it("member ids (add, get): refused, or the body's member / exactly one segment", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (member, add) => {
        const result = await outcome("member ids (add, get)", (g) => (add ? g.members.add(ID, member) : g.members.get(ID, member)));
        if (result === "refused") return;
        const req = result.at(-1)!;
        if (add) expect((JSON.parse(new TextDecoder().decode(req.body as Uint8Array)) as { member: string }).member).toBe(member);
        else expect(segmentAfter(req, `/v2/images/${ID}/members/`)).toBe(member);
      }),
      { numRuns: RUNS },
    );
  });

  it("property keys and values (create, updateProperties): refused, or one property of exactly that key and value; patch paths escaped", async () => {
    const values = fc.oneof(hostile, fc.integer(), fc.boolean(), fc.constant(null)) as fc.Arbitrary<unknown>;
    await fc.assert(
      fc.asyncProperty(hostile, values, fc.boolean(), async (key, value, create) => {
        const result = await outcome("property keys and values", (g) =>
          create ? g.images.create({ disk_format: "raw", container_format: "bare", properties: { [key]: value } as Record<string, string> }) : g.images.updateProperties(ID, { [key]: value }),
        );
        if (result === "refused") return;
        const req = result.at(-1)!;
        if (!create && req.method === "GET") {
          // Removing a property the image does not have: read, nothing to change, nothing written.
          expect(value).toBeNull();
          return;
        }
        const body = JSON.parse(new TextDecoder().decode(req.body as Uint8Array)) as unknown;
        if (create) {
          const sent = body as Record<string, unknown>;
          expect(sent[key]).toEqual(value);
          expect(Object.keys(sent)).toHaveLength(3);
        } else {
          expect(req.method).toBe("PATCH");
          const ops = body as { op: string; path: string; value?: unknown }[];
          for (const op of ops) expect(op.path).toBe(`/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("list filters (owner, marker, checksum, status, visibility, sort keys): refused, or each value is exactly its one parameter", async () => {
    const keys = ["owner", "marker", "checksum", "status", "visibility", "member_status"] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), hostile, async (key, value) => {
        const result = await outcome("list filters", (g) => g.images.list({ [key]: value } as never));
        if (result === "refused") return;
        const url = new URL(result[0]!.url);
        expect(url.pathname).toBe("/v2/images");
        expect([...url.searchParams.keys()]).toEqual([key]);
        expect(url.searchParams.get(key)).toBe(value);
      }),
      { numRuns: RUNS },
    );
  });

  it("limits (list, tasks.list): refused unless a positive integer, else sent as that number", async () => {
    await fc.assert(
      fc.asyncProperty(hostileNumber, fc.boolean(), async (limit, tasks) => {
        const result = await outcome("limits", (g) => (tasks ? g.tasks.list({ limit: limit as number }) : g.images.list({ limit: limit as number })));
        if (result === "refused") {
          expect(Number.isInteger(limit) && (limit as number) > 0 && (limit as number) <= Number.MAX_SAFE_INTEGER).toBe(false);
          return;
        }
        expect(new URL(result[0]!.url).searchParams.get("limit")).toBe(String(limit));
        expect(Number.isInteger(limit) && (limit as number) > 0).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("sizes (data.upload size, size filters, min_disk/min_ram): refused unless a non-negative integer (and, for upload, the data's own size)", async () => {
    const kinds = ["upload", "size_min", "min_ram"] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), hostileNumber, async (kind, size) => {
        const data = new Uint8Array(4);
        const result = await outcome("sizes", (g) =>
          kind === "upload"
            ? g.data.upload(ID, data, { size: size as number, verify: false })
            : kind === "size_min"
              ? g.images.list({ size_min: size as number })
              : g.images.create({ disk_format: "raw", container_format: "bare", min_ram: size as number }),
        );
        const wholeNumber = Number.isInteger(size) && (size as number) >= 0 && (size as number) <= Number.MAX_SAFE_INTEGER;
        if (result === "refused") {
          if (kind === "upload") expect(size === 4).toBe(false);
          else expect(wholeNumber).toBe(false);
          return;
        }
        expect(wholeNumber).toBe(true);
        if (kind === "upload") {
          expect(size).toBe(4);
          expect(result[0]!.headers["x-openstack-image-size"]).toBe("4");
        } else if (kind === "size_min") expect(new URL(result[0]!.url).searchParams.get("size_min")).toBe(String(size));
        else expect((JSON.parse(new TextDecoder().decode(result[0]!.body as Uint8Array)) as { min_ram: number }).min_ram === size).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("call options (maxRetries, header names): refused unless valid, never a header injected", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileNumber.map((n) => ({ maxRetries: n })), hostile.map((name) => ({ headerName: name }))), async (input) => {
        const options = "maxRetries" in input ? { maxRetries: input.maxRetries as number } : { headers: { [input.headerName]: "v" } };
        const result = await outcome("call options (maxRetries, header names)", (g) => g.images.get(ID, options));
        if (result === "refused") return;
        if ("headerName" in input) {
          expect(result[0]!.headers[input.headerName.toLowerCase()]).toBe("v");
        } else {
          expect(Number.isInteger(input.maxRetries) && (input.maxRetries as number) >= 0).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("web-download URIs: refused unless an absolute http(s) URL, else sent as given in the body", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostile, fc.webUrl(), hostile.map((h) => `http://example.com/${h}`)), async (uri) => {
        const result = await outcome("web-download URIs", (g) => g.imports.webDownload(ID, { uri }));
        if (result === "refused") return;
        const body = JSON.parse(new TextDecoder().decode(result[0]!.body as Uint8Array)) as { method: { name: string; uri: string } };
        expect(body.method).toEqual({ name: "web-download", uri });
        expect(/^https?:\/\//.test(uri)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("reports the counts", () => {
    for (const [family, c] of Object.entries(counts)) console.log(`hostile input (methods) — ${family}: ${c.refused + c.sent} cases, ${c.refused} refused, ${c.sent} sent encoded`);
    expect(Object.keys(counts)).toHaveLength(10);
    for (const c of Object.values(counts)) expect(c.refused + c.sent).toBeGreaterThanOrEqual(RUNS);
  });
});
