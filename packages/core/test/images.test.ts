import { describe, expect, it } from "vitest";
import { ImageClient, ValidationError, announcedImportMethods, announcedStoreIds, computeImagePatch, propertyPointer } from "../src/index.js";
import { escapePointerToken, listImagesQueryEntries, markerFromNextLink, normalizeEndpoint } from "../src/internal.js";
import { fakeTransport, imageBody } from "./fake-transport.js";
import type { TransportRequest } from "../src/index.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";

function client(handler: Parameters<typeof fakeTransport>[0] = () => ({ status: 200, body: imageBody() })) {
  const transport = fakeTransport(handler);
  return { transport, glance: new ImageClient({ endpoint: "http://glance.test:9292/v2/", transport, token: "t" }) };
}

describe("endpoint", () => {
  it.each([
    ["http://h:9292", "http://h:9292"],
    ["http://h:9292/", "http://h:9292"],
    ["http://h:9292/v2", "http://h:9292"],
    ["http://h:9292/v2.0/", "http://h:9292"],
    ["https://h/image/v2", "https://h/image"],
    ["https://h/image", "https://h/image"],
  ])("normalizes %s to %s", (input, expected) => {
    expect(normalizeEndpoint(input)).toBe(expected);
  });
});

describe("list query", () => {
  it("encodes every filter kind", () => {
    const entries = listImagesQueryEntries({
      limit: 5,
      name: { in: ["a", "b,c"] },
      status: "active",
      visibility: "all",
      tag: ["x", "y"],
      size_min: 1,
      size_max: 10,
      created_at: { gte: new Date("2026-01-01T00:00:00.000Z") },
      updated_at: { lt: "2030-01-01T00:00:00Z" },
      disk_format: { in: ["raw", "qcow2"] },
      protected: false,
      os_hidden: true,
      member_status: "all",
      sort: [{ key: "name", dir: "asc" }, { key: "size" }],
      properties: { os_distro: "ubuntu" },
    });
    expect(entries).toEqual([
      ["limit", "5"],
      ["name", 'in:a,"b,c"'],
      ["protected", "false"],
      ["status", "active"],
      ["visibility", "all"],
      ["os_hidden", "true"],
      ["member_status", "all"],
      ["tag", "x"],
      ["tag", "y"],
      ["size_min", "1"],
      ["size_max", "10"],
      ["created_at", "gte:2026-01-01T00:00:00Z"],
      ["updated_at", "lt:2030-01-01T00:00:00Z"],
      ["disk_format", "in:raw,qcow2"],
      ["sort", "name:asc,size"],
      ["os_distro", "ubuntu"],
    ]);
  });

  it("sends a name with a colon as an explicit equality", () => {
    expect(listImagesQueryEntries({ name: "ubuntu:22.04" })).toEqual([["name", "eq:ubuntu:22.04"]]);
  });

  it("lists every problem at once", () => {
    let error: unknown;
    try {
      listImagesQueryEntries({
        limit: 0,
        status: "running" as never,
        sort: [{ key: "name" }],
        sort_key: "name",
        created_at: { gte: "yesterday" },
        marker: "nope",
        colour: "red",
      } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["limit", "status", "sort", "created_at.gte", "marker", "colour"]));
  });
});

describe("invalid input sends nothing", () => {
  it.each([
    ["bad UUID", (g: ImageClient) => g.images.get("not-a-uuid")],
    ["unknown disk format", (g: ImageClient) => g.images.create({ name: "x", disk_format: "floppy" as never })],
    ["over-long tag", (g: ImageClient) => g.images.addTag(ID, "t".repeat(256))],
    ["tag too long in create", (g: ImageClient) => g.images.create({ tags: ["t".repeat(256)] })],
    ["read-only attribute", (g: ImageClient) => g.images.update(ID, [{ op: "replace", path: "/status", value: "active" }])],
    ["non-string custom property", (g: ImageClient) => g.images.create({ properties: { cpu_count: 4 as never } })],
    ["unknown visibility filter", (g: ImageClient) => g.images.list({ visibility: "everyone" as never })],
    ["patch without value", (g: ImageClient) => g.images.update(ID, [{ op: "add", path: "/x" } as never])],
  ])("%s", async (_label, call) => {
    const { transport, glance } = client();
    await expect(call(glance)).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});

describe("requests", () => {
  it("creates with a client-chosen id and reads the capability headers", async () => {
    const { transport, glance } = client(() => ({
      status: 201,
      headers: { "openstack-image-import-methods": "glance-direct,web-download", "openstack-image-store-ids": "fs,fs2" },
      body: imageBody(),
    }));
    const { data: created, response } = await glance.images.create({ id: ID, name: "cirros", disk_format: "qcow2", container_format: "bare", properties: { hw_cpu: "2" } }).withResponse();
    expect(created.id).toBe(ID);
    expect(announcedImportMethods(response)).toEqual(["glance-direct", "web-download"]);
    expect(announcedStoreIds(response)).toEqual(["fs", "fs2"]);
    const req = transport.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("http://glance.test:9292/v2/images");
    expect(req.headers["x-auth-token"]).toBe("t");
    expect(req.headers["accept"]).toBe("application/json");
    expect(JSON.parse(new TextDecoder().decode(req.body as Uint8Array))).toEqual({ id: ID, name: "cirros", disk_format: "qcow2", container_format: "bare", hw_cpu: "2" });
  });

  it("patches with Glance's media type and escaped pointers", async () => {
    const { transport, glance } = client();
    await glance.images.update(ID, [{ op: "add", path: propertyPointer("a/b~c"), value: "v" }]);
    const req = transport.requests[0]!;
    expect(req.method).toBe("PATCH");
    expect(req.headers["content-type"]).toBe("application/openstack-images-v2.1-json-patch");
    expect(JSON.parse(new TextDecoder().decode(req.body as Uint8Array))).toEqual([{ op: "add", path: "/a~1b~0c", value: "v" }]);
  });

  it("follows next links by marker while keeping repeated parameters", async () => {
    const ids = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"];
    const { transport, glance } = client((req) => {
      const url = new URL(req.url);
      const marker = url.searchParams.get("marker");
      const start = marker ? ids.indexOf(marker) + 1 : 0;
      const page = ids.slice(start, start + 1);
      const last = start + 1 >= ids.length;
      return {
        status: 200,
        body: {
          images: page.map((id) => imageBody({ id })),
          first: "/v2/images?tag=a",
          schema: "/v2/schemas/images",
          ...(last ? {} : { next: `/v2/images?tag=a&limit=1&marker=${page[0]}` }),
        },
      };
    });
    const seen: string[] = [];
    for await (const image of glance.images.listAll({ tag: ["a", "b"], limit: 1 })) seen.push(image.id);
    expect(seen).toEqual(ids);
    expect(transport.requests.map((r) => new URL(r.url).search)).toEqual([
      "?limit=1&tag=a&tag=b",
      `?limit=1&tag=a&tag=b&marker=${ids[0]}`,
      `?limit=1&tag=a&tag=b&marker=${ids[1]}`,
    ]);
  });
});

/** A Glance-like listing of `count` images: default page 25, pages capped at `max`, a `next` link on every full page. */
function listingServer(count: number, max = 1000, options: { hold?: (req: TransportRequest) => Promise<void> | undefined } = {}) {
  const ids = Array.from({ length: count }, (_, i) => `${i.toString(16).padStart(8, "0")}-1111-4111-8111-111111111111`);
  return client(async (req) => {
    const url = new URL(req.url);
    await options.hold?.(req);
    const asked = Number(url.searchParams.get("limit") ?? 25);
    const limit = Math.min(asked, max);
    const marker = url.searchParams.get("marker");
    const start = marker ? ids.indexOf(marker) + 1 : 0;
    const page = ids.slice(start, start + limit);
    const full = page.length === limit;
    return {
      status: 200,
      body: {
        images: page.map((id) => imageBody({ id })),
        first: "/v2/images",
        schema: "/v2/schemas/images",
        ...(full ? { next: `/v2/images?limit=${asked}&marker=${page.at(-1)}` } : {}),
      },
    };
  });
}

const limits = (requests: readonly TransportRequest[]): (string | null)[] => requests.map((r) => new URL(r.url).searchParams.get("limit"));

describe("listAll page sizes", () => {
  it("without a limit: a small first page, then the server's maximum", async () => {
    const { transport, glance } = listingServer(2600);
    const all = await glance.images.listAll().toArray();
    expect(all).toHaveLength(2600);
    expect(new Set(all.map((i) => i.id)).size).toBe(2600);
    expect(limits(transport.requests)).toEqual(["10", "1000", "1000", "1000"]);
  });

  it("learns a smaller api_limit_max from a page cut below what was asked, and asks for that from then on", async () => {
    const { transport, glance } = listingServer(1000, 200);
    const all = await glance.images.listAll({ status: "active" }).toArray();
    expect(all).toHaveLength(1000);
    expect(limits(transport.requests)).toEqual(["10", "1000", "200", "200", "200", "200"]);
    // The caller's filters are on every page.
    expect(transport.requests.every((r) => new URL(r.url).searchParams.get("status") === "active")).toBe(true);
  });

  it("an explicit limit is the size of every page", async () => {
    const { transport, glance } = listingServer(120);
    expect(await glance.images.listAll({ limit: 50 }).toArray()).toHaveLength(120);
    expect(limits(transport.requests)).toEqual(["50", "50", "50"]);
  });

  it("a listing with fewer images than the first page takes one request", async () => {
    const { transport, glance } = listingServer(3);
    expect(await glance.images.listAll().toArray()).toHaveLength(3);
    expect(limits(transport.requests)).toEqual(["10"]);
  });
});

describe("listAll look-ahead", () => {
  it("fetches at most one page ahead while the caller works on the current one", async () => {
    const { transport, glance } = listingServer(95);
    let pagesSeen = 0;
    for await (const page of glance.images.listAll({ limit: 10 }).pages()) {
      pagesSeen += 1;
      // Give the SDK every chance to fetch more while this page is being worked on.
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
      expect(page.items.length).toBeGreaterThan(0);
      expect(transport.requests.length).toBeLessThanOrEqual(pagesSeen + 1);
      // The next page is already asked for (the last one has no next link).
      if (page.next) expect(transport.requests.length).toBe(pagesSeen + 1);
    }
    expect(pagesSeen).toBe(10);
    expect(transport.requests).toHaveLength(10);
  });

  it("leaving the loop early aborts the page fetched ahead", async () => {
    let held: TransportRequest | undefined;
    const { transport, glance } = listingServer(100, 1000, {
      hold: (req) => {
        if (!new URL(req.url).searchParams.has("marker")) return undefined;
        held = req;
        return new Promise<void>((resolve) => req.signal?.addEventListener("abort", () => resolve(), { once: true }));
      },
    });
    for await (const image of glance.images.listAll({ limit: 10 })) {
      expect(image.id).toBeTruthy();
      break;
    }
    expect(transport.requests).toHaveLength(2);
    expect(held?.signal?.aborted).toBe(true);
  });

  it("a failure of the page fetched ahead reaches the caller only when it gets there", async () => {
    const { glance } = client((req) => {
      const marker = new URL(req.url).searchParams.get("marker");
      if (marker) return { status: 500, body: { code: "500", message: "boom" } };
      return { status: 200, body: { images: [imageBody({ id: ID })], first: "/v2/images", schema: "/v2/schemas/images", next: `/v2/images?limit=1&marker=${ID}` } };
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const image of glance.images.listAll({ limit: 1 }, { maxRetries: 0 })) seen.push(image.id);
      })(),
    ).rejects.toThrow(/500|boom/);
    expect(seen).toEqual([ID]);
  });

  it("the caller's signal still aborts the listing", async () => {
    const controller = new AbortController();
    const { glance } = listingServer(100);
    const it = glance.images.listAll({ limit: 10 }, { signal: controller.signal })[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    controller.abort();
    await expect((async () => { for (;;) if ((await it.next()).done) return; })()).rejects.toThrow();
  });
});

describe("patch helpers", () => {
  it("escapes ~ and / as RFC 6901 says", () => {
    expect(escapePointerToken("a~/b")).toBe("a~0~1b");
    expect(propertyPointer("~1")).toBe("/~01");
  });

  it("computes add, replace and remove from desired properties", () => {
    const current = { name: "old", tags: ["a"], keep: "same", gone: "x", "a/b": "1" };
    expect(computeImagePatch(current, { name: "new", keep: "same", gone: null, missing: null, "a/b": "2", "c~d": "3", tags: ["a"] })).toEqual([
      { op: "replace", path: "/name", value: "new" },
      { op: "remove", path: "/gone" },
      { op: "replace", path: "/a~1b", value: "2" },
      { op: "add", path: "/c~0d", value: "3" },
    ]);
  });

  it("takes the marker from a next link", () => {
    expect(markerFromNextLink("/v2/images?limit=2&marker=abc")).toBe("abc");
    expect(markerFromNextLink("/v2/images")).toBeUndefined();
  });
});
