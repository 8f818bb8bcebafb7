import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestError, SCHEMA_NAMES, ValidationError, type NodeImageClient } from "../../src/index.js";
import { JsonSchemaDocumentSchema } from "@cloud-images/core/schemas";
import { checkJsonSchema, imagePatchProblems } from "@cloud-images/core/internal";
import { TRANSPORTS, runTag } from "../glance-fixtures.js";
import { targetClient, type ContractTarget } from "./target.js";

/**
 * The schemas contract: runs against real Glance (schemas.integ.test.ts) and the emulator in
 * glance mode (schemas.emulator.integ.test.ts).
 */
export function schemasContract(target: ContractTarget): void {
  describe(`schemas against ${target.name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.stop());

    describe.each(TRANSPORTS)("%s transport", (transportName) => {
      let glance: NodeImageClient;
      const created: string[] = [];

      beforeAll(() => {
        glance = targetClient(target, transportName, "a");
      });

      afterAll(async () => {
        for (const id of created)
          await glance.images.delete(id).catch(() => undefined);
        await glance.close();
      });

      it("fetches all six schemas, each valid under the spec's JsonSchemaDocument", async () => {
        for (const name of SCHEMA_NAMES) {
          const doc = await glance.schemas.get(name, { refresh: true });
          expect(JsonSchemaDocumentSchema.safeParse(doc).success).toBe(true);
          expect(doc.name).toBe(name);
          expect(Object.keys(doc.properties).length).toBeGreaterThan(0);
        }
        // Named helpers hit the same endpoints (served from the per-client cache).
        expect((await glance.schemas.images()).properties).toHaveProperty(
          "images",
        );
        expect((await glance.schemas.members()).properties).toHaveProperty(
          "members",
        );
        expect((await glance.schemas.member()).properties).toHaveProperty(
          "status",
        );
        expect((await glance.schemas.tasks()).properties).toHaveProperty(
          "tasks",
        );
        expect((await glance.schemas.task()).properties).toHaveProperty(
          "input",
        );
        expect((await glance.schemas.image()).additionalProperties).toEqual({
          type: "string",
        });
      });

      it("a real image passes the server's own image schema under the SDK's checker", async () => {
        const image = await glance.images.create({
          name: runTag("schema"),
          disk_format: "raw",
          container_format: "bare",
          properties: { os_distro: "cirros" },
        });
        created.push(image.id);
        const schema = await glance.schemas.image();
        expect(checkJsonSchema(schema as never, image)).toEqual([]);
      });

      it("refuses before sending what the server's schema refuses, and agrees with the server", async () => {
        const image = await glance.images.create({
          name: runTag("schema-patch"),
          disk_format: "raw",
          container_format: "bare",
        });
        created.push(image.id);
        const bad = [
          { op: "add", path: "/kernel_id", value: "not-a-uuid" }, // pattern in the server schema only
          { op: "replace", path: "/name", value: "x".repeat(256) }, // maxLength
          { op: "remove", path: "/min_ram" }, // base attribute
        ] as const;

        const error = await glance.schemas
          .updateImage(image.id, bad)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.path[0])).toEqual(
          [0, 1, 2],
        );
        expect((error as ValidationError).message).toMatch(/pattern/);

        // Each one alone is refused by Glance too (400 for schema violations, 403 for base removal).
        const direct = await glance.images
          .update(image.id, [bad[0]])
          .catch((e: unknown) => e);
        expect(direct).toBeInstanceOf(BadRequestError);
        expect((direct as BadRequestError).serverMessage).toMatch(
          /does not match schema/,
        );

        // The SDK's own checks do not know the server's kernel_id pattern; the schema check does.
        expect(
          imagePatchProblems(await glance.schemas.image(), [bad[0]]),
        ).toHaveLength(1);

        // A valid patch goes through, checked and sent.
        const kernel = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
        const updated = await glance.schemas.updateImage(image.id, [
          { op: "add", path: "/kernel_id", value: kernel },
          { op: "add", path: "/sdk_note", value: "checked" },
        ]);
        expect(updated).toMatchObject({
          kernel_id: kernel,
          sdk_note: "checked",
        });
        await expect(
          glance.schemas.validateImageProperties({ os_version: 22 }),
        ).rejects.toBeInstanceOf(ValidationError);
        await expect(
          glance.schemas.validateImageProperties({
            os_version: "22.04",
            visibility: "shared",
          }),
        ).resolves.toBeUndefined();
      });
    });
  });
}
