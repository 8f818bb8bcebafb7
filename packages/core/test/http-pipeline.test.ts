import { afterEach, describe, expect, it, vi } from "vitest";
import { ImageClient } from "../src/client.js";
import { HttpClient, type OperationRequest } from "../src/http/http-client.js";
import { SDK_VERSION } from "../src/http/user-agent.js";
import { imageOp } from "../src/images/images-api.js";
import {
  BadRequestError,
  ConnectionError,
  RequestAbortedError,
  RequestTimeoutError,
  ServiceUnavailableError,
  TooManyRequestsError,
  PayloadTooLargeError,
  ValidationError,
} from "../src/errors/index.js";
import type { Transport, TransportRequest, TransportResponse } from "../src/transport/transport.js";
import { fakeTransport, imageBody } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const GET: OperationRequest = { operation: "images.get", method: "GET", path: `/v2/images/${ID}`, expect: [200] };

function client(transport: Transport, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
  return new HttpClient({ root: "http://glance.test:9292", transport, timeoutMs: 5_000, validateResponses: false, random: () => 1, retry: { baseDelayMs: 1 }, ...extra });
}

/** A transport whose answers come from a script, one per request; `Error`s are thrown as network failures. */
function scripted(...answers: ({ status: number; headers?: Record<string, string>; body?: string } | Error)[]): Transport & { requests: TransportRequest[] } {
  let i = 0;
  return fakeTransport(() => {
    const answer = answers[Math.min(i++, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

/** A transport that never answers and ignores its signal (a request queued behind a busy pool). */
function stuck(): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return { requests, request: (req) => (requests.push(req), new Promise<TransportResponse>(() => undefined)) };
}

/** Settles `promise` into a readable state, for fake-timer tests. */
function track(promise: Promise<unknown>): { settled: () => boolean; error: () => unknown } {
  let done = false;
  let failure: unknown;
  promise.then(
    () => (done = true),
    (e: unknown) => ((done = true), (failure = e)),
  );
  return { settled: () => done, error: () => failure };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("path segments", () => {
  it.each([
    ["tag ..", (g: ImageClient) => g.images.removeTag(ID, "..")],
    ["tag .", (g: ImageClient) => g.images.removeTag(ID, ".")],
    ["tag %2E%2E", (g: ImageClient) => g.images.removeTag(ID, "%2E%2E")],
    ["tag .%2e", (g: ImageClient) => g.images.addTag(ID, ".%2e")],
    ["empty tag", (g: ImageClient) => g.images.addTag(ID, "")],
    ["member ..", (g: ImageClient) => g.members.remove(ID, "..")],
    ["member .", (g: ImageClient) => g.members.get(ID, ".")],
  ])("%s is a ValidationError and nothing is sent (it would address another resource)", async (_name, call) => {
    const transport = fakeTransport(() => ({ status: 204 }));
    const glance = new ImageClient({ endpoint: "http://glance.test:9292", transport });
    await expect(call(glance)).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });

  it("the HTTP layer itself refuses a built path with a dot or empty segment", async () => {
    const transport = fakeTransport(() => ({ status: 204 }));
    const http = client(transport);
    for (const path of [`/v2/images/${ID}/tags/..`, `/v2/images/${ID}/tags/%2e%2E`, `/v2/images/${ID}/tags/.`, `/v2/images//tags`, `/v2/images/${ID}/`]) {
      await expect(http.empty({ operation: "t", method: "DELETE", path, expect: [204] })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(transport.requests).toHaveLength(0);
  });

  it("error messages show the URL as it was sent", async () => {
    const transport = scripted({ status: 400, body: "{}" });
    const error = await client(transport, { root: "http://u:pw@glance.test:9292" }).empty({ operation: "t", method: "GET", path: "/v2/images", query: [["name", "a b"]], expect: [200] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).url).toBe("http://REDACTED@glance.test:9292/v2/images?name=a%20b");
    expect(String((error as Error).message)).not.toContain("pw");
  });
});

describe("deadlines", () => {
  it("timeoutMs holds while the transport has not even started the request (pool wait)", async () => {
    vi.useFakeTimers();
    const call = track(client(stuck()).json(GET, {} as never, { timeoutMs: 150 }));
    await vi.advanceTimersByTimeAsync(149);
    expect(call.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(call.error()).toBeInstanceOf(RequestTimeoutError);
    expect((call.error() as RequestTimeoutError).timeoutMs).toBe(150);
  });

  it("a signal aborts a request queued in the transport at once", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user")), 50);
    await expect(client(stuck()).empty(GET, { signal: controller.signal })).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it("the deadline covers finding the endpoint (login and catalog) on the first call", async () => {
    const transport = fakeTransport(() => ({ status: 200, body: imageBody() }));
    // A login that takes 3 s and does not listen to any signal.
    const slowLogin = () => new Promise<string>((resolve) => setTimeout(() => resolve("http://glance.test:9292"), 3_000));
    vi.useFakeTimers();
    const glance = new ImageClient({ endpoint: slowLogin, transport });
    const call = track(glance.images.get(ID, { timeoutMs: 200 }));
    await vi.advanceTimersByTimeAsync(201);
    expect(call.error()).toBeInstanceOf(RequestTimeoutError);
    expect(transport.requests).toHaveLength(0);
  });

  it("the deadline covers the auth provider", async () => {
    const transport = fakeTransport(() => ({ status: 200, body: "{}" }));
    const auth = { headers: () => new Promise<Record<string, string>>(() => undefined) };
    await expect(client(transport, { auth }).empty(GET, { timeoutMs: 100 })).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it("the deadline covers reading the body", async () => {
    const transport: Transport = {
      request: async () => ({ status: 200, headers: {}, text: () => new Promise<string>(() => undefined), bytes: () => new Promise(() => undefined), stream: () => new ReadableStream(), discard: async () => undefined }),
    };
    await expect(client(transport).json(GET, {} as never, { timeoutMs: 100 })).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it.each([[-1], [0], [Number.NaN], ["10"], [null], [2 ** 31], [Number.NEGATIVE_INFINITY]])("timeoutMs %s is a ValidationError before sending", async (timeoutMs) => {
    const transport = scripted({ status: 200 });
    await expect(client(transport).empty(GET, { timeoutMs: timeoutMs as number })).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });

  it("timeoutMs Infinity means no deadline, 2^31−1 is accepted", async () => {
    const transport = scripted({ status: 200 });
    await client(transport).empty(GET, { timeoutMs: Number.POSITIVE_INFINITY });
    await client(transport).empty(GET, { timeoutMs: 2 ** 31 - 1 });
    expect(transport.requests).toHaveLength(2);
  });

  it("a client-wide timeoutMs that cannot work is refused when the client is built", () => {
    for (const timeoutMs of [-5, Number.NaN, 2 ** 40]) {
      expect(() => new ImageClient({ endpoint: "http://g", transport: scripted({ status: 200 }), timeoutMs })).toThrow(ValidationError);
    }
  });
});

describe("retries", () => {
  it("a 503 or a connection failure on an idempotent call is retried", async () => {
    const transport = scripted({ status: 503 }, new TypeError("socket hang up"), { status: 200 });
    await client(transport).empty(GET);
    expect(transport.requests).toHaveLength(3);
  });

  it("gives up after maxRetries (default 2) with the last typed error", async () => {
    const transport = scripted({ status: 503 });
    await expect(client(transport).empty(GET)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(transport.requests).toHaveLength(3);
  });

  it("maxRetries per client and per call", async () => {
    const t1 = scripted({ status: 502 });
    await expect(client(t1, { retry: { maxRetries: 0 } }).empty(GET)).rejects.toMatchObject({ status: 502 });
    expect(t1.requests).toHaveLength(1);
    const t2 = scripted({ status: 504 });
    await expect(client(t2).empty(GET, { maxRetries: 4 })).rejects.toMatchObject({ status: 504 });
    expect(t2.requests).toHaveLength(5);
    await expect(client(t2).empty(GET, { maxRetries: -1 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("a POST is not retried, unless flagged idempotent (a create with a client-chosen id)", async () => {
    const post: OperationRequest = { operation: "images.create", method: "POST", path: "/v2/images", body: new Uint8Array(2), expect: [201] };
    const t1 = scripted({ status: 503 }, { status: 201 });
    await expect(client(t1).empty(post)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(t1.requests).toHaveLength(1);
    const t2 = scripted(new TypeError("reset"), { status: 201 });
    await client(t2).empty({ ...post, idempotent: true });
    expect(t2.requests).toHaveLength(2);
  });

  it("images.create retries only when the id is the client's", async () => {
    const t1 = scripted({ status: 503 }, { status: 201, body: JSON.stringify(imageBody()) });
    const g1 = new ImageClient({ endpoint: "http://g", transport: t1, retry: { baseDelayMs: 1 } });
    await expect(g1.images.create({ name: "x" })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(t1.requests).toHaveLength(1);
    const t2 = scripted({ status: 503 }, { status: 201, body: JSON.stringify(imageBody()) });
    const g2 = new ImageClient({ endpoint: "http://g", transport: t2, retry: { baseDelayMs: 1 } });
    await g2.images.create({ id: ID, name: "x" });
    expect(t2.requests).toHaveLength(2);
  });

  it("a stream body is never retried", async () => {
    const transport = scripted({ status: 503 }, { status: 204 });
    const body = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new Uint8Array(1)), c.close()) });
    await expect(client(transport).empty({ operation: "data.upload", method: "PUT", path: `/v2/images/${ID}/file`, body, expect: [204] })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(transport.requests).toHaveLength(1);
  });

  it("4xx other than 429/413 and 500 are not retried", async () => {
    for (const status of [400, 404, 409, 500]) {
      const transport = scripted({ status });
      await expect(client(transport).empty(GET)).rejects.toMatchObject({ status });
      expect(transport.requests).toHaveLength(1);
    }
  });

  it("429 and 413 honour Retry-After in seconds and as an HTTP-date; 413 without it is final", async () => {
    vi.useFakeTimers();
    const t1 = scripted({ status: 429, headers: { "retry-after": "3" } }, { status: 200 });
    const p1 = client(t1).empty(GET);
    await vi.advanceTimersByTimeAsync(2_900);
    expect(t1.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await p1;
    expect(t1.requests).toHaveLength(2);

    const date = new Date(Date.now() + 2_000).toUTCString();
    const t2 = scripted({ status: 413, headers: { "retry-after": date } }, { status: 200 });
    const p2 = client(t2).empty(GET);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t2.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await p2;
    expect(t2.requests).toHaveLength(2);

    const t3 = scripted({ status: 413 }, { status: 200 });
    await expect(client(t3).empty(GET)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(t3.requests).toHaveLength(1);
  });

  it("Retry-After is capped", async () => {
    vi.useFakeTimers();
    const transport = scripted({ status: 503, headers: { "retry-after": "86400" } }, { status: 200 });
    const p = client(transport, { timeoutMs: Number.POSITIVE_INFINITY, retry: { maxRetryAfterMs: 1_000 } }).empty(GET);
    await vi.advanceTimersByTimeAsync(1_001);
    await p;
    expect(transport.requests).toHaveLength(2);
  });

  it("does not retry when the wait would pass the deadline", async () => {
    vi.useFakeTimers();
    const transport = scripted({ status: 429, headers: { "retry-after": "30" } }, { status: 200 });
    const call = track(client(transport).empty(GET, { timeoutMs: 2_000 }));
    // Settles at once with the 429: waiting 30 s would pass the 2 s deadline.
    await vi.advanceTimersByTimeAsync(0);
    expect(call.error()).toBeInstanceOf(TooManyRequestsError);
    expect(transport.requests).toHaveLength(1);
  });

  it("backoff is exponential with full jitter", async () => {
    vi.useFakeTimers();
    const transport = scripted({ status: 503 }, { status: 503 }, { status: 200 });
    const p = client(transport, { retry: { baseDelayMs: 1_000 }, random: () => 0.5 }).empty(GET);
    await vi.advanceTimersByTimeAsync(499);
    expect(transport.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(transport.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(998);
    expect(transport.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2);
    await p;
    expect(transport.requests).toHaveLength(3);
  });

  it("an abort while waiting to retry is a RequestAbortedError, not retried", async () => {
    const controller = new AbortController();
    const transport = scripted({ status: 503 }, { status: 200 });
    const p = client(transport, { timeoutMs: 60_000, retry: { baseDelayMs: 5_000 } }).empty(GET, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(p).rejects.toBeInstanceOf(RequestAbortedError);
    expect(transport.requests).toHaveLength(1);
  });

  it("a network failure of a POST is a ConnectionError, not retried", async () => {
    const transport = scripted(new TypeError("fetch failed"), { status: 202 });
    await expect(client(transport).empty({ operation: "x", method: "POST", path: "/v2/tasks", expect: [202] })).rejects.toBeInstanceOf(ConnectionError);
    expect(transport.requests).toHaveLength(1);
  });
});

describe("headers", () => {
  it.each([
    ["CR LF in a call header", { headers: { "x-a": "1\r\nx-injected: 1" } }],
    ["LF in a call header", { headers: { "x-a": "1\nb" } }],
    ["NUL in a call header", { headers: { "x-a": "a\u0000b" } }],
    ["non-Latin-1 in a call header", { headers: { "x-a": "café ☕" } }],
    ["a bad header name", { headers: { "x a": "1" } }],
  ])("%s is a ValidationError and nothing is sent", async (_name, options) => {
    const transport = scripted({ status: 200 });
    await expect(client(transport).empty(GET, options)).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });

  it("a token with a line break is a ValidationError that does not show the token", async () => {
    const secret = "gAAAA-secret\r\nx-evil: 1";
    expect(() => new ImageClient({ endpoint: "http://g", transport: scripted({ status: 200 }), token: secret })).toThrow(ValidationError);
    const transport = scripted({ status: 200 });
    const error = await client(transport, { auth: { headers: () => ({ "x-auth-token": secret }) } }).empty(GET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as Error).message)).not.toContain("gAAAA");
    expect(transport.requests).toHaveLength(0);
  });

  it("sends a header whose name is an Object.prototype key (__proto__, constructor) as a header", async () => {
    const transport = scripted({ status: 204 });
    const headers = Object.fromEntries([["__proto__", "p"], ["Constructor", "c"]]) as Record<string, string>;
    await client(transport).empty({ ...GET, expect: [204] }, { headers });
    const sent = transport.requests[0]!.headers;
    expect(Object.getOwnPropertyNames(sent)).toEqual(expect.arrayContaining(["__proto__", "constructor"]));
    expect(Object.getOwnPropertyDescriptor(sent, "__proto__")?.value).toBe("p");
    expect(sent.constructor).toBe("c");
  });

  it("sends a User-Agent with the SDK version, the runtime and the application's suffix", async () => {
    const transport = scripted({ status: 200, body: JSON.stringify(imageBody()) });
    const glance = new ImageClient({ endpoint: "http://g", transport, runtime: "node/20.20.2", userAgent: "my-app/1.2" });
    await glance.images.get(ID);
    expect(transport.requests[0]!.headers["user-agent"]).toBe(`cloud-images/${SDK_VERSION} node/20.20.2 my-app/1.2`);
    expect(() => new ImageClient({ endpoint: "http://g", transport, userAgent: "bad\nagent" })).toThrow(ValidationError);
  });
});

describe("hooks", () => {
  it("onRequest, onResponse and onRetry see each attempt, redacted", async () => {
    const transport = scripted({ status: 503 }, { status: 200, body: JSON.stringify(imageBody()) });
    const seen: string[] = [];
    const glance = new ImageClient({
      endpoint: "http://u:pw@g",
      transport,
      token: "tok-secret",
      retry: { baseDelayMs: 1 },
      onRequest: (e) => seen.push(`req ${e.attempt} ${e.method} ${e.url} ${JSON.stringify(e.headers)}`),
      onResponse: (e) => seen.push(`res ${e.attempt} ${e.status}`),
      onRetry: (e) => {
        seen.push(`retry ${e.attempt} ${(e.error as Error).name}`);
        throw new Error("a broken hook does not break the call");
      },
    });
    await glance.images.get(ID);
    expect(seen.map((s) => s.split(" ").slice(0, 3).join(" "))).toEqual(["req 1 GET", "res 1 503", "retry 1 ServiceUnavailableError", "req 2 GET", "res 2 200"]);
    expect(seen.join("\n")).not.toContain("tok-secret");
    expect(seen.join("\n")).not.toContain("pw");
  });
});

describe("withResponse and pages", () => {
  it("a successful call's status, headers and request id are one call away", async () => {
    let n = 0;
    const transport = fakeTransport((req) => ({ status: 200, headers: { "x-openstack-request-id": `req-${++n}-${req.method}` }, body: imageBody() }));
    const glance = new ImageClient({ endpoint: "http://g", transport });
    const { data, response } = await glance.images.get(ID).withResponse();
    expect(data.id).toBe(ID);
    expect(response).toMatchObject({ status: 200, requestId: "req-1-GET" });
    expect(response.headers["content-type"]).toBe("application/json");
    expect((await glance.images.get(ID)).id).toBe(ID);
    // A call made of two requests reports the last one (the PATCH).
    const updated = await glance.images.updateProperties(ID, { name: "renamed" }).withResponse();
    expect(updated.response.requestId).toBe("req-4-PATCH");
  });

  it("a one-page list knows its next page and keeps the query", async () => {
    const transport = fakeTransport((req) => {
      const marker = new URL(req.url).searchParams.get("marker");
      return marker === null
        ? { status: 200, body: { images: [imageBody()], first: "/v2/images", next: `/v2/images?marker=${ID}&limit=1`, schema: "/v2/schemas/images" } }
        : { status: 200, body: { images: [imageBody({ id: "3a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b" })], first: "/v2/images", schema: "/v2/schemas/images" } };
    });
    const glance = new ImageClient({ endpoint: "http://g", transport });
    const page = await glance.images.list({ limit: 1, tag: ["a", "b"] });
    expect(page.items).toHaveLength(1);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next?.items[0]?.id).toBe("3a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b");
    expect(next?.hasNextPage()).toBe(false);
    expect(await next?.getNextPage()).toBeUndefined();
    const second = new URL(transport.requests[1]!.url);
    expect(second.searchParams.getAll("tag")).toEqual(["a", "b"]);
    expect(second.searchParams.get("marker")).toBe(ID);
  });
});

describe("CreateImageInput", () => {
  it("a misspelt attribute is a compile-time error and a ValidationError naming the attribute it resembles", async () => {
    const transport = fakeTransport(() => ({ status: 201, body: imageBody() }));
    const glance = new ImageClient({ endpoint: "http://g", transport });
    // @ts-expect-error `disk_fromat` is not an attribute: the closed type catches it.
    const error = await glance.images.create({ name: "x", disk_fromat: "qcow2" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain("did you mean `disk_format`");
    // @ts-expect-error custom properties at the top level are refused too: they go in `properties`.
    await expect(glance.images.create({ os_distro: "ubuntu" })).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.images.create({ properties: { name: "x" } })).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
    await glance.images.create({ name: "x", properties: { os_distro: "ubuntu", "org.example/team": "a" } });
    expect(JSON.parse(new TextDecoder().decode(transport.requests[0]!.body as Uint8Array))).toEqual({ name: "x", os_distro: "ubuntu", "org.example/team": "a" });
  });
});

describe("requests come from the spec", () => {
  it("method, path template and expected statuses must exist in the generated paths (checked by the typecheck)", () => {
    const ok = imageOp({ operation: "t", method: "delete", path: "/v2/images/{image_id}/tags/{tag}", params: { image_id: ID, tag: "a b" }, expect: [204] });
    expect(ok).toMatchObject({ method: "DELETE", path: `/v2/images/${ID}/tags/a%20b`, expect: [204] });
    // Never run: only the typecheck reads these.
    const drift = (): unknown[] => [
      // @ts-expect-error a path the spec does not have
      imageOp({ operation: "t", method: "get", path: "/v2/imagez/{image_id}", params: { image_id: ID }, expect: [200] }),
      // @ts-expect-error a method the path does not have
      imageOp({ operation: "t", method: "put", path: "/v2/images/{image_id}", params: { image_id: ID }, expect: [200] }),
      // @ts-expect-error a status the operation does not answer (delete answers 204)
      imageOp({ operation: "t", method: "delete", path: "/v2/images/{image_id}", params: { image_id: ID }, expect: [200] }),
      // @ts-expect-error a missing path parameter
      imageOp({ operation: "t", method: "get", path: "/v2/images/{image_id}", params: {}, expect: [200] }),
    ];
    expect(typeof drift).toBe("function");
  });

  it("each path parameter is one checked segment", () => {
    expect(() => imageOp({ operation: "images.removeTag", method: "delete", path: "/v2/images/{image_id}/tags/{tag}", params: { image_id: ID, tag: ".." }, expect: [204] })).toThrow(ValidationError);
  });
});

describe("secrets in endpoints", () => {
  it("a password in the endpoint is sent as Basic credentials and never shown by the client or its errors", async () => {
    const transport = scripted({ status: 404, body: "{}" });
    const glance = new ImageClient({ endpoint: "http://alice:s3cr3t@glance.test:9292/v2", transport, maxRetries: 0 });
    expect(JSON.stringify(glance)).not.toContain("s3cr3t");
    expect(String((glance as unknown as Record<symbol, () => string>)[Symbol.for("nodejs.util.inspect.custom")]!())).not.toContain("s3cr3t");
    const error = await glance.images.get(ID).catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain("s3cr3t");
    expect(String(error)).not.toContain("s3cr3t");
    expect(transport.requests[0]!.url).toBe(`http://glance.test:9292/v2/images/${ID}`);
    expect(transport.requests[0]!.headers.authorization).toBe(`Basic ${btoa("alice:s3cr3t")}`);
    expect(() => new ImageClient({ endpoint: "not a url", transport })).toThrow(ValidationError);
  });
});
