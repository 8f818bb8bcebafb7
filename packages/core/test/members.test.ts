import { describe, expect, it } from "vitest";
import {
  ForbiddenError,
  ImageClient,
  ImageNotShareableError,
  NotImageMemberError,
  NotImageOwnerError,
  ValidationError,
  type TransportRequest,
} from "../src/index.js";
import { fakeTransport, imageBody, type FakeAnswer } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const A = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0";
const B = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

function memberBody(status = "pending", member = B): Record<string, unknown> {
  return { member_id: member, image_id: ID, status, created_at: "2026-11-22T18:00:00Z", updated_at: "2026-11-22T18:00:00Z", schema: "/v2/schemas/member" };
}

const FORBIDDEN: FakeAnswer = { status: 403, body: { code: "403 Forbidden", title: "Forbidden", message: "Not allowed.<br /><br />" } };

function client(handler: (req: TransportRequest) => FakeAnswer, projectId?: string) {
  const transport = fakeTransport(handler);
  const glance = new ImageClient({ endpoint: "http://glance.test:9292", transport, token: "t", projectId });
  return { transport, glance, sent: () => transport.requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`) };
}

const body = (req: TransportRequest): unknown => JSON.parse(new TextDecoder().decode(req.body as Uint8Array));

describe("members", () => {
  it("adds a member (200) and lists, gets, removes", async () => {
    const { glance, transport, sent } = client((req) => {
      if (req.method === "POST") return { status: 200, body: memberBody() };
      if (req.method === "DELETE") return { status: 204 };
      if (req.url.endsWith("/members")) return { status: 200, body: { members: [memberBody()], schema: "/v2/schemas/members" } };
      return { status: 200, body: memberBody() };
    });
    expect(await glance.members.add(ID, B)).toMatchObject({ status: "pending" });
    expect(body(transport.requests[0]!)).toEqual({ member: B });
    expect(await glance.members.list(ID)).toHaveLength(1);
    expect(await glance.members.get(ID, B)).toMatchObject({ member_id: B });
    await glance.members.remove(ID, B);
    expect(sent()).toEqual([`POST /v2/images/${ID}/members`, `GET /v2/images/${ID}/members`, `GET /v2/images/${ID}/members/${B}`, `DELETE /v2/images/${ID}/members/${B}`]);
  });

  it("checks ids and member status before sending", async () => {
    const { glance, transport } = client(() => ({ status: 200, body: memberBody() }), B);
    await expect(glance.members.add("nope", B)).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.members.add(ID, "a/b")).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.members.add(ID, "")).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.members.updateStatus(ID, "approved" as never)).rejects.toThrow(/"pending", "accepted", "rejected"/);
    expect(transport.requests).toHaveLength(0);
  });

  it("consumer side: accept/reject set the client's own membership, with no member id", async () => {
    const { glance, transport, sent } = client((req) => ({ status: 200, body: memberBody((body(req) as { status: string }).status) }), B);
    expect(await glance.members.accept(ID)).toMatchObject({ status: "accepted" });
    expect(await glance.members.reject(ID)).toMatchObject({ status: "rejected" });
    expect(sent()).toEqual([`PUT /v2/images/${ID}/members/${B}`, `PUT /v2/images/${ID}/members/${B}`]);
    expect(body(transport.requests[0]!)).toEqual({ status: "accepted" });
  });

  it("asks for projectId when the client does not know its project", async () => {
    const { glance, transport } = client(() => ({ status: 200, body: memberBody() }));
    const error = await glance.members.accept(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/set `projectId` in the client config/);
    expect(transport.requests).toHaveLength(0);
    // Learned later (identity flows):
    glance.projectId = B;
    await glance.members.accept(ID);
    expect(transport.requests).toHaveLength(1);
  });

  it("refuses before sending when the owner targets another project's membership (admins may opt in)", async () => {
    const { glance, transport } = client(() => ({ status: 200, body: memberBody("accepted") }), A);
    const error = await glance.members.updateStatus(ID, "accepted", { memberId: B }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/image owner cannot set a member's status/);
    expect(transport.requests).toHaveLength(0);
    await glance.members.updateStatus(ID, "accepted", { memberId: B, allowOtherMember: true });
    expect(transport.requests).toHaveLength(1);
  });

  it("names Glance's 403 on a status update by the owner (NotImageMemberError, still a ForbiddenError)", async () => {
    const { glance } = client((req) => (req.method === "PUT" ? FORBIDDEN : { status: 200, body: imageBody({ id: ID, owner: A }) }));
    glance.projectId = undefined;
    const error = await glance.members.updateStatus(ID, "accepted", { memberId: B }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotImageMemberError);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as NotImageMemberError).status).toBe(403);
    expect((error as NotImageMemberError).message).toMatch(/Not allowed\..*only the member project itself/);
  });

  it("names a consumer's add (NotImageOwnerError) and remove (hint: reject)", async () => {
    const { glance } = client((req) => (req.method === "GET" ? { status: 200, body: imageBody({ id: ID, owner: A }) } : FORBIDDEN), B);
    const add = await glance.members.add(ID, "c0c0").catch((e: unknown) => e);
    expect(add).toBeInstanceOf(NotImageOwnerError);
    expect((add as NotImageOwnerError).reason).toBe("not-owner");
    expect((add as NotImageOwnerError).hint).toMatch(/only the image owner \(project a0a0/);
    const remove = await glance.members.remove(ID, B).catch((e: unknown) => e);
    expect(remove).toBeInstanceOf(NotImageOwnerError);
    expect((remove as NotImageOwnerError).hint).toMatch(/members\.reject/);
  });

  it("explains a 403 on a private or public image (ImageNotShareableError)", async () => {
    for (const visibility of ["private", "public", "community"]) {
      const { glance } = client((req) => (req.method === "GET" ? { status: 200, body: imageBody({ id: ID, owner: A, visibility }) } : FORBIDDEN), A);
      const error = await glance.members.add(ID, B).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageNotShareableError);
      expect((error as ImageNotShareableError).visibility).toBe(visibility);
    }
  });

  it("makeShared: patches a private image to shared first, refuses public ones before sending", async () => {
    let visibility = "private";
    const { glance, sent, transport } = client((req) => {
      if (req.method === "PATCH") {
        visibility = "shared";
        return { status: 200, body: imageBody({ id: ID, visibility }) };
      }
      if (req.method === "POST") return { status: 200, body: memberBody() };
      return { status: 200, body: imageBody({ id: ID, visibility }) };
    }, A);
    await glance.members.add(ID, B, { makeShared: true });
    expect(sent()).toEqual([`GET /v2/images/${ID}`, `PATCH /v2/images/${ID}`, `POST /v2/images/${ID}/members`]);
    expect(body(transport.requests[1]!)).toEqual([{ op: "replace", path: "/visibility", value: "shared" }]);

    visibility = "public";
    const before = transport.requests.length;
    await expect(glance.members.add(ID, B, { makeShared: true })).rejects.toThrow(/is public/);
    expect(transport.requests.length - before).toBe(1); // only the GET
  });

  it("lists images shared with me by member status", async () => {
    const { glance, sent } = client(() => ({ status: 200, body: { images: [imageBody({ id: ID })], first: "/v2/images", schema: "/v2/schemas/images" } }), B);
    expect(await glance.members.pending().toArray()).toHaveLength(1);
    await glance.members.sharedWithMe("all", { limit: 5 }).toArray();
    await glance.members.sharedWithMe().toArray();
    expect(sent()).toEqual([
      "GET /v2/images?visibility=shared&member_status=pending",
      "GET /v2/images?limit=5&visibility=shared&member_status=all",
      "GET /v2/images?visibility=shared&member_status=accepted",
    ]);
    expect(() => glance.members.sharedWithMe("yes" as never)).toThrow(ValidationError);
  });
});
