import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestAbortedError, RequestTimeoutError, ValidationError, createClient, type NodeImageClient } from "../../src/index.js";
import { runTag } from "../glance-fixtures.js";
import { headersFor, targetClient, targetPutData, type ContractTarget } from "./target.js";

/**
 * The request pipeline's promises against a real server: no path segment reaches another
 * resource, and a deadline holds while the call waits for a pooled connection. Runs against real
 * Glance (pipeline.integ.test.ts) and the emulator in glance mode (pipeline.emulator.integ.test.ts).
 */
export function pipelineContract(target: ContractTarget): void {
  describe(`request pipeline against ${target.name}`, () => {
    let glance: NodeImageClient;
    const created: string[] = [];
    const make = async (label: string): Promise<string> => {
      const image = await glance.images.create({ name: runTag(label), disk_format: "raw", container_format: "bare", tags: ["keep"] });
      created.push(image.id);
      return image.id;
    };

    beforeAll(async () => {
      await target.start();
      glance = targetClient(target, "undici");
    });
    afterAll(async () => {
      for (const id of created) await glance.images.delete(id).catch(() => undefined);
      await glance.close();
      await target.stop();
    });

    it("a `..` tag would address the image itself; the SDK refuses it and the image stays", async () => {
      // What the SDK used to send for removeTag(id, ".."): the URL parser turns it into DELETE /v2/images/{id}/.
      const id = await make("dot-sdk");
      expect(new URL(`${target.endpoint()}/v2/images/${id}/tags/..`).pathname).toBe(`${new URL(target.endpoint()).pathname.replace(/\/$/, "")}/v2/images/${id}/`);
      for (const call of [
        () => glance.images.removeTag(id, ".."),
        () => glance.images.removeTag(id, "%2E%2E"),
        () => glance.images.addTag(id, "."),
        () => glance.members.remove(id, ".."),
        () => glance.members.get(id, "."),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(ValidationError);
      }
      const still = await glance.images.get(id);
      expect(still.tags).toEqual(["keep"]);
    });

    it("timeoutMs holds while the call waits for the pool's only connection", async () => {
      const id = await make("pool");
      await targetPutData(target, id, new Uint8Array(8 * 1024 * 1024).fill(7));
      const one = createClient({ endpoint: target.endpoint(), headers: headersFor("a"), undici: { connections: 1 } });
      try {
        // The download holds the only connection: its body is not read.
        const held = await one.data.download(id, { verify: false });
        // The download is held until after this: waiting for the pool would never end.
        const error = await one.images.get(id, { timeoutMs: 1_500 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RequestTimeoutError);
        expect((error as RequestTimeoutError).timeoutMs).toBe(1_500);
        // Cancelling a download never read frees its connection: the pool serves the next call.
        await held.cancel();
        await expect(held.result).rejects.toBeInstanceOf(RequestAbortedError);
        expect((await one.images.get(id, { timeoutMs: 5_000 })).id).toBe(id);
        const again = await one.data.download(id, { verify: false });
        await again.stream.cancel();
        expect((await one.images.get(id, { timeoutMs: 5_000 })).id).toBe(id);
      } finally {
        await one.close();
      }
    });
  });
}
