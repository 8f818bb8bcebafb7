import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ImageClient, ImageWaitFailedError, ImageWaiters, ImportFailedError, WaitFailedError, WaiterTimeoutError, type Image } from "../src/index.js";
import { fakeTransport, imageBody, type FakeAnswer } from "./fake-transport.js";

// waitFor.image(id, { status: "active" }) after an import: a failed import is recognised from what
// Glance 25.1 records on the image (the `os_glance_import_task` lock, `os_glance_importing_to_stores`,
// `os_glance_failed_import`, the revert to `queued`) and thrown as ImportFailedError at once,
// instead of being waited out until the timeout.

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const TASK_ID = "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const LOCK = { os_glance_import_task: TASK_ID };

function importTask(status: string, message = ""): Record<string, unknown> {
  return {
    id: TASK_ID,
    type: "api_image_import",
    status,
    message,
    owner: "o",
    created_at: "2026-11-22T18:00:00Z",
    updated_at: "2026-11-22T18:00:00Z",
    image_id: ID,
    request_id: "req-1",
    user_id: "u",
    input: {},
    result: null,
    expires_at: null,
  };
}

/** A fake Glance: image reads walk through `states` (the last one repeats); `/tasks` answers `tasks`. */
function glance(states: Record<string, unknown>[], tasks: FakeAnswer = { status: 404, body: { message: "no" } }) {
  let reads = 0;
  const transport = fakeTransport((req) => {
    if (req.url.endsWith("/tasks")) return tasks;
    return { status: 200, body: imageBody(states[Math.min(reads++, states.length - 1)]) };
  });
  const client = new ImageClient({ endpoint: "http://glance.test:9292", transport, token: "t" });
  return { transport, imageReads: () => reads, waitFor: new ImageWaiters(client.images, client.tasks, client.http, { random: () => 0 }) };
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

const FAST = { minDelayMs: 100, maxDelayMs: 100 } as const;

describe("waitFor.image after an import", () => {
  it("waits through importing and returns the active image once the lock and pending stores are gone", async () => {
    const { waitFor, imageReads } = glance([
      { status: "queued", ...LOCK },
      { status: "importing", ...LOCK, os_glance_importing_to_stores: "fs" },
      { status: "active", ...LOCK, os_glance_importing_to_stores: "" },
      { status: "active", os_glance_importing_to_stores: "", os_glance_failed_import: "" },
    ]);
    const states: (string | undefined)[] = [];
    const { value, error } = await settle(waitFor.image(ID, { ...FAST, afterImport: true, onProgress: (p) => states.push(p.state) }));
    expect(error).toBeUndefined();
    expect(value?.status).toBe("active");
    expect(states).toEqual(["queued", "importing", "active", "active"]);
    expect(imageReads()).toBe(4);
  });

  it("a failed web-download (multi-store: back to queued, the store in os_glance_failed_import) fails at once with the task's message", async () => {
    const { waitFor, imageReads } = glance(
      [
        { status: "queued", ...LOCK },
        { status: "importing", ...LOCK, os_glance_importing_to_stores: "fs" },
        { status: "queued", os_glance_importing_to_stores: "", os_glance_failed_import: "fs" },
      ],
      { status: 200, body: { tasks: [importTask("failure", "HTTP Error 404: Not Found")] } },
    );
    const { error } = await settle(waitFor.image(ID, { ...FAST, timeoutMs: 600_000 }));
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(error).toBeInstanceOf(ImageWaitFailedError);
    expect(error).toBeInstanceOf(WaitFailedError);
    const e = error as ImportFailedError;
    expect(e.code).toBe("IMPORT_FAILED");
    expect(e.imageId).toBe(ID);
    expect(e.image.status).toBe("queued");
    expect(e.state).toBe("queued");
    expect(e.failedStores).toEqual(["fs"]);
    expect(e.taskMessage).toBe("HTTP Error 404: Not Found");
    expect(e.message).toMatch(/back to queued; stores failed: fs \(task: HTTP Error 404: Not Found\)/);
    expect(imageReads()).toBe(3);
  });

  it("a failed import on a single-store Glance (importing → queued, nothing else recorded) fails at once — it used to be waited out", async () => {
    const { waitFor, imageReads } = glance([{ status: "importing", ...LOCK }, { status: "queued" }]);
    const { error } = await settle(waitFor.image(ID, { ...FAST, timeoutMs: 600_000 }));
    expect(error).toBeInstanceOf(ImportFailedError);
    expect((error as ImportFailedError).message).toMatch(/Glance put the image back to queued/);
    expect((error as ImportFailedError).taskMessage).toBeUndefined();
    // At the poll that saw it back in queued, not at the 10-minute timeout.
    expect(imageReads()).toBe(2);
  });

  it("afterImport: an import that failed before the first poll fails on that poll when the task says so", async () => {
    const { waitFor, imageReads } = glance([{ status: "queued" }], { status: 200, body: { tasks: [importTask("failure", "Connection refused")] } });
    const { error } = await settle(waitFor.image(ID, { ...FAST, afterImport: true }));
    expect(error).toBeInstanceOf(ImportFailedError);
    expect((error as ImportFailedError).taskMessage).toBe("Connection refused");
    expect(imageReads()).toBe(1);
  });

  it("afterImport: without readable tasks, a second queued poll without the lock decides", async () => {
    const { waitFor, imageReads } = glance([{ status: "queued" }]);
    const { error } = await settle(waitFor.image(ID, { ...FAST, afterImport: true }));
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(imageReads()).toBe(2);
  });

  it("afterImport: a task still pending keeps the wait going", async () => {
    for (const status of ["pending", "processing"]) {
      const { waitFor, imageReads } = glance([{ status: "queued" }], { status: 200, body: { tasks: [importTask(status)] } });
      const { error } = await settle(waitFor.image(ID, { ...FAST, timeoutMs: 2_000, afterImport: true }));
      expect(error).toBeInstanceOf(WaiterTimeoutError);
      expect(imageReads()).toBeGreaterThan(10);
    }
  });

  it("a queued image nobody imports is not mistaken for a failed import (it times out)", async () => {
    const { waitFor } = glance([{ status: "queued" }]);
    const { error } = await settle(waitFor.image(ID, { ...FAST, timeoutMs: 2_000 }));
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    expect((error as WaiterTimeoutError<Image>).last?.status).toBe("queued");
  });

  it("an active image with stale failed stores from an old copy-image is still active", async () => {
    const { waitFor } = glance([{ status: "active", os_glance_failed_import: "fs2", os_glance_importing_to_stores: "" }]);
    expect((await settle(waitFor.image(ID, FAST))).value?.status).toBe("active");
  });

  it("copy-image: waits for the lock and the stores, and fails when a wanted store failed", async () => {
    const ok = glance([
      { status: "active", stores: "fs2", ...LOCK },
      { status: "active", stores: "fs2", ...LOCK, os_glance_importing_to_stores: "fs" },
      { status: "active", stores: "fs,fs2" },
    ]);
    const { value } = await settle(ok.waitFor.image(ID, { ...FAST, stores: ["fs", "fs2"] }));
    expect(value?.stores).toBe("fs,fs2");
    expect(ok.imageReads()).toBe(3);

    const failed = glance([{ status: "active", stores: "fs2", ...LOCK, os_glance_importing_to_stores: "fs" }, { status: "active", stores: "fs2", os_glance_failed_import: "fs" }]);
    const { error } = await settle(failed.waitFor.image(ID, { ...FAST, stores: ["fs"] }));
    expect(error).toBeInstanceOf(ImportFailedError);
    expect((error as ImportFailedError).failedStores).toEqual(["fs"]);
  });

  it("killed during an import is an ImportFailedError; killed otherwise an ImageWaitFailedError", async () => {
    const during = glance([{ status: "importing", ...LOCK }, { status: "killed" }]);
    const e1 = (await settle(during.waitFor.image(ID, FAST))).error;
    expect(e1).toBeInstanceOf(ImportFailedError);
    expect((e1 as Error).message).toMatch(/image is killed/);
    const plain = glance([{ status: "saving" }, { status: "killed" }]);
    const e2 = (await settle(plain.waitFor.image(ID, FAST))).error;
    expect(e2).toBeInstanceOf(ImageWaitFailedError);
    expect(e2).not.toBeInstanceOf(ImportFailedError);
  });
});
