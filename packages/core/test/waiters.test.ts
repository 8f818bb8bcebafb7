import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ImageClient, ImageWaitFailedError, PayloadTooLargeError, TaskFailedError, ValidationError, WaiterAbortedError, WaiterTimeoutError, ImageWaiters, ServiceUnavailableError, waitFor as waitFor_, type Image, type WaitProgress } from "../src/index.js";
import { backoffDelay } from "../src/internal.js";
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
  const glance = new ImageClient({ endpoint: "http://glance.test:9292", transport, token: "t" });
  return { transport, times, glance, waitFor: waiters(glance), fixed: waiters(glance, () => 0), top: waiters(glance, () => 0.999999) };
}

/** The client's waiters (`client.waitFor`), with a fixed source of randomness when given. */
function waiters(glance: ImageClient, random?: () => number): ImageWaiters {
  return new ImageWaiters(glance.images, glance.tasks, glance.http, { random });
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

describe("waitFor.image", () => {
  it("polls with backoff until active, reports every poll, and returns the final image", async () => {
    const statuses = ["queued", "saving", "saving", "active"];
    const { fixed, times } = client(({ n }) => ({ status: 200, body: imageBody({ status: statuses[Math.min(n, 3)] }) }));
    const progress: WaitProgress<Image>[] = [];
    const start = Date.now();
    const { value, error } = await settle(fixed.image(ID, { minDelayMs: 1_000, maxDelayMs: 3_000, onProgress: (p) => progress.push(p) }));
    expect(error).toBeUndefined();
    expect(value?.status).toBe("active");
    expect(progress.map((p) => p.state)).toEqual(["queued", "saving", "saving", "active"]);
    expect(progress.map((p) => p.attempt)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => p.value.status)).toEqual(statuses);
    expect(progress.map((p) => p.nextDelayMs)).toEqual([1_000, 2_000, 3_000, undefined]);
    expect(progress.map((p) => p.elapsedMs)).toEqual([0, 1_000, 3_000, 6_000]);
    // Fake-clock offsets of the polls: 0, +1 s, +2 s, +3 s (capped).
    expect(times.map((t) => t - start)).toEqual([0, 1_000, 3_000, 6_000]);
  });

  it("jitters the delays between polls (up to half of each)", async () => {
    const { top, times } = client(({ n }) => ({ status: 200, body: imageBody({ status: n < 3 ? "queued" : "active" }) }));
    const start = Date.now();
    await settle(top.image(ID, { minDelayMs: 100, maxDelayMs: 10_000 }), 10);
    // bases 100, 200, 400 → jittered halves 50→100 (minimum), 100, 200
    expect(times.map((t) => t - start)).toEqual([0, 100, 200, 400]);
  });

  it("fails fast on a failure status with the final image", async () => {
    const { waitFor } = client(({ n }) => ({ status: 200, body: imageBody({ status: n === 0 ? "saving" : "killed" }) }));
    const { error } = await settle(waitFor.image(ID));
    expect(error).toBeInstanceOf(ImageWaitFailedError);
    expect((error as ImageWaitFailedError).image.status).toBe("killed");
    expect((error as ImageWaitFailedError).state).toBe("killed");
    expect((error as ImageWaitFailedError).code).toBe("IMAGE_WAIT_FAILED");
  });

  it("treats deactivated as a failure of an active wait, but as the goal of a deactivated wait", async () => {
    const { waitFor } = client(() => ({ status: 200, body: imageBody({ status: "deactivated" }) }));
    expect((await settle(waitFor.image(ID))).error).toBeInstanceOf(ImageWaitFailedError);
    expect((await settle(waitFor.image(ID, { status: "deactivated" }))).value?.status).toBe("deactivated");
  });

  it("does not treat a 404 as success", async () => {
    const { waitFor } = client(() => ({ status: 404, body: { message: "gone" } }));
    const { error } = await settle(waitFor.image(ID));
    expect((error as Error).name).toBe("NotFoundError");
  });

  it("times out with the last image and the number of polls", async () => {
    const { waitFor } = client(() => ({ status: 200, body: imageBody({ status: "queued" }) }));
    const start = Date.now();
    const { error } = await settle(waitFor.image(ID, { timeoutMs: 10_000, minDelayMs: 1_000, maxDelayMs: 1_000 }));
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    const e = error as WaiterTimeoutError<Image>;
    expect(e.last?.status).toBe("queued");
    expect(e.lastState).toBe("queued");
    expect(e.attempts).toBe(10);
    expect(e.timeoutMs).toBe(10_000);
    expect(e.message).toMatch(/last state queued/);
    expect(Date.now() - start).toBeLessThanOrEqual(10_100);
  });

  it("times out during a poll that hangs", async () => {
    const { waitFor } = client(({ n, signal }) => (n === 0 ? { status: 200, body: imageBody({ status: "queued" }) } : hang(signal)));
    // The hanging request must end when the waiter's deadline aborts it.
    const { error } = await settle(waitFor.image(ID, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    expect((error as WaiterTimeoutError<Image>).attempts).toBe(1);
  });

  it("has a finite default timeout (10 min)", async () => {
    const { waitFor } = client(() => ({ status: 200, body: imageBody({ status: "queued" }) }));
    const { error } = await settle(waitFor.image(ID), 10_000);
    expect((error as WaiterTimeoutError).timeoutMs).toBe(600_000);
  });

  it("stops on abort between polls and during a poll", async () => {
    const { fixed } = client(() => ({ status: 200, body: imageBody({ status: "queued" }) }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 2_500);
    const { error } = await settle(fixed.image(ID, { signal: controller.signal }));
    expect(error).toBeInstanceOf(WaiterAbortedError);
    expect((error as WaiterAbortedError<Image>).last?.status).toBe("queued");

    const hanging = client(({ signal }) => hang(signal));
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 300);
    const r2 = await settle(hanging.waitFor.image(ID, { signal: c2.signal }));
    expect(r2.error).toBeInstanceOf(WaiterAbortedError);
    expect((r2.error as WaiterAbortedError).attempts).toBe(0);
    expect(((r2.error as Error).cause as Error).name).toBe("RequestAbortedError");

    const c3 = new AbortController();
    c3.abort();
    await expect(fixed.image(ID, { signal: c3.signal })).rejects.toBeInstanceOf(WaiterAbortedError);
  });

  it("sends the per-poll headers", async () => {
    const { waitFor, transport } = client(() => ({ status: 200, body: imageBody({ status: "active" }) }));
    await settle(waitFor.image(ID, { headers: { "x-trace": "abc" } }));
    expect(transport.requests[0]!.headers["x-trace"]).toBe("abc");
  });
});

describe("waitFor.imageDeleted", () => {
  it("resolves once the image answers 404, reporting gone (404) as the last state", async () => {
    const { waitFor } = client(({ n }) => (n < 2 ? { status: 200, body: imageBody({ status: "active" }) } : { status: 404, body: { message: "gone" } }));
    const states: (string | undefined)[] = [];
    const { value, error } = await settle(waitFor.imageDeleted(ID, { onProgress: (p) => states.push(p.state) }));
    expect(error).toBeUndefined();
    expect(value).toBeUndefined();
    expect(states).toEqual(["active", "active", "gone (404)"]);
  });

  it("counts deleted and pending_delete (delayed delete) as gone", async () => {
    for (const status of ["deleted", "pending_delete"]) {
      const { waitFor, transport } = client(() => ({ status: 200, body: imageBody({ status }) }));
      expect((await settle(waitFor.imageDeleted(ID))).error).toBeUndefined();
      expect(transport.requests).toHaveLength(1);
    }
  });
});

describe("the one options shape, checked before the first poll", () => {
  const BAD: [string, Record<string, unknown>, RegExp][] = [
    ["an infinite timeout", { timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs/],
    ["a zero timeout", { timeoutMs: 0 }, /timeoutMs/],
    ["a negative timeout", { timeoutMs: -1 }, /timeoutMs/],
    ["a NaN timeout", { timeoutMs: Number.NaN }, /timeoutMs/],
    ["a string timeout", { timeoutMs: "10" }, /timeoutMs/],
    ["a null timeout", { timeoutMs: null }, /timeoutMs/],
    ["a timeout a timer cannot hold (> 2^31−1 ms)", { timeoutMs: 2 ** 31 }, /timeoutMs.*2147483647/],
    ["a zero delay", { minDelayMs: 0 }, /minDelayMs/],
    ["a negative delay", { maxDelayMs: -5 }, /maxDelayMs/],
    ["an infinite delay", { maxDelayMs: Number.POSITIVE_INFINITY }, /maxDelayMs/],
    ["min > max", { minDelayMs: 5_000, maxDelayMs: 1_000 }, /maxDelayMs.*minDelayMs/],
    ["a non-function onProgress", { onProgress: "log" }, /onProgress/],
    ["a non-signal signal", { signal: "stop" }, /signal/],
  ];
  it.each(BAD)("refuses %s with a ValidationError and sends nothing", async (_what, options, message) => {
    const { waitFor, transport } = client(() => ({ status: 200, body: imageBody({ status: "active" }) }));
    for (const wait of [
      () => waitFor.image(ID, options as never),
      () => waitFor.imageDeleted(ID, options as never),
      () => waitFor.task(TASK_ID, options as never),
      () => waitFor_({ poll: async () => 1, isSuccess: () => true, ...options } as never),
    ]) {
      const error = await wait().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(message);
    }
    expect(transport.requests).toHaveLength(0);
  });

  it("lets one delay set the other's default (min 30 s alone → max 30 s; max 200 ms alone → min 200 ms)", async () => {
    const slow = client(({ n }) => ({ status: 200, body: imageBody({ status: n < 2 ? "queued" : "active" }) }));
    const start = Date.now();
    await settle(slow.fixed.image(ID, { minDelayMs: 30_000 }), 1_000);
    expect(slow.times.map((t) => t - start)).toEqual([0, 30_000, 60_000]);
    const fast = client(({ n }) => ({ status: 200, body: imageBody({ status: n < 2 ? "queued" : "active" }) }));
    const start2 = Date.now();
    await settle(fast.fixed.image(ID, { maxDelayMs: 200 }), 10);
    expect(fast.times.map((t) => t - start2)).toEqual([0, 200, 400]);
  });

  it("refuses a bad id, status or store list with the option problems, before sending", async () => {
    const { waitFor, transport } = client(() => ({ status: 200, body: imageBody({ status: "active" }) }));
    const error = await waitFor.image("..", { status: "deleted" as never, stores: "fs" as never, timeoutMs: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join("."))).toEqual(["imageId", "options.timeoutMs", "options.status", "options.stores", "options.status"]);
    await expect(waitFor.image(ID, { status: "queued", afterImport: true })).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});

describe("retries during polling", () => {
  it("retries a 503 and honours its Retry-After", async () => {
    const { waitFor, times } = client(({ n }) =>
      n === 0 ? { status: 503, headers: { "retry-after": "7" }, body: { message: "busy" } } : { status: 200, body: imageBody({ status: "active" }) },
    );
    const start = Date.now();
    const { value } = await settle(waitFor.image(ID));
    expect(value?.status).toBe("active");
    expect(times.map((t) => t - start)).toEqual([0, 7_000]);
  });

  it("retries a 503 without Retry-After with backoff", async () => {
    const { fixed, times } = client(({ n }) => (n < 2 ? { status: 503, body: "down" } : { status: 200, body: imageBody({ status: "active" }) }));
    const start = Date.now();
    const { value } = await settle(fixed.image(ID));
    expect(value?.status).toBe("active");
    expect(times.map((t) => t - start)).toEqual([0, 500, 1_500]);
  });

  it("caps a long 429 Retry-After (HTTP date too)", async () => {
    const later = new Date(Date.now() + 3_600_000).toUTCString();
    const { waitFor, times } = client(({ n }) =>
      n === 0
        ? { status: 429, headers: { "retry-after": "3600" } }
        : n === 1
          ? { status: 429, headers: { "retry-after": later } }
          : { status: 200, body: imageBody({ status: "active" }) },
    );
    const start = Date.now();
    const { value } = await settle(waitFor.image(ID, { timeoutMs: 3_600_000 }), 1_000);
    expect(value?.status).toBe("active");
    expect(times.map((t) => t - start)).toEqual([0, 60_000, 120_000]);
  });

  it("retries a 413 only when it carries Retry-After", async () => {
    const withAfter = client(({ n }) => (n === 0 ? { status: 413, headers: { "retry-after": "2" } } : { status: 200, body: imageBody({ status: "active" }) }));
    expect((await settle(withAfter.waitFor.image(ID))).value?.status).toBe("active");
    const without = client(() => ({ status: 413, body: { message: "quota" } }));
    const { error } = await settle(without.waitFor.image(ID));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(without.transport.requests).toHaveLength(1);
  });

  it("does not retry other errors (403)", async () => {
    const { waitFor, transport } = client(() => ({ status: 403, body: { message: "no" } }));
    expect((await settle(waitFor.image(ID))).error).toMatchObject({ name: "ForbiddenError" });
    expect(transport.requests).toHaveLength(1);
  });
});

describe("waitFor.task", () => {
  it("returns the successful task after pending → processing → success", async () => {
    const statuses = ["pending", "processing", "success"];
    const { waitFor } = client(({ n }) => ({ status: 200, body: taskBody({ status: statuses[Math.min(n, 2)], result: n >= 2 ? { image_id: ID } : null }) }));
    const seen: (string | undefined)[] = [];
    const { value } = await settle(waitFor.task(TASK_ID, { onProgress: (p) => seen.push(p.state) }));
    expect(seen).toEqual(statuses);
    expect(value?.result).toEqual({ image_id: ID });
  });

  it("throws TaskFailedError with the server's message and a leading numeric code", async () => {
    const { waitFor } = client(() => ({ status: 200, body: taskBody({ status: "failure", message: "396: Image import failed: could not fetch" }) }));
    const { error } = await settle(waitFor.task(TASK_ID));
    expect(error).toBeInstanceOf(TaskFailedError);
    const e = error as TaskFailedError;
    expect(e.serverMessage).toBe("396: Image import failed: could not fetch");
    expect(e.errorCode).toBe(396);
    expect(e.message).toContain("396: Image import failed");
    expect(e.task.id).toBe(TASK_ID);
  });

  // Regression: tasks.wait(null) read `null.id` and threw a TypeError.
  it.each([null, undefined, 42, "", "..", "%2E%2E", "a/b", { id: TASK_ID }])("refuses the task id %j with a ValidationError before sending", async (bad) => {
    const { waitFor, transport } = client(() => ({ status: 200, body: taskBody() }));
    const error = await waitFor.task(bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});

describe("waitFor (generic)", () => {
  it("works with any poll function and a custom failure error", async () => {
    let n = 0;
    const { value } = await settle(
      waitFor_({ poll: async () => ++n, isSuccess: (v) => v >= 3, minDelayMs: 10, maxDelayMs: 10, description: "three" }),
      10,
    );
    expect(value).toBe(3);
    const { error } = await settle(
      waitFor_({ poll: async () => "bad", isSuccess: () => false, isFailure: (v) => v === "bad", failureError: () => new RangeError("nope") }),
    );
    expect(error).toBeInstanceOf(RangeError);
  });

  it("passes retry settings through (onRetry, retry: false)", async () => {
    const retries: number[] = [];
    let calls = 0;
    const failing = async (): Promise<number> => {
      calls += 1;
      throw new ServiceUnavailableError({ method: "GET", url: "u", status: 503, headers: {}, requestId: undefined, serverMessage: undefined, body: undefined });
    };
    const { error } = await settle(waitFor_({ poll: failing, isSuccess: () => true, random: () => 0, onRetry: (e) => retries.push(e.delayMs) }));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(retries).toEqual([500, 1_000, 2_000]);
    calls = 0;
    await settle(waitFor_({ poll: failing, isSuccess: () => true, retry: false }));
    expect(calls).toBe(1);
  });

  it("refuses a spec without poll or isSuccess", async () => {
    await expect(waitFor_({} as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(waitFor_(null as never)).rejects.toBeInstanceOf(ValidationError);
  });
});
