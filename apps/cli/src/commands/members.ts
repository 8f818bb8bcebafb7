/** Sharing: `image member add|list|show|accept|reject|remove|pending` (and `image add/remove project`). */
import type { MemberStatus } from "@cloud-images/node";
import { imageId } from "../resolve.js";
import type { Run } from "../run-types.js";
import { IMAGE_LIST_HEADERS, imageRow, MEMBER_HEADERS, memberFields, memberRow } from "../views.js";
import { ownProject, stringArg } from "./shared.js";

/** `image member add <image> <project>`: a private image is made `shared` first. */
export async function add(run: Run): Promise<void> {
  const client = await run.images();
  const id = await imageId(client, stringArg(run, 0), run.call);
  await run.show(memberFields(await client.members.add(id, stringArg(run, 1), { ...run.call, makeShared: true })));
}

/** `image member list <image>`. */
export async function list(run: Run): Promise<void> {
  const client = await run.images();
  const id = await imageId(client, stringArg(run, 0), run.call);
  await run.list(MEMBER_HEADERS, (await client.members.list(id, run.call)).map(memberRow));
}

/** `image member show <image> <project>`. */
export async function show(run: Run): Promise<void> {
  const client = await run.images();
  const id = await imageId(client, stringArg(run, 0), run.call);
  await run.show(memberFields(await client.members.get(id, stringArg(run, 1), run.call)));
}

async function answer(run: Run, status: MemberStatus): Promise<void> {
  const client = await run.images();
  const id = stringArg(run, 0);
  const project = (run.opts.project as string | undefined) ?? (await ownProject(run));
  const member = await client.members.updateStatus(id, status, { ...run.call, ...(project ? { memberId: project } : {}) });
  await run.show(memberFields(member));
}

/** `image member accept <image>` (the image ID: pending images are not listed by name). */
export async function accept(run: Run): Promise<void> {
  await answer(run, "accepted");
}

/** `image member reject <image>`. */
export async function reject(run: Run): Promise<void> {
  await answer(run, "rejected");
}

/** `image member remove <image> <project>`. */
export async function remove(run: Run): Promise<void> {
  const client = await run.images();
  const id = await imageId(client, stringArg(run, 0), run.call);
  await client.members.remove(id, stringArg(run, 1), run.call);
}

/** `image member pending`: images shared with this project and not yet answered. */
export async function pending(run: Run): Promise<void> {
  const client = await run.images();
  const rows = [];
  for await (const image of client.members.pending({}, run.call)) rows.push(imageRow(image, false));
  await run.list(IMAGE_LIST_HEADERS, rows);
}
