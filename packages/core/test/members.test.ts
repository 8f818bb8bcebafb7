import { describe, expect, it } from "vitest";
import { ForbiddenError, ImageClient, ImageNotShareableError, MembersApi, NotImageMemberError, NotImageOwnerError, ServiceUnavailableError, ValidationError, type SharingForbiddenError, type TransportRequest } from "../src/index.js";
import { visibilitiesFromImageSchema } from "../src/internal.js";
import { fakeTransport, imageBody, type FakeAnswer } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const A = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0";
const B = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

function memberBody(status = "pending", member = B): Record<string, unknown> {
  return { member_id: member, image_id: ID, status, created_at: "2026-11-22T18:00:00Z", updated_at: "2026-11-22T18:00:00Z", schema: "/v2/schemas/member" };
}

/** An `image` schema whose `visibility` enum is `visibilities` (Glance's four, or Rackspace's two). */
function imageSchema(visibilities: string[] = ["community", "public", "private", "shared"]): FakeAnswer {
  return { status: 200, body: { name: "image", properties: { visibility: { type: "string", enum: visibilities } }, additionalProperties: { type: "string" } } };
}
const RACKSPACE_SCHEMA = imageSchema(["public", "private"]);
const isSchema = (req: TransportRequest): boolean => new URL(req.url).pathname === "/v2/schemas/image";

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

  it("every call gives the answer's request id through .withResponse()", async () => {
    let n = 0;
    const { glance } = client((req) => {
      const headers = { "x-openstack-request-id": `req-${++n}` };
      if (req.method === "DELETE") return { status: 204, headers };
      if (req.url.endsWith("/members") && req.method === "GET") return { status: 200, headers, body: { members: [memberBody()], schema: "/v2/schemas/members" } };
      return { status: 200, headers, body: memberBody("accepted") };
    }, B);
    expect((await glance.members.add(ID, B).withResponse()).response).toMatchObject({ status: 200, requestId: "req-1" });
    const listed = await glance.members.list(ID).withResponse();
    expect(listed.data).toHaveLength(1);
    expect(listed.response.requestId).toBe("req-2");
    expect((await glance.members.get(ID, B).withResponse()).response.requestId).toBe("req-3");
    expect((await glance.members.accept(ID).withResponse()).response.requestId).toBe("req-4");
    expect((await glance.members.reject(ID).withResponse()).response.requestId).toBe("req-5");
    expect((await glance.members.updateStatus(ID, "pending").withResponse()).data).toMatchObject({ status: "accepted" });
    expect(await glance.members.remove(ID, B).withResponse()).toEqual({ data: undefined, response: expect.objectContaining({ status: 204, requestId: "req-7" }) });
  });

  it("checks ids and member status before sending", async () => {
    const { glance, transport } = client(() => ({ status: 200, body: memberBody() }), B);
    await expect(glance.members.add("nope", B)).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.members.add(ID, "a/b")).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.members.add(ID, "")).rejects.toBeInstanceOf(ValidationError);
    // Dot segments would address another resource (`DELETE …/members/..` is `DELETE …/images/{id}`).
    for (const dots of [".", "..", "%2E%2E", "%2e"]) {
      await expect(glance.members.remove(ID, dots)).rejects.toBeInstanceOf(ValidationError);
      await expect(glance.members.get(ID, dots)).rejects.toBeInstanceOf(ValidationError);
      await expect(glance.members.updateStatus(ID, "accepted", { memberId: dots, allowOtherMember: true })).rejects.toBeInstanceOf(ValidationError);
    }
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
      const { glance } = client((req) => (isSchema(req) ? imageSchema() : req.method === "GET" ? { status: 200, body: imageBody({ id: ID, owner: A, visibility }) } : FORBIDDEN), A);
      const error = await glance.members.add(ID, B).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageNotShareableError);
      expect((error as ImageNotShareableError).visibility).toBe(visibility);
      if (visibility === "private") expect((error as ImageNotShareableError).hint).toMatch(/make it shared first/);
    }
  });

  it("makeShared: patches a private image to shared first, refuses public ones before sending", async () => {
    let visibility = "private";
    const { glance, sent, transport } = client((req) => {
      if (isSchema(req)) return imageSchema();
      if (req.method === "PATCH") {
        visibility = "shared";
        return { status: 200, body: imageBody({ id: ID, visibility }) };
      }
      if (req.method === "POST") return { status: 200, body: memberBody() };
      return { status: 200, body: imageBody({ id: ID, visibility }) };
    }, A);
    await glance.members.add(ID, B, { makeShared: true });
    // The schema is read to learn that this server has `shared` (once per client).
    expect(sent()).toEqual([`GET /v2/images/${ID}`, "GET /v2/schemas/image", `PATCH /v2/images/${ID}`, `POST /v2/images/${ID}/members`]);
    expect(body(transport.requests[2]!)).toEqual([{ op: "replace", path: "/visibility", value: "shared" }]);

    visibility = "public";
    const before = transport.requests.length;
    await expect(glance.members.add(ID, B, { makeShared: true })).rejects.toThrow(/is public/);
    expect(transport.requests.length - before).toBe(1); // only the GET
  });

  it("lists images shared with me by member status", async () => {
    const { glance, sent } = client((req) => (isSchema(req) ? imageSchema() : { status: 200, body: { images: [imageBody({ id: ID })], first: "/v2/images", schema: "/v2/schemas/images" } }), B);
    expect(await glance.members.pending().toArray()).toHaveLength(1);
    await glance.members.sharedWithMe("all", { limit: 5 }).toArray();
    await glance.members.sharedWithMe().toArray();
    expect(sent()).toEqual([
      "GET /v2/schemas/image", // once per client, on first use
      "GET /v2/images?limit=10&visibility=shared&member_status=pending",
      "GET /v2/images?limit=5&visibility=shared&member_status=all",
      "GET /v2/images?limit=10&visibility=shared&member_status=accepted",
    ]);
    expect(() => glance.members.sharedWithMe("yes" as never)).toThrow(ValidationError);
  });

  it("reads the image schema only when needed, and never for owner calls that succeed", async () => {
    const { glance, sent } = client((req) => (req.method === "POST" ? { status: 200, body: memberBody() } : { status: 200, body: { members: [memberBody()], schema: "/v2/schemas/members" } }), A);
    await glance.members.add(ID, B);
    await glance.members.list(ID);
    expect(sent()).toEqual([`POST /v2/images/${ID}/members`, `GET /v2/images/${ID}/members`]);
  });
});

describe("members on a server without `shared` visibility (Rackspace Cloud Images)", () => {
  const OTHER = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";
  const SHARED_ID = "3b8c1a6f-4d0e-4f1a-9b2c-2d3e4f5a6b7c";
  const OWN_ID = "4c9d2b7a-5e1f-4a2b-8c3d-3e4f5a6b7c8d";
  const PUBLIC_ID = "5d0e3c8b-6f2a-4b3c-9d4e-4f5a6b7c8d9e";
  // What a Rackspace-like server answers to `member_status=…` without `visibility`: the caller's
  // own images, public ones, and the private images shared with it.
  const listing: FakeAnswer = {
    status: 200,
    body: {
      images: [
        imageBody({ id: SHARED_ID, owner: OTHER, visibility: "private" }),
        imageBody({ id: OWN_ID, owner: B, visibility: "private" }),
        imageBody({ id: PUBLIC_ID, owner: "rackspace", visibility: "public" }),
      ],
      first: "/v2/images",
      schema: "/v2/schemas/images",
    },
  };

  it("pending() and sharedWithMe() find private images shared with the project, without sending visibility=shared", async () => {
    const { glance, sent } = client((req) => (isSchema(req) ? RACKSPACE_SCHEMA : listing), B);
    expect((await glance.members.pending().toArray()).map((i) => i.id)).toEqual([SHARED_ID]);
    expect((await glance.members.sharedWithMe().toArray()).map((i) => i.id)).toEqual([SHARED_ID]);
    const pages = [];
    for await (const page of glance.members.sharedWithMe("all", { limit: 5 }).pages()) pages.push(page);
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([[SHARED_ID]]);
    expect(pages[0]!.images).toEqual(pages[0]!.items);
    expect(sent()).toEqual([
      "GET /v2/schemas/image",
      "GET /v2/images?limit=10&member_status=pending",
      "GET /v2/images?limit=10&member_status=accepted",
      "GET /v2/images?limit=5&member_status=all",
    ]);
  });

  it("needs the client's project id there, and says so before the listing is sent", async () => {
    const { glance, sent } = client((req) => (isSchema(req) ? RACKSPACE_SCHEMA : listing));
    const error = await glance.members.pending().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/set `projectId`.*no `shared` visibility/s);
    expect(sent()).toEqual(["GET /v2/schemas/image"]);
  });

  it("a consumer's add on a private image is NotImageOwnerError, not 'make it shared'", async () => {
    const { glance } = client((req) => (isSchema(req) ? RACKSPACE_SCHEMA : req.method === "GET" ? { status: 200, body: imageBody({ id: ID, owner: A, visibility: "private" }) } : FORBIDDEN), B);
    const error = await glance.members.add(ID, OTHER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotImageOwnerError);
    expect(error).not.toBeInstanceOf(ImageNotShareableError);
    expect((error as NotImageOwnerError).reason).toBe("not-owner");
    expect((error as NotImageOwnerError).hint).not.toMatch(/shared|makeShared/);
    expect((error as NotImageOwnerError).message).not.toMatch(/make it shared/);
  });

  it("the owner adds members to a private image as it is (makeShared changes nothing)", async () => {
    const { glance, sent } = client((req) => {
      if (isSchema(req)) return RACKSPACE_SCHEMA;
      if (req.method === "POST") return { status: 200, body: memberBody() };
      return { status: 200, body: imageBody({ id: ID, owner: A, visibility: "private" }) };
    }, A);
    expect(await glance.members.add(ID, B, { makeShared: true })).toMatchObject({ status: "pending" });
    expect((await glance.members.ensureShared(ID)).visibility).toBe("private");
    expect(sent()).toEqual([`GET /v2/images/${ID}`, "GET /v2/schemas/image", `POST /v2/images/${ID}/members`, `GET /v2/images/${ID}`]);
  });

  it("words the 403 diagnoses for that server: public images, and refusals it cannot name", async () => {
    let visibility = "public";
    const { glance } = client((req) => (isSchema(req) ? RACKSPACE_SCHEMA : req.method === "GET" ? { status: 200, body: imageBody({ id: ID, owner: A, visibility }) } : FORBIDDEN), A);
    const publicError = await glance.members.add(ID, B).catch((e: unknown) => e);
    expect(publicError).toBeInstanceOf(ImageNotShareableError);
    expect((publicError as ImageNotShareableError).hint).toMatch(/visible to every project already, and only private images have members/);
    visibility = "private";
    const owned = await glance.members.add(ID, B).catch((e: unknown) => e);
    expect(owned).not.toBeInstanceOf(ImageNotShareableError);
    expect((owned as SharingForbiddenError).reason).toBe("unknown");
    expect((owned as SharingForbiddenError).hint).toMatch(/members of a private image/);
  });

  it("a passing schema failure fails the listing and is asked again; a missing schema means Glance's model", async () => {
    let schema: FakeAnswer = { status: 503, body: { message: "busy" } };
    const { glance, sent } = client((req) => (isSchema(req) ? schema : listing), B);
    await expect(glance.members.pending({}, { maxRetries: 0 }).toArray()).rejects.toBeInstanceOf(ServiceUnavailableError);
    schema = { status: 404, body: { message: "no schemas here" } };
    expect(await glance.members.pending().toArray()).toHaveLength(3); // Glance's query: the server filters
    await glance.members.pending().toArray();
    // The 503 was not remembered (asked again); the 404 is (not asked a third time).
    expect(sent().slice(-3)).toEqual(["GET /v2/schemas/image", "GET /v2/images?limit=10&visibility=shared&member_status=pending", "GET /v2/images?limit=10&visibility=shared&member_status=pending"]);
  });

  it("visibilitiesFromImageSchema reads the schema's visibility enum", () => {
    expect(visibilitiesFromImageSchema({ name: "image", properties: { visibility: { enum: ["public", "private"] } } })).toEqual(["public", "private"]);
    expect(visibilitiesFromImageSchema({ name: "image", properties: { visibility: { type: "string" } } })).toBeUndefined();
    expect(visibilitiesFromImageSchema({ name: "image", properties: {} })).toBeUndefined();
  });

  it("uses the visibility source the client gives (its schema cache) instead of reading the schema itself", async () => {
    const transport = fakeTransport(() => listing);
    let asked = 0;
    const glance = new ImageClient({ endpoint: "http://glance.test:9292", transport, token: "t", projectId: B });
    const members = new MembersApi(glance.http, glance.images, () => B, async () => {
      asked++;
      return ["public", "private"];
    });
    expect((await members.pending().toArray()).map((i) => i.id)).toEqual([SHARED_ID]);
    await members.sharedWithMe().toArray();
    expect(asked).toBe(1);
    expect(transport.requests.map((r) => new URL(r.url).search)).toEqual(["?limit=10&member_status=pending", "?limit=10&member_status=accepted"]);
  });
});
