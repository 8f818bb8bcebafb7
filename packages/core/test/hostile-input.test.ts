import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ImageClient } from "../src/client.js";
import { ValidationError } from "../src/errors/index.js";
import { fakeTransport, imageBody } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const RUNS = 1_000;

/** Strings that hit the edges: dot segments raw and encoded, separators, controls, non-Latin-1, plus anything. */
const hostile = fc.oneof(
  fc.constantFrom(".", "..", "%2e", "%2E%2E", ".%2e", "%2e.", "", "/", "a/b", "..%2F", "%2F", "\\", "\r\n", "a\nb", "\u0000", "?", "#", "a?b=c", "a#b", "%", "%zz", "☕", "é"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(".", "%", "2", "e", "E", "/", "?", "#", "&", "=", "\r", "\n", "a"), maxLength: 12 }),
);

function glance() {
  const transport = fakeTransport(() => ({ status: 204, body: JSON.stringify(imageBody()) }));
  return { client: new ImageClient({ endpoint: "http://glance.test:9292", transport, maxRetries: 0 }), transport };
}

/** The request of a call, or "refused" when it was a ValidationError with nothing sent. */
async function outcome(call: () => Promise<unknown>, transport: ReturnType<typeof glance>["transport"]): Promise<"refused" | URL> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ValidationError) {
      expect(transport.requests).toHaveLength(0);
      return "refused";
    }
  }
  expect(transport.requests.length).toBeGreaterThanOrEqual(1);
  return new URL(transport.requests[0]!.url);
}

describe("hostile input never reaches another resource, header or parameter", { timeout: 60_000 }, () => {
  const counts: Record<string, { refused: number; sent: number }> = {};
  const count = (family: string, result: "refused" | URL): void => {
    counts[family] ??= { refused: 0, sent: 0 };
    counts[family][result === "refused" ? "refused" : "sent"] += 1;
  };

  it.each([
    ["tag", hostile, (g: ImageClient, v: string) => g.images.addTag(ID, v), (v: string) => `/v2/images/${ID}/tags/${encodeURIComponent(v)}`],
    ["member id", hostile, (g: ImageClient, v: string) => g.members.remove(ID, v), (v: string) => `/v2/images/${ID}/members/${encodeURIComponent(v)}`],
    ["image id", fc.oneof(hostile, fc.uuid()), (g: ImageClient, v: string) => g.images.delete(v), (v: string) => `/v2/images/${encodeURIComponent(v)}`],
  ] as const)("%s: refused before sending, or sent as exactly one segment", async (family, values, call, expected) => {
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const { client, transport } = glance();
        const result = await outcome(() => call(client, value), transport);
        count(family, result);
        if (result === "refused") return;
        expect(result.pathname).toBe(expected(value));
        expect(result.search).toBe("");
        const last = result.pathname.split("/").pop()!;
        expect(decodeURIComponent(last)).toBe(value);
      }),
      { numRuns: RUNS },
    );
  });

  it("list filters: each value comes back as exactly the parameter given, no parameter injected", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (name, tag) => {
        const transport = fakeTransport(() => ({ status: 200, body: { images: [], first: "/v2/images", schema: "/v2/schemas/images" } }));
        const client = new ImageClient({ endpoint: "http://glance.test:9292", transport, maxRetries: 0 });
        const result = await outcome(() => client.images.list({ name, tag: [tag, "x"] }), transport);
        count("list filters", result);
        if (result === "refused") return;
        expect(result.pathname).toBe("/v2/images");
        expect([...result.searchParams.keys()].sort()).toEqual(["name", "tag", "tag"]);
        expect(result.searchParams.get("name")).toBe(name);
        expect(result.searchParams.getAll("tag")).toEqual([tag, "x"]);
      }),
      { numRuns: RUNS },
    );
  });

  it("header values: refused, or sent unchanged without CR, LF or NUL", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const { client, transport } = glance();
        const result = await outcome(() => client.images.get(ID, { headers: { "x-custom": value } }), transport);
        count("header values", result);
        if (result === "refused") return;
        const sent = transport.requests[0]!.headers["x-custom"];
        expect(sent).toBe(value);
        expect(sent).not.toMatch(/[\r\n\0]/);
        expect([...sent!].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("timeouts: refused unless a positive number of ms up to 2^31−1 or Infinity", async () => {
    const timeouts = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 31 - 1, Number.NaN, Number.POSITIVE_INFINITY), fc.string(), fc.constant(null)) as fc.Arbitrary<unknown>;
    await fc.assert(
      fc.asyncProperty(timeouts, async (timeoutMs) => {
        const { client, transport } = glance();
        const result = await outcome(() => client.images.delete(ID, { timeoutMs: timeoutMs as number }), transport);
        count("timeouts", result);
        const valid = timeoutMs === Number.POSITIVE_INFINITY || (typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1);
        expect(result === "refused").toBe(!valid);
      }),
      { numRuns: RUNS },
    );
  });

  it("reports the counts", () => {
    console.log(`hostile input cases: ${JSON.stringify(counts)}`);
    expect(Object.keys(counts)).toHaveLength(6);
  });
});
