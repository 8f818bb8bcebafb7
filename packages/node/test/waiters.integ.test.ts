import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type {
  ImageWaiters} from "../src/index.js";
import {
  ImageWaitFailedError,
  WaiterAbortedError,
  ImportFailedError,
  WaiterTimeoutError,
  type Image,
  type NodeImageClient,
} from "../src/index.js";
import { TRANSPORTS, glanceClient, putData, runTag } from "./glance-fixtures.js";

describe.each(TRANSPORTS)("waiters against real Glance (%s transport)", (transportName) => {
  let glance: NodeImageClient;
  let admin: NodeImageClient;
  const created: string[] = [];

  /** The client's waiters (what `client.waitFor` gives). */
  let waitFor: ImageWaiters;

  beforeAll(() => {
    glance = glanceClient(transportName, "a");
    admin = glanceClient(transportName, "admin");
    waitFor = glance.waitFor;
  });

  afterAll(async () => {
    for (const id of created) await admin.images.delete(id).catch(() => undefined);
    await Promise.all([glance.close(), admin.close()]);
  });

  async function make(): Promise<Image> {
    const image = await glance.images.create({ name: runTag("wait"), disk_format: "raw", container_format: "bare" });
    created.push(image.id);
    return image;
  }

  it("times out with the last image when the status never comes", async () => {
    const image = await make();
    const polls: string[] = [];
    const error = await waitFor.image(image.id, { timeoutMs: 800, minDelayMs: 50, maxDelayMs: 200, onProgress: (p) => polls.push(p.state ?? "") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    const timeout = error as WaiterTimeoutError<Image>;
    expect(timeout.last).toMatchObject({ id: image.id, status: "queued" });
    expect(timeout.attempts).toBe(polls.length);
    expect(polls.length).toBeGreaterThan(1);
    expect(new Set(polls)).toEqual(new Set(["queued"]));
  });

  it("stops on abort with the last image", async () => {
    const image = await make();
    const controller = new AbortController();
    const waiting = waitFor.image(image.id, {
      signal: controller.signal,
      timeoutMs: 20_000,
      minDelayMs: 50,
      onProgress: (p) => {
        if (p.attempt === 2) controller.abort();
      },
    });
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterAbortedError);
    expect((error as WaiterAbortedError<Image>).attempts).toBe(2);
    expect((error as WaiterAbortedError<Image>).last?.status).toBe("queued");
  });

  it("returns the final active image, and fails fast on deactivated", async () => {
    const image = await make();
    await putData(image.id, new TextEncoder().encode("bytes"));
    const active = await waitFor.image(image.id, { minDelayMs: 50 });
    expect(active).toMatchObject({ id: image.id, status: "active", size: 5 });

    await admin.images.deactivate(image.id);
    const error = await waitFor.image(image.id, { minDelayMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageWaitFailedError);
    expect((error as ImageWaitFailedError).image.status).toBe("deactivated");
    expect(await waitFor.image(image.id, { status: "deactivated" })).toMatchObject({ status: "deactivated" });
  });

  it("imageDeleted ends when the image is gone (404)", async () => {
    const image = await make();
    const seen: (string | undefined)[] = [];
    const waiting = waitFor.imageDeleted(image.id, { minDelayMs: 50, maxDelayMs: 100, onProgress: (p) => seen.push(p.state) });
    await glance.images.delete(image.id);
    expect(await waiting).toBeUndefined();
    // Glance shows the row as `deleted` for a moment before it answers 404: either ends the wait.
    expect(["gone (404)", "deleted"]).toContain(seen.at(-1));
  });

  it("refuses bad options before polling (ValidationError)", async () => {
    const image = await make();
    for (const options of [{ timeoutMs: 2 ** 31 }, { timeoutMs: Number.NaN }, { minDelayMs: 500, maxDelayMs: 100 }]) {
      await expect(waitFor.image(image.id, options)).rejects.toMatchObject({ name: "ValidationError" });
    }
  });

  // Glance 25.1 puts a failed web-download back to `queued`, drops its import lock and lists the
  // store in `os_glance_failed_import`: the waiter must say so at once, not wait out its timeout.
  it("a failed web-download is an ImportFailedError well before the timeout", async () => {
    const image = await make();
    await glance.imports.webDownload(image.id, { uri: `${inject("sourceServerUrl")}/${runTag("missing")}.img` });
    const started = Date.now();
    const error = await waitFor.image(image.id, { minDelayMs: 100, maxDelayMs: 500, timeoutMs: 120_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFailedError);
    const failed = error as ImportFailedError;
    expect(failed.image.status).toBe("queued");
    expect(failed.failedStores).toEqual(["fs"]);
    expect(failed.image.os_glance_import_task ?? "").toBe("");
    expect(Date.now() - started).toBeLessThan(30_000);
    // With afterImport the same holds from the first poll on.
    const again = await make();
    await glance.imports.webDownload(again.id, { uri: `${inject("sourceServerUrl")}/${runTag("missing")}.img` });
    await expect(waitFor.image(again.id, { minDelayMs: 100, maxDelayMs: 500, timeoutMs: 120_000, afterImport: true })).rejects.toBeInstanceOf(ImportFailedError);
  });
});
