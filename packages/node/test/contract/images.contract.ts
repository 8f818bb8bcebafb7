import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announcedImportMethods, BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationError, HttpError, createFetchTransport, createUndiciTransport, propertyPointer, type Image, type NodeImageClient } from "../../src/index.js";
import { ErrorResponseSchema } from "@cloud-images/core/schemas";
import { recordingTransport } from "../support/recording-transport.js";
import { TRANSPORTS, runTag } from "../glance-fixtures.js";
import { targetClient, targetPutData, type ContractTarget } from "./target.js";

/**
 * The images contract: what the SDK's images API must do against a Glance v2 endpoint. Runs
 * against real Glance (images.integ.test.ts) and against the emulator in glance mode
 * (images.emulator.integ.test.ts) with the same assertions.
 */
export function imagesContract(target: ContractTarget): void {
  describe(`images against ${target.name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.stop());

    describe.each(TRANSPORTS)("%s transport", (transportName) => {
      let glance: NodeImageClient;
      let other: NodeImageClient;
      let admin: NodeImageClient;
      const created: string[] = [];

      beforeAll(() => {
        glance = targetClient(target, transportName, "a");
        other = targetClient(target, transportName, "b");
        admin = targetClient(target, transportName, "admin");
      });

      afterAll(async () => {
        for (const id of created) {
          await admin.images
            .update(id, [{ op: "replace", path: "/protected", value: false }])
            .catch(() => undefined);
          await admin.images.delete(id).catch(() => undefined);
        }
        await Promise.all([glance.close(), other.close(), admin.close()]);
      });

      /** Glance's JSON error bodies must match the spec's ErrorResponse too. */
      function expectSpecErrorBody(error: unknown): void {
        expect(error).toBeInstanceOf(HttpError);
        const parsed = ErrorResponseSchema.safeParse(
          JSON.parse((error as HttpError).body ?? "null"),
        );
        expect(parsed.success, (error as HttpError).body).toBe(true);
      }

      async function make(
        attrs: Parameters<NodeImageClient["images"]["create"]>[0] = {},
      ): Promise<Image> {
        const image = await glance.images.create({
          disk_format: "raw",
          container_format: "bare",
          ...attrs,
        });
        created.push(image.id);
        return image;
      }

      it("discovers the supported API versions", async () => {
        const versions = await glance.versions.supported();
        expect(versions[0]).toMatchObject({ major: 2 });
        expect(versions.map((v) => v.id)).toContain("v2.0");
        expect(await glance.versions.supports(6)).toBe(true);
        expect(await glance.versions.supports(99)).toBe(false);
      });

      it("creates with a client-chosen id, reads it back, and refuses a second create with that id", async () => {
        const id = randomUUID();
        const { data: image, response } = await glance.images
          .create({
            id,
            name: "sdk-create",
            disk_format: "qcow2",
            container_format: "bare",
            tags: ["t1"],
            properties: { hw_scsi_model: "virtio-scsi" },
          })
          .withResponse();
        const importMethods = announcedImportMethods(response);
        created.push(id);
        expect(image).toMatchObject({
          id,
          name: "sdk-create",
          status: "queued",
          disk_format: "qcow2",
          tags: ["t1"],
          hw_scsi_model: "virtio-scsi",
        });
        expect(importMethods).toEqual(
          expect.arrayContaining(["glance-direct", "web-download"]),
        );
        expect(await glance.images.get(id)).toMatchObject({
          id,
          name: "sdk-create",
        });

        const again = await glance.images
          .create({ id, name: "twin" })
          .catch((e: unknown) => e);
        expect(again).toBeInstanceOf(ConflictError);
        expect((again as ConflictError).status).toBe(409);
        expect((again as ConflictError).requestId).toMatch(/^req-/);
        expect((again as ConflictError).serverMessage).toBeTruthy();
        expectSpecErrorBody(again);
        const [only] = await glance.images
          .listAll({ id: { in: [id] } })
          .toArray();
        expect(only?.name).toBe("sdk-create");
      });

      it("maps 404 with the request id and Glance's message", async () => {
        const error = await glance.images
          .get(randomUUID())
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as NotFoundError).requestId).toMatch(/^req-/);
        expect((error as NotFoundError).serverMessage).toMatch(/image/i);
        expectSpecErrorBody(error);
      });

      it("maps 400 (unknown marker) and 403 (publicizing as a member; another project's image)", async () => {
        const badMarker = await glance.images
          .list({ marker: randomUUID() })
          .catch((e: unknown) => e);
        expect(badMarker).toBeInstanceOf(BadRequestError);
        expect((badMarker as BadRequestError).requestId).toMatch(/^req-/);
        expectSpecErrorBody(badMarker);

        const image = await make({ name: "sdk-403" });
        const publicize = await glance.images
          .update(image.id, [
            { op: "replace", path: "/visibility", value: "public" },
          ])
          .catch((e: unknown) => e);
        expect(publicize).toBeInstanceOf(ForbiddenError);
        expect((publicize as ForbiddenError).requestId).toMatch(/^req-/);
        expectSpecErrorBody(publicize);

        const privateImage = await make({
          name: "sdk-private",
          visibility: "private",
        });
        expect(
          await other.images.get(privateImage.id).catch((e: unknown) => e),
        ).toBeInstanceOf(NotFoundError);
      });

      it("iterates more than two pages, also with two tag filters", async () => {
        const run = runTag("pages");
        for (let i = 0; i < 7; i++)
          await make({
            name: `${run}-${i}`,
            tags: i < 5 ? [run, "both"] : [run],
          });

        const pages = [];
        for await (const page of glance.images
          .listAll({ tag: run, limit: 2 })
          .pages())
          pages.push(page.images.length);
        expect(pages).toEqual([2, 2, 2, 1]);

        const both = await glance.images
          .listAll({
            tag: [run, "both"],
            limit: 2,
            sort_key: "name",
            sort_dir: "asc",
          })
          .toArray();
        expect(both.map((i) => i.name)).toEqual(
          [0, 1, 2, 3, 4].map((i) => `${run}-${i}`),
        );

        const items: string[] = [];
        for await (const image of glance.images.listAll({
          tag: run,
          limit: 3,
          sort: [{ key: "name", dir: "desc" }],
        }))
          items.push(image.name ?? "");
        expect(items).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `${run}-${i}`));
      });

      it("applies every filter kind", async () => {
        const run = runTag("filters");
        const small = await make({
          name: `${run}-small`,
          tags: [run],
          disk_format: "qcow2",
          properties: { os_distro: run },
          protected: true,
        });
        const big = await make({
          name: `${run}-big`,
          tags: [run],
          disk_format: "raw",
          container_format: "ovf",
          os_hidden: true,
        });
        await make({
          name: `${run}:empty`,
          tags: [run],
          disk_format: "iso",
          visibility: "private",
        });
        await targetPutData(target, small.id, new Uint8Array(10));
        await targetPutData(target, big.id, new Uint8Array(1000));
        const names = async (
          query: Parameters<NodeImageClient["images"]["list"]>[0],
        ) =>
          (await glance.images.listAll({ tag: run, ...query }).toArray())
            .map((i) => i.name)
            .sort();

        expect(await names({})).toEqual(
          [`${run}-small`, `${run}:empty`].sort(),
        );
        expect(await names({ os_hidden: true })).toEqual([`${run}-big`]);
        expect(await names({ name: `${run}:empty` })).toEqual([`${run}:empty`]);
        expect(
          await names({ name: { in: [`${run}-small`, `${run}:empty`] } }),
        ).toEqual([`${run}-small`, `${run}:empty`].sort());
        expect(await names({ id: { in: [small.id] } })).toEqual([
          `${run}-small`,
        ]);
        expect(await names({ status: "queued" })).toEqual([`${run}:empty`]);
        expect(await names({ status: { in: ["active", "queued"] } })).toEqual(
          [`${run}-small`, `${run}:empty`].sort(),
        );
        expect(await names({ visibility: "private" })).toEqual([
          `${run}:empty`,
        ]);
        expect(await names({ protected: true })).toEqual([`${run}-small`]);
        expect(await names({ disk_format: { in: ["qcow2", "iso"] } })).toEqual(
          [`${run}-small`, `${run}:empty`].sort(),
        );
        expect(await names({ disk_format: "iso" })).toEqual([`${run}:empty`]);
        expect(
          await names({ container_format: "ovf", os_hidden: true }),
        ).toEqual([`${run}-big`]);
        expect(await names({ size_min: 100, os_hidden: true })).toEqual([
          `${run}-big`,
        ]);
        expect(await names({ size_max: 100 })).toEqual([`${run}-small`]);
        expect(await names({ properties: { os_distro: run } })).toEqual([
          `${run}-small`,
        ]);
        expect(await names({ owner: small.owner ?? "" })).toEqual(
          [`${run}-small`, `${run}:empty`].sort(),
        );
        const activeSmall = await glance.images.get(small.id);
        expect(await names({ checksum: activeSmall.checksum ?? "" })).toEqual([
          `${run}-small`,
        ]);
        expect(
          await names({ os_hash_value: activeSmall.os_hash_value ?? "" }),
        ).toEqual([`${run}-small`]);
        expect(await names({ member_status: "all" })).toEqual(
          [`${run}-small`, `${run}:empty`].sort(),
        );

        const createdAt = new Date(small.created_at);
        expect(
          await names({
            created_at: { gte: new Date(createdAt.getTime() - 60_000) },
          }),
        ).toEqual([`${run}-small`, `${run}:empty`].sort());
        expect(
          await names({
            created_at: { lt: new Date(createdAt.getTime() - 60_000) },
          }),
        ).toEqual([]);
        expect(
          await names({
            created_at: { gt: "2000-01-01T00:00:00Z" },
            updated_at: { lte: new Date(Date.now() + 60_000) },
          }),
        ).toEqual([`${run}-small`, `${run}:empty`].sort());
        // Glance keeps microseconds but shows whole seconds, so eq/neq are checked against a date far away.
        expect(
          await names({ created_at: { neq: "2000-01-01T00:00:00Z" } }),
        ).toEqual([`${run}-small`, `${run}:empty`].sort());
        expect(
          await names({ created_at: { eq: "2000-01-01T00:00:00Z" } }),
        ).toEqual([]);
        expect(await names({ updated_at: "2000-01-01T00:00:00Z" })).toEqual([]);

        const bySize = await glance.images
          .listAll({
            tag: run,
            os_hidden: true,
            sort_key: ["size", "name"],
            sort_dir: ["desc", "asc"],
          })
          .toArray();
        expect(bySize.map((i) => i.name)).toEqual([`${run}-big`]);
        const sorted = await glance.images
          .listAll({
            tag: run,
            sort: [{ key: "disk_format", dir: "asc" }, { key: "name" }],
          })
          .toArray();
        expect(sorted.map((i) => i.name)).toEqual([
          `${run}:empty`,
          `${run}-small`,
        ]);
        const reversed = await glance.images
          .listAll({ tag: run, sort: [{ key: "disk_format", dir: "desc" }] })
          .toArray();
        expect(reversed.map((i) => i.name)).toEqual([
          `${run}-small`,
          `${run}:empty`,
        ]);
      });

      it("patches custom properties whose names hold / and ~ (add, replace, remove)", async () => {
        const image = await make({ name: "sdk-patch" });
        const name = "org.example/owner~team";
        let updated = await glance.images.update(image.id, [
          { op: "add", path: propertyPointer(name), value: "one" },
        ]);
        expect(updated[name]).toBe("one");
        updated = await glance.images.update(image.id, [
          { op: "replace", path: propertyPointer(name), value: "two" },
        ]);
        expect(updated[name]).toBe("two");
        updated = await glance.images.update(image.id, [
          { op: "remove", path: propertyPointer(name) },
        ]);
        expect(updated).not.toHaveProperty(name);

        const missing = await glance.images
          .update(image.id, [
            { op: "replace", path: propertyPointer(name), value: "x" },
          ])
          .catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(ConflictError);
        expect((missing as ConflictError).requestId).toMatch(/^req-/);

        updated = await glance.images.updateProperties(image.id, {
          name: "renamed",
          [name]: "three",
          "a~b": "c",
          min_ram: 512,
        });
        expect(updated).toMatchObject({
          name: "renamed",
          [name]: "three",
          "a~b": "c",
          min_ram: 512,
        });
        updated = await glance.images.updateProperties(image.id, {
          [name]: null,
          "a~b": "c",
        });
        expect(updated).not.toHaveProperty(name);
        expect(updated["a~b"]).toBe("c");
      });

      it("keeps custom properties named like Object.prototype's members (__proto__, constructor, toString): create, read, filter, replace, remove", async () => {
        const own = (o: object, key: string): unknown =>
          Object.getOwnPropertyDescriptor(o, key)?.value;
        const marker = `${Date.now()}-${Math.random()}`;
        const image = await make({
          name: "sdk-proto-keys",
          properties: Object.fromEntries([
            ["__proto__", "p"],
            ["constructor", marker],
            ["toString", "t"],
          ]),
        });
        for (const read of [image, await glance.images.get(image.id)]) {
          expect(own(read, "__proto__")).toBe("p");
          expect(own(read, "constructor")).toBe(marker);
          expect(own(read, "toString")).toBe("t");
          expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
        }
        const found = await glance.images
          .listAll({ properties: { constructor: marker } })
          .toArray();
        expect(found.map((i) => i.id)).toEqual([image.id]);
        const changes: Record<string, string | null> = { constructor: "c2" };
        Object.defineProperty(changes, "__proto__", { value: null, enumerable: true });
        const updated = await glance.images.updateProperties(image.id, changes);
        expect(own(updated, "constructor")).toBe("c2");
        expect(Object.hasOwn(updated, "__proto__")).toBe(false);
        expect(own(updated, "toString")).toBe("t");
        // Removing one the image does not have is the server's 409, as for any other name.
        const missing = await glance.images
          .update(image.id, [{ op: "remove", path: "/valueOf" }])
          .catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(ConflictError);
      });

      it("adds and removes tags, deletes, and protects", async () => {
        const image = await make({ name: "sdk-tags" });
        await glance.images.addTag(image.id, "blue");
        await glance.images.addTag(image.id, "blue");
        expect((await glance.images.get(image.id)).tags).toEqual(["blue"]);
        await glance.images.removeTag(image.id, "blue");
        expect((await glance.images.get(image.id)).tags).toEqual([]);
        expect(
          await glance.images
            .removeTag(image.id, "blue")
            .catch((e: unknown) => e),
        ).toBeInstanceOf(NotFoundError);

        const locked = await make({ name: "sdk-protected", protected: true });
        expect(
          await glance.images.delete(locked.id).catch((e: unknown) => e),
        ).toBeInstanceOf(ForbiddenError);
        await glance.images.delete(image.id);
        expect(
          await glance.images.get(image.id).catch((e: unknown) => e),
        ).toBeInstanceOf(NotFoundError);
      });

      it("deactivates and reactivates an active image", async () => {
        const image = await make({ name: "sdk-deactivate" });
        await targetPutData(target, image.id, new Uint8Array([1, 2, 3]));
        await admin.images.deactivate(image.id);
        expect((await glance.images.get(image.id)).status).toBe("deactivated");
        await admin.images.reactivate(image.id);
        expect((await glance.images.get(image.id)).status).toBe("active");
      });

      it("sends nothing for invalid input", async () => {
        const counting = recordingTransport(transportName === "undici" ? createUndiciTransport() : createFetchTransport());
        const client = targetClient(target, counting, "a");
        const calls = [
          client.images.get("not-a-uuid"),
          client.images.delete("1234"),
          client.images.create({ name: "x", disk_format: "floppy" as never }),
          client.images.create({ visibility: "everyone" as never }),
          client.images.addTag(randomUUID(), "x".repeat(256)),
          client.images.create({ tags: ["x".repeat(256)] }),
          client.images.list({ sort_key: "colour" as never }),
          client.images.update(randomUUID(), [
            { op: "replace", path: "/size", value: 1 },
          ]),
        ];
        for (const call of calls)
          await expect(call).rejects.toBeInstanceOf(ValidationError);
        expect(counting.requests).toHaveLength(0);
        await client.close();
      });
    });
  });
}

