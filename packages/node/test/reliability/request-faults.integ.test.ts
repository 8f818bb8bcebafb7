// Fault matrix, part 1: faults on the metadata calls (no image data), through a fault-injecting
// proxy in front of the integ project's REAL Glance. Each test is one row of RELIABILITY.md:
// the documented outcome (retried or not, which typed error) and, for writes, that nothing was
// lost or doubled — proven by listing Glance straight afterwards.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_A, retryAfterDate, retryAfterSeconds, trustedAuthHeaders, type FaultProxy } from "@cloud-images/test-servers";
import {
  ConflictError,
  ConnectionError,
  NotFoundError,
  PayloadTooLargeError,
  RequestAbortedError,
  RequestNotReplayableError,
  RequestTimeoutError,
  ServerError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  createClient,
  type AuthProvider,
  type Image,
  type NodeImageClient,
} from "../../src/index.js";
import { TRANSPORTS } from "../glance-fixtures.js";
import { QUICK_RETRY, deleteTagged, glanceProxy, imageById, imagesTagged, proxiedClient, testTag, thrown } from "./support.js";

let proxy: FaultProxy;
const clients: NodeImageClient[] = [];
const tags: string[] = [];

beforeAll(async () => {
  proxy = await glanceProxy();
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  for (const tag of tags) await deleteTagged(tag);
  await proxy.stop();
});

function tagged(label: string): string {
  const tag = testTag(label);
  tags.push(tag);
  return tag;
}

describe.each(TRANSPORTS)("request faults through a proxy in front of real Glance (%s)", (transport) => {
  let glance: NodeImageClient;
  let image: Image;
  const imagePath = (): string => `/v2/images/${image.id}`;
  const retries: number[] = [];

  beforeAll(async () => {
    glance = proxiedClient(proxy, transport, { onRetry: (e) => retries.push(e.delayMs) });
    clients.push(glance);
    image = await glance.images.create({ name: "rel-request", disk_format: "raw", container_format: "bare", tags: [tagged("request")] });
  });
  afterEach(() => {
    retries.length = 0;
  });
  const sent = (method: string, path: string): number => proxy.requests.filter((r) => r.method === method && r.url.split("?")[0] === path).length;

  it("connection refused: a GET is retried and succeeds once the server is back", async () => {
    await proxy.down();
    const fresh = proxiedClient(proxy, transport, { onRetry: () => void proxy.up() });
    clients.push(fresh);
    expect((await fresh.images.get(image.id)).id).toBe(image.id);
    await proxy.up();
  });

  it("connection refused throughout: ConnectionError after maxRetries + 1 attempts", async () => {
    await proxy.down();
    let attempts = 0;
    const fresh = proxiedClient(proxy, transport, { maxRetries: 2, onRequest: () => void (attempts += 1) });
    clients.push(fresh);
    const error = await thrown(fresh.images.get(image.id));
    await proxy.up();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(3);
  });

  it("reset before the headers: a GET is retried once and succeeds", async () => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, fault: { kind: "reset" } });
    expect((await glance.images.get(image.id)).id).toBe(image.id);
    expect(sent("GET", imagePath())).toBe(2);
    expect(retries).toHaveLength(1);
  });

  it.each([502, 503, 504])("%i: a GET is retried with backoff and succeeds", async (status) => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, times: 2, fault: { kind: "status", status } });
    expect((await glance.images.get(image.id)).id).toBe(image.id);
    expect(sent("GET", imagePath())).toBe(3);
    expect(retries).toHaveLength(2);
  });

  it("503 beyond maxRetries: ServiceUnavailableError (a ServerError) after 3 attempts", async () => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, times: Infinity, fault: { kind: "status", status: 503 } });
    const error = await thrown(glance.images.get(image.id));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toBeInstanceOf(ServerError);
    expect(sent("GET", imagePath())).toBe(3);
  });

  it.each([
    [429, "seconds"],
    [429, "an HTTP-date"],
    [413, "seconds"],
    [413, "an HTTP-date"],
  ] as const)("%i with Retry-After in %s: waited as the server asked, then retried", async (status, form) => {
    const headers = form === "seconds" ? retryAfterSeconds(1) : retryAfterDate(2);
    proxy.inject({ match: { method: "GET", path: imagePath() }, fault: { kind: "status", status, headers } });
    expect((await glance.images.get(image.id)).id).toBe(image.id);
    expect(sent("GET", imagePath())).toBe(2);
    expect(retries).toHaveLength(1);
    if (form === "seconds") expect(retries[0]).toBe(1000);
    else {
      // An HTTP-date has whole seconds: between 1 and 2 s from when it was made.
      expect(retries[0]).toBeGreaterThan(0);
      expect(retries[0]).toBeLessThanOrEqual(2000);
    }
  });

  it("413 without Retry-After: PayloadTooLargeError at once (a body too large is not retried)", async () => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, fault: { kind: "status", status: 413 } });
    expect(await thrown(glance.images.get(image.id))).toBeInstanceOf(PayloadTooLargeError);
    expect(sent("GET", imagePath())).toBe(1);
  });

  it("429 with a Retry-After past the call's deadline: TooManyRequestsError at once, retryAfterSeconds exposed", async () => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, fault: { kind: "status", status: 429, headers: retryAfterSeconds(120) } });
    const error = await thrown(glance.images.get(image.id, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(120);
    expect(sent("GET", imagePath())).toBe(1);
  });

  it("stalled headers: RequestTimeoutError at the call's deadline, not retried past it", async () => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, times: Infinity, fault: { kind: "stall-headers" } });
    const error = await thrown(glance.images.get(image.id, { timeoutMs: 800 }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).timeoutMs).toBe(800);
  });

  it("stalled headers once, generous deadline: the stalled attempt is the user's to bound (timeoutMs), the next succeeds", async () => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, fault: { kind: "stall-headers", ms: 300 } });
    expect((await glance.images.get(image.id, { timeoutMs: 10_000 })).id).toBe(image.id);
  });

  it("user abort while the headers stall: RequestAbortedError, never retried", async () => {
    proxy.inject({ match: { method: "GET", path: imagePath() }, times: Infinity, fault: { kind: "stall-headers" } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user gave up")), 200);
    const error = await thrown(glance.images.get(image.id, { signal: controller.signal }));
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(sent("GET", imagePath())).toBe(1);
  });

  it("create without an id, reset before the answer (the server made it): ConnectionError, NOT retried — one image, never two", async () => {
    const tag = tagged("create-reset");
    proxy.inject({ match: { method: "POST", path: "/v2/images" }, fault: { kind: "reset", forward: true } });
    expect(await thrown(glance.images.create({ name: tag, disk_format: "raw", container_format: "bare", tags: [tag] }))).toBeInstanceOf(ConnectionError);
    expect(sent("POST", "/v2/images")).toBe(1);
    expect(await imagesTagged(tag)).toHaveLength(1);
  });

  it("create with its own id, 502 after the server made it: retried, the retry's 409 is a ConflictError — one image, never two", async () => {
    const tag = tagged("create-502");
    const id = randomUUID();
    proxy.inject({ match: { method: "POST", path: "/v2/images" }, fault: { kind: "status", status: 502, forward: true } });
    const error = await thrown(glance.images.create({ id, name: tag, disk_format: "raw", container_format: "bare", tags: [tag] }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(sent("POST", "/v2/images")).toBe(2);
    const found = await imagesTagged(tag);
    expect(found.map((i) => i.id)).toEqual([id]);
  });

  it("409 on create: ConflictError, not retried, nothing made", async () => {
    const tag = tagged("create-409");
    proxy.inject({ match: { method: "POST", path: "/v2/images" }, fault: { kind: "status", status: 409 } });
    expect(await thrown(glance.images.create({ name: tag, disk_format: "raw", container_format: "bare", tags: [tag] }))).toBeInstanceOf(ConflictError);
    expect(sent("POST", "/v2/images")).toBe(1);
    expect(await imagesTagged(tag)).toHaveLength(0);
  });

  it("PATCH reset before the headers: not retried (JSON patch is not idempotent), ConnectionError", async () => {
    proxy.inject({ match: { method: "PATCH", path: imagePath() }, fault: { kind: "reset" } });
    expect(await thrown(glance.images.updateProperties(image.id, { min_ram: 64 }))).toBeInstanceOf(ConnectionError);
    expect(sent("PATCH", imagePath())).toBe(1);
    expect((await imageById(image.id))?.min_ram).toBe(0);
  });

  it("DELETE reset after the server deleted: retried, the retry's 404 is a NotFoundError — the image is gone once", async () => {
    const tag = tagged("delete-reset");
    const doomed = await glance.images.create({ name: tag, disk_format: "raw", container_format: "bare", tags: [tag] });
    proxy.inject({ match: { method: "DELETE", path: `/v2/images/${doomed.id}` }, fault: { kind: "reset", forward: true } });
    const error = await thrown(glance.images.delete(doomed.id));
    expect(sent("DELETE", `/v2/images/${doomed.id}`)).toBe(2);
    expect(await imageById(doomed.id)).toBeUndefined();
    // The retry cannot tell "deleted by my cut attempt" from "never there": a NotFoundError, the image gone once.
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("listing: the server drops mid-listing (page 2 reset) — the page is retried and every image is listed once", async () => {
    const tag = tagged("listing");
    const made = await Promise.all(Array.from({ length: 5 }, (_, i) => glance.images.create({ name: `${tag}-${i}`, disk_format: "raw", container_format: "bare", tags: [tag] })));
    proxy.inject({ match: { method: "GET", path: "/v2/images", where: (r) => r.url.includes("marker=") }, fault: { kind: "reset" } });
    const listed = await glance.images.listAll({ tag: [tag], limit: 2 }).toArray();
    expect(listed.map((i) => i.id).sort()).toEqual(made.map((i) => i.id).sort());
    expect(retries).toHaveLength(1);
  });

  it("listing: the server stays down after page 1 — ConnectionError from the iterator, never a silently short list", async () => {
    const tag = tagged("listing-down");
    await Promise.all(Array.from({ length: 3 }, (_, i) => glance.images.create({ name: `${tag}-${i}`, disk_format: "raw", container_format: "bare", tags: [tag] })));
    proxy.inject({ match: { method: "GET", path: "/v2/images", where: (r) => r.url.includes("marker=") }, times: Infinity, fault: { kind: "reset" } });
    const seen: string[] = [];
    const error = await thrown(async () => {
      for await (const i of glance.images.listAll({ tag: [tag], limit: 2 })) seen.push(i.id);
    });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(seen).toHaveLength(2);
  });
});

describe("expired token (401) through the proxy", () => {
  /** A token provider like an identity session: one login per invalidate, single flight. */
  function tokenAuth(): AuthProvider & { logins: number; token: string } {
    const state = {
      logins: 1,
      token: "tok-1",
      headers: () => ({ ...trustedAuthHeaders({ project: PROJECT_A }), "x-auth-token": state.token }),
      invalidate: (rejected: Readonly<Record<string, string>>) => {
        if (rejected["x-auth-token"] !== state.token) return; // someone else already renewed it
        state.logins += 1;
        state.token = `tok-${state.logins}`;
      },
    };
    return state;
  }
  const expire = (token: string): void => void proxy.inject({ match: { where: (r) => r.headers["x-auth-token"] === token }, times: Infinity, fault: { kind: "status", status: 401 } });

  it("GET: one re-login, replayed, succeeds; 100 concurrent calls on the expired token: still exactly one login", async () => {
    const auth = tokenAuth();
    const glance = createClient({ endpoint: proxy.url, auth, retry: QUICK_RETRY });
    clients.push(glance);
    const tag = tagged("expiry");
    const image = await glance.images.create({ name: tag, disk_format: "raw", container_format: "bare", tags: [tag] });
    expire("tok-1");
    await Promise.all(Array.from({ length: 100 }, () => glance.images.get(image.id)));
    expect(auth.logins).toBe(2);
  });

  it("PUT of bytes is replayed after the re-login; a streamed PUT is RequestNotReplayableError (an UnauthorizedError), the image left queued", async () => {
    const auth = tokenAuth();
    const glance = createClient({ endpoint: proxy.url, auth, retry: QUICK_RETRY });
    clients.push(glance);
    const tag = tagged("expiry-put");
    const a = await glance.images.create({ name: `${tag}-a`, disk_format: "raw", container_format: "bare", tags: [tag] });
    const b = await glance.images.create({ name: `${tag}-b`, disk_format: "raw", container_format: "bare", tags: [tag] });
    expire("tok-1");
    await glance.data.upload(a.id, new Uint8Array(1024).fill(1));
    expect((await imageById(a.id))?.status).toBe("active");
    expire("tok-2");
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(1024).fill(2));
        c.close();
      },
    });
    const error = await thrown(glance.data.upload(b.id, stream, { size: 1024 }));
    expect(error).toBeInstanceOf(RequestNotReplayableError);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((await imageById(b.id))?.status).toBe("queued");
  });
});

describe("unresolvable host", () => {
  it("a name under .invalid: ConnectionError (retried as a connection failure, within the deadline)", async () => {
    let attempts = 0;
    const glance = createClient({ endpoint: "http://glance.cloud-images.invalid:9292", headers: trustedAuthHeaders({ project: PROJECT_A }), retry: QUICK_RETRY, onRequest: () => void (attempts += 1) });
    clients.push(glance);
    const error = await thrown(glance.images.get(randomUUID()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(String((error as Error).message)).toContain("glance.cloud-images.invalid");
    expect(attempts).toBe(3);
  });
});
