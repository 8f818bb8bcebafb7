import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ImageWaitFailedError,
  WaiterAbortedError,
  WaiterTimeoutError,
  waitForImage,
  type Image,
  type NodeImageClient,
} from "../src/index.js";
import { TRANSPORTS, glanceClient, putData, runTag } from "./glance-fixtures.js";

describe.each(TRANSPORTS)("waiters against real Glance (%s transport)", (transportName) => {
  let glance: NodeImageClient;
  let admin: NodeImageClient;
  const created: string[] = [];

  beforeAll(() => {
    glance = glanceClient(transportName, "a");
    admin = glanceClient(transportName, "admin");
  });

  afterAll(async () => {
    for (const id of created) await admin.images.delete(id).catch(() => undefined);
    await Promise.all([glance.close(), admin.close()]);
  });

  async function make(): Promise<Image> {
    const { image } = await glance.images.create({ name: runTag("wait"), disk_format: "raw", container_format: "bare" });
    created.push(image.id);
    return image;
  }

  it("times out with the last image when the status never comes", async () => {
    const image = await make();
    const polls: string[] = [];
    const error = await waitForImage(glance, image.id, { timeoutMs: 800, minDelayMs: 50, maxDelayMs: 200, onProgress: (p) => polls.push(p.status ?? "") }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    const timeout = error as WaiterTimeoutError<Image>;
    expect(timeout.last).toMatchObject({ id: image.id, status: "queued" });
    expect(timeout.polls).toBe(polls.length);
    expect(polls.length).toBeGreaterThan(1);
    expect(new Set(polls)).toEqual(new Set(["queued"]));
  });

  it("stops on abort with the last image", async () => {
    const image = await make();
    const controller = new AbortController();
    const waiting = waitForImage(glance, image.id, {
      signal: controller.signal,
      timeoutMs: 20_000,
      minDelayMs: 50,
      onProgress: (p) => {
        if (p.polls === 2) controller.abort();
      },
    });
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterAbortedError);
    expect((error as WaiterAbortedError<Image>).polls).toBe(2);
    expect((error as WaiterAbortedError<Image>).last?.status).toBe("queued");
  });

  it("returns the final active image, and fails fast on deactivated", async () => {
    const image = await make();
    await putData(image.id, new TextEncoder().encode("bytes"));
    const active = await waitForImage(glance, image.id, { minDelayMs: 50 });
    expect(active).toMatchObject({ id: image.id, status: "active", size: 5 });

    await admin.images.deactivate(image.id);
    const error = await waitForImage(glance, image.id, { minDelayMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageWaitFailedError);
    expect((error as ImageWaitFailedError).image.status).toBe("deactivated");
    expect(await waitForImage(glance, image.id, { status: "deactivated" })).toMatchObject({ status: "deactivated" });
  });

  it("a deleted wait ends when the image is gone (404 → null)", async () => {
    const image = await make();
    const seen: (string | undefined)[] = [];
    const waiting = waitForImage(glance, image.id, { status: "deleted", minDelayMs: 50, maxDelayMs: 100, onProgress: (p) => seen.push(p.status) });
    await glance.images.delete(image.id);
    expect(await waiting).toBeNull();
    expect(seen.at(-1)).toBe("gone (404)");
  });
});
