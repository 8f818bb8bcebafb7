import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { createClient, NotFoundError, UploadImageError, type NodeImageClient } from "../src/index.js";
import { dataContract, pattern } from "./contract/data.contract.js";
import { glanceEmulator, headersFor } from "./contract/target.js";
import { TRANSPORTS, runTag } from "./glance-fixtures.js";

// The image data contract of real Glance (data.integ.test.ts), unchanged, against the emulator in glance mode.
dataContract(glanceEmulator());

// uploadImage under the emulator's fault injection: answers cut after the server acted.
describe.each(TRANSPORTS)("uploadImage never leaves an orphan (emulator faults, %s)", (transport) => {
  const tag = runTag("orphan");
  const CREATE = { method: "POST", pathPrefix: "/images/DFW/v2/images" };
  let emulator: Emulator;
  let client: NodeImageClient;
  const attributes = (name: string) => ({ name: `${tag}-${name}`, disk_format: "raw", container_format: "bare" }) as const;

  beforeAll(async () => {
    emulator = await startEmulator({ mode: "glance", jobDurationMs: 100 });
    client = createClient({ endpoint: `${emulator.url}/images/DFW`, transport, headers: headersFor("a"), validateResponses: true });
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it("a create answer cut after the image was made: the image is deleted (or found by a retried create), never left queued", async () => {
    emulator.faults.inject({ match: CREATE, truncateBodyAt: 0 });
    const outcome = await client.uploadImage({ attributes: attributes("cut"), data: pattern(10_000, 3), wait: { minDelayMs: 50 } }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const listed = (await client.images.list({ name: `${tag}-cut` })).images;
    if ("result" in outcome) {
      expect(outcome.result.created).toBe(false);
      expect(listed.map((i) => i.status)).toEqual(["active"]);
    } else {
      const failed = outcome.error as UploadImageError;
      expect(failed).toBeInstanceOf(UploadImageError);
      expect(failed.cleanup).toBe("deleted");
      expect(listed).toEqual([]);
      await expect(client.images.get(failed.imageId)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("a connection reset before the create was handled: the cleanup DELETE finds nothing and says so", async () => {
    emulator.faults.inject({ match: CREATE, reset: true, times: Number.POSITIVE_INFINITY });
    try {
      const error = await client.uploadImage({ attributes: attributes("reset"), data: pattern(1000, 4) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UploadImageError);
      expect(error).toMatchObject({ cleanup: "not-found" });
      expect((await client.images.list({ name: `${tag}-reset` })).images).toEqual([]);
    } finally {
      emulator.faults.clear();
    }
  });

  it("a cleanup DELETE that fails too: the error says so and carries the id of the image left", async () => {
    emulator.faults.inject({ match: CREATE, truncateBodyAt: 0, times: Number.POSITIVE_INFINITY });
    emulator.faults.inject({ match: { method: "DELETE", pathPrefix: "/images/DFW/v2/images" }, status: 403, times: Number.POSITIVE_INFINITY });
    let error: unknown;
    try {
      error = await client.uploadImage({ attributes: attributes("stuck"), data: pattern(1000, 5) }).catch((e: unknown) => e);
    } finally {
      emulator.faults.clear();
    }
    expect(error).toBeInstanceOf(UploadImageError);
    const failed = error as UploadImageError;
    expect(failed.cleanup).toBe("failed");
    expect(failed.cleanupError).toMatchObject({ status: 403 });
    expect(failed.message).toContain("deleting the image failed too");
    const left = await client.images.get(failed.imageId);
    expect(left.status).toBe("queued");
    await client.images.delete(failed.imageId);
  });
});
