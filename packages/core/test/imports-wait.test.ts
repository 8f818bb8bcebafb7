import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ImageClient,
  ImportFailedError,
  WaitFailedError,
  WaitTimeoutError,
  WaiterAbortedError,
  WaiterTimeoutError,
  type Image,
  type WaitProgress,
} from "../src/index.js";
import { fakeTransport, imageBody, type FakeAnswer } from "./fake-transport.js";

// imports.waitForActive runs on the shared waiter (issue 4): the same timeout, backoff with
// jitter, abort, progress and final-object semantics as waitForImage, with its own error types
// as subclasses of the waiter's.

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";

function client(handler: (req: { url: string; n: number }) => FakeAnswer) {
  const times: number[] = [];
  let n = 0;
  const transport = fakeTransport((req) => {
    times.push(Date.now());
    return handler({ url: req.url, n: n++ });
  });
  return { times, glance: new ImageClient({ endpoint: "http://glance.test:9292", transport, token: "t" }) };
}

async function settle<T>(promise: Promise<T>, stepMs = 50, maxMs = 3_600_000): Promise<{ value?: T; error?: unknown }> {
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

describe("imports.waitForActive on the shared waiter", () => {
  it("backs off ×1.5 from intervalMs (jittered), reports every poll to onStatus and onProgress, returns the final image", async () => {
    const statuses = ["importing", "importing", "importing", "active"];
    const { glance, times } = client(({ n }) => ({ status: 200, body: imageBody({ status: statuses[Math.min(n, 3)] }) }));
    const seen: string[] = [];
    const progress: WaitProgress<Image>[] = [];
    const start = Date.now();
    const { value, error } = await settle(
      glance.imports.waitForActive(ID, { intervalMs: 200, random: () => 0, onStatus: (i) => seen.push(i.status), onProgress: (p) => progress.push(p) }),
      10,
    );
    expect(error).toBeUndefined();
    expect(value?.status).toBe("active");
    expect(seen).toEqual(statuses);
    expect(progress.map((p) => p.polls)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => p.nextDelayMs)).toEqual([200, 300, 450, undefined]);
    expect(times.map((t) => t - start)).toEqual([0, 200, 500, 950]);

    const jittered = client(({ n }) => ({ status: 200, body: imageBody({ status: n < 2 ? "importing" : "active" }) }));
    const start2 = Date.now();
    await settle(jittered.glance.imports.waitForActive(ID, { intervalMs: 200, random: () => 0.999999 }), 10);
    // bases 200, 300 → halved by the jitter (never under the minimum): 200, 200
    expect(jittered.times.map((t) => t - start2)).toEqual([0, 200, 400]);
  });

  it("times out with WaitTimeoutError, a WaiterTimeoutError carrying the last image and the polls", async () => {
    const { glance } = client(() => ({ status: 200, body: imageBody({ status: "importing" }) }));
    const { error } = await settle(glance.imports.waitForActive(ID, { timeoutMs: 3_000, intervalMs: 1_000, maxDelayMs: 1_000, random: () => 0 }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    const e = error as WaitTimeoutError;
    expect(e.code).toBe("WAIT_TIMEOUT");
    expect(e.imageId).toBe(ID);
    expect(e.lastStatus).toBe("importing");
    expect(e.last?.status).toBe("importing");
    expect(e.polls).toBeGreaterThanOrEqual(3);
    expect(e.timeoutMs).toBe(3_000);
    expect(e.message).toMatch(/was not active after 3000 ms \(last status: importing\)/);
  });

  it("ends on abort with the waiter's WaiterAbortedError and the last image", async () => {
    const { glance } = client(() => ({ status: 200, body: imageBody({ status: "importing" }) }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 700);
    const { error } = await settle(glance.imports.waitForActive(ID, { intervalMs: 500, signal: controller.signal }));
    expect(error).toBeInstanceOf(WaiterAbortedError);
    expect((error as WaiterAbortedError<Image>).last?.status).toBe("importing");
  });

  it("fails fast with ImportFailedError (a WaitFailedError) and the failed task's message", async () => {
    const { glance } = client(({ url }) =>
      url.endsWith("/tasks")
        ? { status: 200, body: { tasks: [{ id: "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d", type: "api_image_import", status: "failure", message: "boom", owner: "o", created_at: "2026-11-22T18:00:00Z", updated_at: "2026-11-22T18:00:00Z", image_id: ID, request_id: "req-1", user_id: "u", input: {}, result: null, expires_at: null }] } }
        : { status: 200, body: imageBody({ status: "killed" }) },
    );
    const { error } = await settle(glance.imports.waitForActive(ID, { intervalMs: 100 }));
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(error).toBeInstanceOf(WaitFailedError);
    const e = error as ImportFailedError;
    expect(e.code).toBe("IMPORT_FAILED");
    expect(e.image?.status).toBe("killed");
    expect(e.value?.status).toBe("killed");
    expect(e.status).toBe("killed");
    expect(e.message).toMatch(/image is killed/);
  });

  it("refuses a zero or infinite timeout before polling", async () => {
    const { glance, times } = client(() => ({ status: 200, body: imageBody({ status: "active" }) }));
    await expect(glance.imports.waitForActive(ID, { timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
    await expect(glance.imports.waitForActive(ID, { timeoutMs: Number.POSITIVE_INFINITY })).rejects.toThrow(/timeoutMs/);
    expect(times).toEqual([]);
  });
});
