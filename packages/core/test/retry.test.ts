import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, DEFAULT_RETRY_POLICY, RetryAbortedError, ServiceUnavailableError, TooManyRequestsError, type JsonSchemaDocument } from "../src/index.js";
import { checkJsonSchema, createHttpError, imagePatchProblems, retryDelayFor, withRetry } from "../src/internal.js";

const http = (status: number, headers: Record<string, string> = {}) =>
  createHttpError({ status, method: "GET", url: "http://g/v2/images/x", requestId: undefined, serverMessage: undefined, headers, body: undefined });

describe("retry policy", () => {
  it("retries the configured statuses, honouring and capping Retry-After", () => {
    const zero = () => 0;
    expect(retryDelayFor(http(503), 0, DEFAULT_RETRY_POLICY, zero)).toBe(500);
    expect(retryDelayFor(http(503, { "retry-after": "3" }), 0, DEFAULT_RETRY_POLICY)).toBe(3_000);
    expect(retryDelayFor(http(429, { "retry-after": "9999" }), 0, DEFAULT_RETRY_POLICY)).toBe(60_000);
    expect(retryDelayFor(http(413), 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
    expect(retryDelayFor(http(413, { "retry-after": "1" }), 0, DEFAULT_RETRY_POLICY)).toBe(1_000);
    expect(retryDelayFor(http(404), 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
    expect(retryDelayFor(http(500), 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
    expect(retryDelayFor(new ConnectionError({ method: "GET", url: "u" }), 1, DEFAULT_RETRY_POLICY, zero)).toBe(1_000);
    expect(retryDelayFor(http(503), DEFAULT_RETRY_POLICY.maxAttempts - 1, DEFAULT_RETRY_POLICY)).toBeUndefined();
    expect(retryDelayFor(http(503), 0, { ...DEFAULT_RETRY_POLICY, retryStatuses: [] })).toBeUndefined();
  });

  describe("withRetry", () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it("retries until success and reports each retry", async () => {
      let n = 0;
      const events: number[] = [];
      const p = withRetry(async () => {
        if (n++ < 2) throw http(503, { "retry-after": "2" });
        return "ok";
      }, DEFAULT_RETRY_POLICY, { onRetry: (e) => events.push(e.delayMs) });
      await vi.advanceTimersByTimeAsync(4_000);
      await expect(p).resolves.toBe("ok");
      expect(events).toEqual([2_000, 2_000]);
    });

    it("throws the last error when attempts run out, and a RetryAbortedError on abort", async () => {
      const p = withRetry(async () => {
        throw http(429);
      }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(await p).toBeInstanceOf(TooManyRequestsError);

      const controller = new AbortController();
      const q = withRetry(async () => {
        throw http(503);
      }, DEFAULT_RETRY_POLICY, { signal: controller.signal }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10);
      controller.abort();
      const aborted = await q;
      expect(aborted).toBeInstanceOf(RetryAbortedError);
      expect((aborted as Error).cause).toBeInstanceOf(ServiceUnavailableError);
    });
  });
});

describe("JSON-schema subset checker", () => {
  const schema = {
    name: "image",
    properties: {
      name: { type: ["null", "string"], maxLength: 5 },
      visibility: { type: "string", enum: ["public", "private"] },
      kernel_id: { type: ["null", "string"], pattern: "^([0-9a-fA-F]){8}$" },
      min_ram: { type: "integer", minimum: 0 },
      status: { type: "string", readOnly: true },
      tags: { type: "array", items: { type: "string", maxLength: 3 } },
      os_distro: { type: "string", is_base: false },
      odd: { type: "string", pattern: "(?P<x>a)" },
    },
    additionalProperties: { type: "string" },
  } as unknown as JsonSchemaDocument;

  it("checks type lists, enum, lengths, patterns, items and additionalProperties", () => {
    const problems = checkJsonSchema(schema as never, {
      name: "toolong",
      visibility: "shared",
      kernel_id: "xyz",
      min_ram: -1,
      tags: ["ok", "nope"],
      custom: 5,
      odd: "b",
    });
    expect(problems.map((p) => p.path.join("."))).toEqual(["name", "visibility", "kernel_id", "min_ram", "tags.1", "custom"]);
    expect(checkJsonSchema(schema as never, { name: null, kernel_id: null, min_ram: 1.5 }).map((p) => p.message)).toEqual(["must be of type integer, got number"]);
    expect(checkJsonSchema({ additionalProperties: false } as never, { x: "1" })[0]?.message).toMatch(/additionalProperties is false/);
  });

  it("checks patch operations: values, read-only attributes, removal of base attributes", () => {
    const issues = imagePatchProblems(schema, [
      { op: "replace", path: "/name", value: "ok" },
      { op: "add", path: "/status", value: "active" },
      { op: "remove", path: "/min_ram" },
      { op: "remove", path: "/os_distro" },
      { op: "remove", path: "/custom" },
      { op: "add", path: "/tags/-", value: "long" },
      { op: "add", path: "/x~1y", value: 1 },
    ] as never);
    expect(issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "1.value: `status` is read-only: the server sets it",
      "2.path: `min_ram` is a base attribute of the image schema and cannot be removed (set it instead)",
      "5.value: must be at most 3 characters long, got 4",
      "6.value: `x/y` must be of type string, got integer",
    ]);
  });
});
