import { empty, json, type Ctx, type Reply } from "./http.js";
import { glanceError, isoSeconds } from "./glance-http.js";
import type { Caller } from "./identity.js";
import { renderMember } from "./image-render.js";
import { fail, isAdmin, visibleImage } from "./image-rules.js";
import type { EmulatorRuntime } from "./server.js";
import type { MemberRecord, RegionState } from "./store.js";

/** `/v2/images/{id}/members[/{member}]`: the owner adds and removes members, each member sets its own status. */
export async function imageMembers(rt: EmulatorRuntime, ctx: Ctx, caller: Caller, r: RegionState, id: string, memberId: string | undefined): Promise<Reply> {
  const glance = rt.mode === "glance";
  const image = visibleImage(r, id, caller);
  const owner = image.owner === caller.tenantId || isAdmin(caller);
  const list = (r.members[id] ??= []);
  const shareable = (): void => {
    if (!owner) fail(403, "You are not permitted to share this image.");
    if (image.visibility === "public" || image.visibility === "community") fail(403, `Only shared images have members.`);
    if (glance && image.visibility !== "shared") fail(403, "Only shared images have members.");
  };
  if (memberId === undefined) {
    if (ctx.method === "GET") {
      if (image.visibility === "public" || image.visibility === "community") fail(403, "Only shared images have members.");
      const shown = owner ? list : list.filter((m) => m.member_id === caller.tenantId);
      return json(200, { members: shown.map((m) => renderMember(id, m)), schema: "/v2/schemas/members" });
    }
    if (ctx.method === "POST") {
      shareable();
      const parsed = await ctx.json();
      const member = parsed.ok ? (parsed.value as { member?: unknown } | null)?.member : undefined;
      if (typeof member !== "string" || member === "") fail(400, "Member to be added not specified");
      if (list.some((m) => m.member_id === member)) fail(409, `Member ${String(member)} already exists for image ${id}.`);
      if (member === image.owner) fail(400, "The image owner cannot be a member.");
      const now = isoSeconds();
      const record: MemberRecord = { member_id: member as string, status: "pending", created_at: now, updated_at: now };
      list.push(record);
      rt.store.save();
      return json(200, renderMember(id, record));
    }
    return glanceError(405, "The method is not allowed for this resource.");
  }
  const record = list.find((m) => m.member_id === memberId);
  const notFound = (): never => fail(404, `${memberId} is not a member of image ${id}`);
  if (ctx.method === "GET") {
    if (!record || (!owner && memberId !== caller.tenantId)) notFound();
    return json(200, renderMember(id, record!));
  }
  if (ctx.method === "PUT") {
    if (!record) notFound();
    if (memberId !== caller.tenantId) fail(403, `Not allowed to update members for image ${id}.`);
    const parsed = await ctx.json();
    const status = parsed.ok ? (parsed.value as { status?: unknown } | null)?.status : undefined;
    if (status !== "pending" && status !== "accepted" && status !== "rejected") fail(400, `Invalid status: ${String(status)}`);
    record!.status = status as MemberRecord["status"];
    record!.updated_at = isoSeconds();
    rt.store.save();
    return json(200, renderMember(id, record!));
  }
  if (ctx.method === "DELETE") {
    if (!owner) fail(403, "You are not permitted to delete this member.");
    if (!record) notFound();
    r.members[id] = list.filter((m) => m !== record);
    rt.store.save();
    return empty(204);
  }
  return glanceError(405, "The method is not allowed for this resource.");
}
