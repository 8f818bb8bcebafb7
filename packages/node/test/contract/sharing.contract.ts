import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ForbiddenError,
  ImageNotShareableError,
  NotFoundError,
  NotImageMemberError,
  NotImageOwnerError,
  ValidationError,
  type Image,
  type NodeImageClient,
} from "../../src/index.js";
import { TRANSPORTS, runTag } from "../glance-fixtures.js";
import {
  targetClient,
  targetProjectId,
  targetPutData,
  type ContractTarget,
} from "./target.js";

/** A third project that never takes part: the consumer tries to share with it. */
const PROJECT_C = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";

/**
 * The sharing contract (two projects, through trusted-auth headers or the target's own auth):
 * runs against real Glance (sharing.integ.test.ts), the emulator in glance mode
 * (sharing.emulator.integ.test.ts) and Glance behind Keystone (sharing.keystone.integ.test.ts).
 */
export function sharingContract(target: ContractTarget): void {
  // The target's project ids (trusted-auth constants, or Keystone's real ones).
  let PROJECT_A = "";
  let PROJECT_B = "";
  let ADMIN_PROJECT = "";
  describe(`image sharing between two projects on ${target.name}`, () => {
    beforeAll(async () => {
      await target.start();
      PROJECT_A = targetProjectId(target, "a");
      PROJECT_B = targetProjectId(target, "b");
      ADMIN_PROJECT = targetProjectId(target, "admin");
    });
    afterAll(() => target.stop());

    describe.each(TRANSPORTS)("%s transport", (transportName) => {
      let owner: NodeImageClient; // project A, knows its project id
      let consumer: NodeImageClient; // project B, knows its project id
      let ownerUnaware: NodeImageClient; // project A, no projectId configured
      let consumerUnaware: NodeImageClient; // project B, no projectId configured
      let admin: NodeImageClient;
      const created: string[] = [];

      beforeAll(() => {
        owner = targetClient(target, transportName, "a");
        owner.projectId = PROJECT_A;
        consumer = targetClient(target, transportName, "b");
        consumer.projectId = PROJECT_B;
        ownerUnaware = targetClient(target, transportName, "a", {
          projectUnknown: true,
        });
        consumerUnaware = targetClient(target, transportName, "b", {
          projectUnknown: true,
        });
        admin = targetClient(target, transportName, "admin");
        admin.projectId = ADMIN_PROJECT;
      });

      afterAll(async () => {
        for (const id of created)
          await admin.images.delete(id).catch(() => undefined);
        await Promise.all(
          [owner, consumer, ownerUnaware, consumerUnaware, admin].map((c) =>
            c.close(),
          ),
        );
      });

      async function make(
        client: NodeImageClient,
        attrs: Record<string, unknown> = {},
      ): Promise<Image> {
        const image = await client.images.create({
          name: runTag("share"),
          disk_format: "raw",
          container_format: "bare",
          ...attrs,
        });
        created.push(image.id);
        return image;
      }

      async function idsOf(iterator: AsyncIterable<Image>): Promise<string[]> {
        const ids: string[] = [];
        for await (const image of iterator) ids.push(image.id);
        return ids;
      }

      it("runs the full cycle: share → pending → accept → consumer lists and reads → reject → unshare", async () => {
        const image = await make(owner);
        expect(image.visibility).toBe("shared"); // Glance's default for new images
        await targetPutData(
          target,
          image.id,
          new TextEncoder().encode("shared bytes"),
        );

        // Owner shares: Glance answers 200 and the member starts pending.
        const member = await owner.members.add(image.id, PROJECT_B);
        expect(member).toMatchObject({
          image_id: image.id,
          member_id: PROJECT_B,
          status: "pending",
        });

        // Consumer sees a pending offer, not an accepted image.
        expect(await idsOf(consumer.members.pending())).toContain(image.id);
        expect(
          await idsOf(consumer.members.sharedWithMe("accepted")),
        ).not.toContain(image.id);
        expect(await idsOf(consumer.members.sharedWithMe("all"))).toContain(
          image.id,
        );
        expect(await consumer.members.get(image.id, PROJECT_B)).toMatchObject({
          status: "pending",
        });
        expect(
          (await consumer.members.list(image.id)).map((m) => m.member_id),
        ).toEqual([PROJECT_B]);

        // Consumer accepts its own membership: no member id argument.
        expect(await consumer.members.accept(image.id)).toMatchObject({
          member_id: PROJECT_B,
          status: "accepted",
        });
        expect(await idsOf(consumer.members.sharedWithMe())).toContain(
          image.id,
        ); // default: accepted
        expect(await idsOf(consumer.members.pending())).not.toContain(image.id);
        // …and uses it.
        expect(await consumer.images.get(image.id)).toMatchObject({
          id: image.id,
          status: "active",
          owner: PROJECT_A,
        });

        // Owner sees the status.
        expect(await owner.members.list(image.id)).toEqual([
          expect.objectContaining({ member_id: PROJECT_B, status: "accepted" }),
        ]);

        // Consumer rejects: gone from accepted listings, still readable by id (Glance keeps it readable).
        expect(await consumer.members.reject(image.id)).toMatchObject({
          status: "rejected",
        });
        expect(
          await idsOf(consumer.members.sharedWithMe("accepted")),
        ).not.toContain(image.id);
        expect(
          await idsOf(consumer.members.sharedWithMe("rejected")),
        ).toContain(image.id);
        expect((await consumer.images.get(image.id)).id).toBe(image.id);

        // Owner unshares: the consumer no longer sees the image at all.
        await owner.members.remove(image.id, PROJECT_B);
        expect(await owner.members.list(image.id)).toEqual([]);
        await expect(consumer.images.get(image.id)).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });

      it("classic mistake 1: the owner setting the member's status (refused before sending, or Glance's 403 named)", async () => {
        const image = await make(owner);
        await owner.members.add(image.id, PROJECT_B);

        // The client knows it is project A: refused before anything is sent.
        const early = await owner.members
          .updateStatus(image.id, "accepted", { memberId: PROJECT_B })
          .catch((e: unknown) => e);
        expect(early).toBeInstanceOf(ValidationError);
        expect((early as ValidationError).message).toMatch(
          /only the member project itself/,
        );

        // A client that does not know its project sends, and Glance's 403 comes back named.
        const late = await ownerUnaware.members
          .updateStatus(image.id, "accepted", { memberId: PROJECT_B })
          .catch((e: unknown) => e);
        expect(late).toBeInstanceOf(NotImageMemberError);
        expect(late).toBeInstanceOf(ForbiddenError);
        expect((late as NotImageMemberError).status).toBe(403);
        expect((late as NotImageMemberError).reason).toBe("not-member");
        expect((late as NotImageMemberError).message).toMatch(
          /Not allowed to update members/,
        ); // Glance's words kept
        expect((late as NotImageMemberError).hint).toMatch(
          /only the member project/,
        );
        expect(await consumer.members.get(image.id, PROJECT_B)).toMatchObject({
          status: "pending",
        }); // unchanged
      });

      it("classic mistake 2: a consumer adding or removing members gets NotImageOwnerError with a hint", async () => {
        const image = await make(owner);
        await owner.members.add(image.id, PROJECT_B);
        await consumer.members.accept(image.id);

        const add = await consumer.members
          .add(image.id, PROJECT_C)
          .catch((e: unknown) => e);
        expect(add).toBeInstanceOf(NotImageOwnerError);
        expect(add).toBeInstanceOf(ForbiddenError);
        expect((add as NotImageOwnerError).hint).toMatch(
          new RegExp(`only the image owner \\(project ${PROJECT_A}\\)`),
        );

        const remove = await consumer.members
          .remove(image.id, PROJECT_B)
          .catch((e: unknown) => e);
        expect(remove).toBeInstanceOf(NotImageOwnerError);
        expect((remove as NotImageOwnerError).hint).toMatch(/members\.reject/);
        expect(await owner.members.list(image.id)).toHaveLength(1);
      });

      it("needs the consumer's project id for accept/reject, and checks the status before sending", async () => {
        const image = await make(owner);
        await owner.members.add(image.id, PROJECT_B);
        const noProject = await consumerUnaware.members
          .accept(image.id)
          .catch((e: unknown) => e);
        expect(noProject).toBeInstanceOf(ValidationError);
        expect((noProject as ValidationError).message).toMatch(
          /set `projectId`/,
        );
        // With an explicit member id, it works without the config.
        expect(
          await consumerUnaware.members.updateStatus(image.id, "accepted", {
            memberId: PROJECT_B,
          }),
        ).toMatchObject({ status: "accepted" });
        await expect(
          consumer.members.updateStatus(image.id, "maybe" as never),
        ).rejects.toBeInstanceOf(ValidationError);
      });

      it("private images: refused with a hint, or made shared first on explicit opt-in", async () => {
        const image = await make(owner, { visibility: "private" });
        const refused = await owner.members
          .add(image.id, PROJECT_B)
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ImageNotShareableError);
        expect((refused as ImageNotShareableError).visibility).toBe("private");
        expect((refused as ImageNotShareableError).hint).toMatch(
          /makeShared: true/,
        );
        expect((await owner.images.get(image.id)).visibility).toBe("private"); // never changed silently

        const member = await owner.members.add(image.id, PROJECT_B, {
          makeShared: true,
        });
        expect(member.status).toBe("pending");
        expect((await owner.images.get(image.id)).visibility).toBe("shared");
      });

      it("public images cannot be shared: Glance's 403 explained, and refused before sending with makeShared", async () => {
        const image = await make(admin, { visibility: "public" });
        const refused = await admin.members
          .add(image.id, PROJECT_B)
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ImageNotShareableError);
        expect((refused as ImageNotShareableError).visibility).toBe("public");
        expect((refused as ImageNotShareableError).hint).toMatch(
          /visible to every project/,
        );

        const early = await admin.members
          .add(image.id, PROJECT_B, { makeShared: true })
          .catch((e: unknown) => e);
        expect(early).toBeInstanceOf(ValidationError);
        expect((early as ValidationError).message).toMatch(/is public/);
        expect((await admin.images.get(image.id)).visibility).toBe("public");
      });
    });
  });
}
