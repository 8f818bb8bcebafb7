/**
 * The SDK's own response validators (`src/validation`): what they accept, what they report
 * when they refuse, that they check bodies in place, and that they are tied to the generated
 * types (the `@ts-expect-error` lines below fail `pnpm typecheck` if drift stopped failing it).
 */
import { describe, expect, it } from "vitest";
import type { components } from "../src/generated/image-v2.js";
import { image, imageList } from "../src/validation/images.js";
import { computeImage } from "../src/validation/compute.js";
import { array, boolean, compiledObjectCheck, int, looseObject, loopedObjectCheck, nullable, object, oneOf, optional, record, string, union } from "../src/validation/validator.js";
import { validatorFor } from "../src/validation/validator-for.js";

type Schemas = components["schemas"];

const IMAGE = {
  id: "9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
  name: "cirros",
  status: "active",
  visibility: "shared",
  protected: false,
  os_hidden: false,
  checksum: "16767f276c67a380bc30390e7274ec08",
  os_hash_algo: "sha512",
  os_hash_value: "ab",
  owner: "p1",
  size: 1048576,
  virtual_size: null,
  min_disk: 0,
  min_ram: 0,
  container_format: "bare",
  disk_format: "qcow2",
  created_at: "2026-11-22T18:16:17Z",
  updated_at: "2026-11-22T18:16:17Z",
  tags: ["a"],
  self: "/v2/images/9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
  file: "/v2/images/9516d1a9-c7bb-4044-a2b9-f51e1da1ae51/file",
  schema: "/v2/schemas/image",
  custom_prop: "x",
};

describe("validators", () => {
  it("give back the very object they checked (nothing copied, custom properties kept)", () => {
    const page = { images: [IMAGE], first: "/v2/images", schema: "/v2/schemas/images", extra: 1 };
    const result = imageList.safeParse(page);
    expect(result.success).toBe(true);
    expect(result.success && result.data).toBe(page);
    expect(result.success && result.data.images[0]?.["custom_prop"]).toBe("x");
  });

  it("report every problem with its path, as the response error shows them", () => {
    const page = {
      images: [IMAGE, { ...IMAGE, size: "1048576", status: "gone", tags: ["a", 2] }, { ...IMAGE, checksum: undefined }],
      first: "/v2/images",
      schema: 7,
    };
    const result = imageList.safeParse(page);
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues).toEqual([
      'images.1.status: expected one of "queued", "saving", "uploading", "importing", "active", "deactivated", "killed", "deleted", "pending_delete", got string "gone"',
      'images.1.size: expected integer, got string "1048576"',
      "images.1.tags.1: expected string, got number 2",
      "images.2.checksum: is missing",
      "schema: expected string, got number 7",
    ]);
  });

  it("tell null, arrays and objects apart", () => {
    expect(image.safeParse(null).success).toBe(false);
    expect(image.safeParse([IMAGE]).success).toBe(false);
    expect(record(string).safeParse(["a"]).success).toBe(false);
    expect(nullable(string).safeParse(null).success).toBe(true);
    expect(object({ a: optional(int) }).safeParse({}).success).toBe(true);
    expect(object({ a: int }).safeParse({}).success).toBe(false);
    expect(int.safeParse(1.5).success).toBe(false);
    expect(int.safeParse(2 ** 53).success).toBe(false);
    const flag = union(boolean, string);
    expect([true, "true", 1].map((v) => flag.safeParse(v).success)).toEqual([true, true, false]);
    const problem = flag.safeParse(1);
    expect(problem.success ? "" : problem.error.issues[0]?.message).toBe("matches no alternative: expected boolean, got number 1 / expected string, got number 1");
  });

  it("check compute images' progress range and keep their extension attributes", () => {
    const body = { id: "i", name: "n", status: "ACTIVE", progress: 100, created: "c", updated: "u", minDisk: 0, minRam: 0, metadata: {}, links: [], "OS-EXT-IMG-SIZE:size": 5 };
    expect(computeImage.safeParse(body).success).toBe(true);
    expect(computeImage.safeParse({ ...body, progress: 101 }).success).toBe(false);
    expect(computeImage.safeParse({ ...body, metadata: { a: 1 } }).success).toBe(false);
  });
});

describe("object checks, compiled (Node, pages without a CSP) or looped (pages forbidding eval)", () => {
  const keys = ["id", "name", "size", "tags"];
  const checks = [string.is, nullable(string).is, optional(int).is, array(string).is];
  const optionalAt = [false, false, true, false];
  const compiled = compiledObjectCheck(keys, checks, optionalAt);
  const looped = loopedObjectCheck(keys, checks, optionalAt);
  it.each([
    [{ id: "a", name: null, tags: [] }, true],
    [{ id: "a", name: "n", size: 3, tags: ["x"], other: 1 }, true],
    [{ id: "a", name: "n", size: 1.5, tags: [] }, false],
    [{ id: "a", tags: [] }, false],
    [{ id: "a", name: "n", tags: [1] }, false],
    [[], false],
    [null, false],
    ["a", false],
  ])("agree on %j", (value, expected) => {
    expect(compiled).toBeDefined();
    expect(compiled!(value)).toBe(expected);
    expect(looped(value)).toBe(expected);
  });

  it("quote field names, so no name can break out of the compiled source", () => {
    const odd = ['a"b', "c\\", "d\n", "__proto__", "constructor"];
    const check = compiledObjectCheck(odd, odd.map(() => string.is), odd.map(() => false))!;
    expect(check(Object.fromEntries(odd.map((k) => [k, "v"])))).toBe(true);
    expect(check({ 'a"b': "v" })).toBe(false);
  });
});

describe("validatorFor", () => {
  it("ties a validator to the generated type: drift fails the typecheck", () => {
    const link = validatorFor<Schemas["Link"]>()(object({ rel: string, href: string }));
    // @ts-expect-error a field of the spec is missing
    validatorFor<Schemas["Link"]>()(object({ rel: string }));
    // @ts-expect-error a required field made optional
    validatorFor<Schemas["Link"]>()(object({ rel: string, href: optional(string) }));
    // @ts-expect-error a closed object declared open
    validatorFor<Schemas["Link"]>()(looseObject({ rel: string, href: string }));
    // @ts-expect-error a field of another type
    validatorFor<Schemas["Link"]>()(object({ rel: string, href: int }));
    // @ts-expect-error a value the spec's enumeration does not list
    validatorFor<Schemas["MemberStatus"]>()(oneOf(["pending", "accepted", "rejected", "maybe"]));
    // @ts-expect-error nullable where the spec says not
    validatorFor<Schemas["MemberList"]>()(object({ members: nullable(array(object({}))), schema: string }));
    expect(link.safeParse({ rel: "self", href: "/" }).success).toBe(true);
  });
});
