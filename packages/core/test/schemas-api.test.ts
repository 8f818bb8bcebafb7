import { describe, expect, it } from "vitest";
import { ImageClient, ValidationError } from "../src/index.js";
import { fakeTransport, imageBody } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const IMAGE_SCHEMA = { name: "image", properties: { name: { type: ["null", "string"], maxLength: 255 }, visibility: { type: "string", enum: ["public", "private", "shared", "community"] } }, additionalProperties: { type: "string" } };

function client() {
  let n = 0;
  const transport = fakeTransport((req) => {
    const headers = { "x-openstack-request-id": `req-${++n}` };
    const path = new URL(req.url).pathname;
    if (path.startsWith("/v2/schemas/")) return { status: 200, headers, body: { ...IMAGE_SCHEMA, name: path.slice("/v2/schemas/".length) } };
    return { status: 200, headers, body: imageBody() };
  });
  return { transport, glance: new ImageClient({ endpoint: "http://g:9292", transport }) };
}

describe("schemas API", () => {
  it("each read gives the answer's request id through .withResponse(); a cached read gives the answer it was read from", async () => {
    const { glance, transport } = client();
    const first = await glance.schemas.image().withResponse();
    expect(first).toMatchObject({ data: { name: "image" }, response: { status: 200, requestId: "req-1" } });
    const cached = await glance.schemas.get("image").withResponse();
    expect(cached.response.requestId).toBe("req-1");
    expect(transport.requests).toHaveLength(1);
    expect((await glance.schemas.image({ refresh: true }).withResponse()).response.requestId).toBe("req-2");
    expect((await glance.schemas.members().withResponse()).response.requestId).toBe("req-3");
    expect(transport.requests.map((r) => new URL(r.url).pathname)).toEqual(["/v2/schemas/image", "/v2/schemas/image", "/v2/schemas/members"]);
  });

  it("updateImage reports the PATCH; validation calls are ApiPromises too", async () => {
    const { glance, transport } = client();
    await glance.schemas.validateImageProperties({ name: "x" }).withResponse();
    const { data, response } = await glance.schemas.updateImage(ID, [{ op: "replace", path: "/name", value: "y" }]).withResponse();
    expect(data.id).toBe(ID);
    expect(response.requestId).toBe("req-2");
    expect(transport.requests.map((r) => r.method)).toEqual(["GET", "PATCH"]);
  });

  it("a name that is not one of the six schemas ('..' included) is a ValidationError with nothing sent", async () => {
    const { glance, transport } = client();
    for (const bad of ["..", ".", "", "image/..", "imagez"]) await expect(glance.schemas.get(bad as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.schemas.updateImage("..", [{ op: "replace", path: "/name", value: "y" }], { validateAgainstSchema: false })).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});
