import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ImageClient,
  ImageWaitFailedError,
  PayloadTooLargeError,
  TaskFailedError,
  ValidationError,
  WaiterAbortedError,
  WaiterTimeoutError,
  backoffDelay,
  waitFor,
  waitForImage,
  waitForTask,
  type Image,
  type WaitProgress,
} from "../src/index.js";
import { fakeTransport, imageBody, type FakeAnswer } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const TASK_ID = "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

function client(handler: (req: { url: string; method: string; at: number; n: number; signal: AbortSignal | undefined }) => FakeAnswer | Promise<FakeAnswer>) {
  const times: number[] = [];
  let n = 0;
  const transport = fakeTransport((req) => {
    times.push(Date.now());
    return handler({ url: req.url, method: req.method, at: Date.now(), n: n++, signal: req.signal });
  });
  return { transport, times, glance: new ImageClient({ endpoint: "http://glance.test:9292", transport, token: "t" }) };
}

function taskBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: TASK_ID,
    type: "import",
    status: "pending",
    owner: "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0",
    created_at: "2026-11-22T18:00:00Z",
    updated_at: "2026-11-22T18:00:00Z",
    self: `/v2/tasks/${TASK_ID}`,
    schema: "/v2/schemas/task",
    ...overrides,
  };
}

/** An answer that never comes, until the request is aborted (as a real transport behaves). */
function hang(signal: AbortSignal | undefined): Promise<FakeAnswer> {
  return new Promise<FakeAnswer>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
}

/** Runs a promise under fake timers until it settles, returning its outcome. */
async function settle<T>(promise: Promise<T>, stepMs = 100, maxMs = 3_600_000): Promise<{ value?: T; error?: unknown }> {
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  for (let t = 0; t <= maxMs && outcome === undefined; t += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
  if (!outcome) throw new Error("did not settle");
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-22T18:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("backoffDelay", () => {
  const policy = { minDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0.5 };
  it("grows exponentially up to the cap without jitter", () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it("jitters down by up to `jitter` of the delay, never below the minimum", () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 0.999999))).toEqual([100, 100, 200, 400, 500]);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3, policy);
      expect(d).toBeGreaterThanOrEqual(400);
      expect(d).toBeLessThanOrEqual(800);
    }
  });
});

describe("waitForImage", () => {
  it("polls with backoff until active, reports every poll, and returns the final image", async () => {
    const statuses = ["queued", "saving", "saving", "active"];
    const { glance, times } = client(({ n }) => ({ status: 200, body: imageBody({ status: statuses[Math.min(n, 3)] }) }));
    const progress: WaitProgress<Image>[] = [];
    const start = Date.now();
    const { value, error } = await settle(
      waitForImage(glance, ID, { minDelayMs: 1_000, maxDelayMs: 3_000, random: () => 0, onProgress: (p) => progress.push(p) }),
    );
    expect(error).toBeUndefined();
    expect(value?.status).toBe("active");
    expect(progress.map((p) => p.status)).toEqual(["queued", "saving", "saving", "active"]);
    expect(progress.map((p) => p.polls)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => p.nextDelayMs)).toEqual([1_000, 2_000, 3_000, undefined]);
    // Fake-clock offsets of the polls: 0, +1 s, +2 s, +3 s (capped).
    expect(times.map((t) => t - start)).toEqual([0, 1_000, 3_000, 6_000]);
  });

  it("jitters the delays between polls", async () => {
    const { glance, times } = client(({ n }) => ({ status: 200, body: imageBody({ status: n < 3 ? "queued" : "active" }) }));
    const start = Date.now();
    await settle(waitForImage(glance, ID, { minDelayMs: 100, maxDelayMs: 10_000, factor: 2, jitter: 0.5, random: () => 0.999999 }), 10);
    // bases 100, 200, 400 → jittered halves 50→100 (minimum), 100, 200
    expect(times.map((t) => t - start)).toEqual([0, 100, 200, 400]);
  });

  it("fails fast on a failure status with the final image", async () => {
    const { glance } = client(({ n }) => ({ status: 200, body: imageBody({ status: n === 0 ? "saving" : "killed" }) }));
    const { error } = await settle(waitForImage(glance, ID));
    expect(error).toBeInstanceOf(ImageWaitFailedError);
    expect((error as ImageWaitFailedError).image.status).toBe("killed");
    expect((error as ImageWaitFailedError).status).toBe("killed");
  });

  it("treats deactivated as a failure of an active wait, but as the goal of a deactivated wait", async () => {
    const { glance } = client(() => ({ status: 200, body: imageBody({ status: "deactivated" }) }));
    expect((await settle(waitForImage(glance, ID))).error).toBeInstanceOf(ImageWaitFailedError);
    expect((await settle(waitForImage(glance, ID, { status: "deactivated" }))).value?.status).toBe("deactivated");
  });

  it("counts a 404 as success of a deleted wait (resolves null)", async () => {
    const { glance } = client(({ n }) => (n < 2 ? { status: 200, body: imageBody({ status: "active" }) } : { status: 404, body: { message: "gone" } }));
    const statuses: (string | undefined)[] = [];
    const { value, error } = await settle(waitForImage(glance, ID, { status: "deleted", onProgress: (p) => statuses.push(p.status) }));
    expect(error).toBeUndefined();
    expect(value).toBeNull();
    expect(statuses).toEqual(["active", "active", "gone (404)"]);
  });

  it("does not treat a 404 as success for other waits", async () => {
    const { glance } = client(() => ({ status: 404, body: { message: "gone" } }));
    const { error } = await settle(waitForImage(glance, ID));
    expect((error as Error).name).toBe("NotFoundError");
  });

  it("times out with the last image and the number of polls", async () => {
    const { glance } = client(() => ({ status: 200, body: imageBody({ status: "queued" }) }));
    const start = Date.now();
    const { error } = await settle(waitForImage(glance, ID, { timeoutMs: 10_000, minDelayMs: 1_000, maxDelayMs: 1_000 }));
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    const e = error as WaiterTimeoutError<Image>;
    expect(e.last?.status).toBe("queued");
    expect(e.polls).toBe(10);
    expect(e.timeoutMs).toBe(10_000);
    expect(e.message).toMatch(/last status queued/);
    expect(Date.now() - start).toBeLessThanOrEqual(10_100);
  });

  it("times out during a poll that hangs", async () => {
    const { glance } = client(({ n, signal }) => (n === 0 ? { status: 200, body: imageBody({ status: "queued" }) } : hang(signal)));
    // The hanging request must end when the waiter's deadline aborts it.
    const { error } = await settle(waitForImage(glance, ID, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    expect((error as WaiterTimeoutError<Image>).polls).toBe(1);
  });

  it("has a finite default timeout (10 min) and refuses an infinite one", async () => {
    const { glance } = client(() => ({ status: 200, body: imageBody({ status: "queued" }) }));
    const { error } = await settle(waitForImage(glance, ID), 10_000);
    expect((error as WaiterTimeoutError).timeoutMs).toBe(600_000);
    await expect(waitForImage(glance, ID, { timeoutMs: Number.POSITIVE_INFINITY })).rejects.toBeInstanceOf(ValidationError);
    await expect(waitForImage(glance, ID, { timeoutMs: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("stops on abort between polls and during a poll", async () => {
    const { glance } = client(() => ({ status: 200, body: imageBody({ status: "queued" }) }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 2_500);
    const { error } = await settle(waitForImage(glance, ID, { signal: controller.signal, random: () => 0 }));
    expect(error).toBeInstanceOf(WaiterAbortedError);
    expect((error as WaiterAbortedError<Image>).last?.status).toBe("queued");

    const hanging = client(({ signal }) => hang(signal));
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 300);
    const r2 = await settle(waitForImage(hanging.glance, ID, { signal: c2.signal }));
    expect(r2.error).toBeInstanceOf(WaiterAbortedError);
    expect((r2.error as WaiterAbortedError).polls).toBe(0);
    expect(((r2.error as Error).cause as Error).name).toBe("RequestAbortedError");

    const c3 = new AbortController();
    c3.abort();
    await expect(waitForImage(glance, ID, { signal: c3.signal })).rejects.toBeInstanceOf(WaiterAbortedError);
  });
});

describe("retries during polling", () => {
  it("retries a 503 and honours its Retry-After", async () => {
    const { glance, times } = client(({ n }) =>
      n === 0 ? { status: 503, headers: { "retry-after": "7" }, body: { message: "busy" } } : { status: 200, body: imageBody({ status: "active" }) },
    );
    const retries: number[] = [];
    const start = Date.now();
    const { value } = await settle(waitForImage(glance, ID, { onRetry: (e) => retries.push(e.delayMs) }));
    expect(value?.status).toBe("active");
    expect(retries).toEqual([7_000]);
    expect(times.map((t) => t - start)).toEqual([0, 7_000]);
  });

  it("retries a 503 without Retry-After with backoff", async () => {
    const { glance } = client(({ n }) => (n < 2 ? { status: 503, body: "down" } : { status: 200, body: imageBody({ status: "active" }) }));
    const retries: number[] = [];
    const { value } = await settle(waitForImage(glance, ID, { random: () => 0, onRetry: (e) => retries.push(e.delayMs) }));
    expect(value?.status).toBe("active");
    expect(retries).toEqual([500, 1_000]);
  });

  it("caps a long 429 Retry-After (HTTP date too)", async () => {
    const later = new Date(Date.now() + 3_600_000).toUTCString();
    const { glance, times } = client(({ n }) =>
      n === 0
        ? { status: 429, headers: { "retry-after": "3600" } }
        : n === 1
          ? { status: 429, headers: { "retry-after": later } }
          : { status: 200, body: imageBody({ status: "active" }) },
    );
    const start = Date.now();
    const { value } = await settle(waitForImage(glance, ID, { timeoutMs: 3_600_000 }), 1_000);
    expect(value?.status).toBe("active");
    expect(times.map((t) => t - start)).toEqual([0, 60_000, 120_000]);
  });

  it("retries a 413 only when it carries Retry-After", async () => {
    const withAfter = client(({ n }) => (n === 0 ? { status: 413, headers: { "retry-after": "2" } } : { status: 200, body: imageBody({ status: "active" }) }));
    expect((await settle(waitForImage(withAfter.glance, ID))).value?.status).toBe("active");
    const without = client(() => ({ status: 413, body: { message: "quota" } }));
    const { error } = await settle(waitForImage(without.glance, ID));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(without.transport.requests).toHaveLength(1);
  });

  it("gives up after the policy's attempts, and never retries with retry: false", async () => {
    const { glance, transport } = client(() => ({ status: 503, body: "down" }));
    const { error } = await settle(waitForImage(glance, ID));
    expect((error as Error).name).toBe("ServiceUnavailableError");
    expect(transport.requests).toHaveLength(4);
    const once = client(() => ({ status: 503, body: "down" }));
    await settle(waitForImage(once.glance, ID, { retry: false }));
    expect(once.transport.requests).toHaveLength(1);
  });

  it("does not retry other errors (403)", async () => {
    const { glance, transport } = client(() => ({ status: 403, body: { message: "no" } }));
    expect((await settle(waitForImage(glance, ID))).error).toMatchObject({ name: "ForbiddenError" });
    expect(transport.requests).toHaveLength(1);
  });
});

describe("waitForTask", () => {
  it("returns the successful task after pending → processing → success", async () => {
    const statuses = ["pending", "processing", "success"];
    const { glance } = client(({ n }) => ({ status: 200, body: taskBody({ status: statuses[Math.min(n, 2)], result: n >= 2 ? { image_id: ID } : null }) }));
    const seen: (string | undefined)[] = [];
    const { value } = await settle(glance.tasks.wait(TASK_ID, { onProgress: (p) => seen.push(p.status) }));
    expect(seen).toEqual(statuses);
    expect(value?.result).toEqual({ image_id: ID });
  });

  it("throws TaskFailedError with the server's message and a leading numeric code", async () => {
    const { glance } = client(() => ({ status: 200, body: taskBody({ status: "failure", message: "396: Image import failed: could not fetch" }) }));
    const { error } = await settle(waitForTask(glance, TASK_ID));
    expect(error).toBeInstanceOf(TaskFailedError);
    const e = error as TaskFailedError;
    expect(e.serverMessage).toBe("396: Image import failed: could not fetch");
    expect(e.errorCode).toBe(396);
    expect(e.message).toContain("396: Image import failed");
    expect(e.task.id).toBe(TASK_ID);
  });
});

describe("waitFor (generic)", () => {
  it("works with any poll function and a custom failure error", async () => {
    let n = 0;
    const { value } = await settle(
      waitFor({ poll: async () => ++n, isSuccess: (v) => v >= 3, minDelayMs: 10, maxDelayMs: 10, description: "three" }),
      10,
    );
    expect(value).toBe(3);
    const { error } = await settle(
      waitFor({ poll: async () => "bad", isSuccess: () => false, isFailure: (v) => v === "bad", failureError: () => new RangeError("nope") }),
    );
    expect(error).toBeInstanceOf(RangeError);
  });
});
