import { describe, expect, it } from "vitest";
import { ImageClient, ValidationError } from "../src/index.js";
import { fakeTransport } from "./fake-transport.js";

const TASK = "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const taskBody = {
  id: TASK,
  type: "import",
  status: "pending",
  owner: "123456",
  created_at: "2026-11-22T18:00:00Z",
  updated_at: "2026-11-22T18:00:00Z",
  self: `/v2/tasks/${TASK}`,
  schema: "/v2/schemas/task",
};

// createImport takes Glance's absolute http(s) URL or Rackspace's Cloud Files `container/object`.
describe("tasks.createImport import_from", () => {
  it.each(["https://example.com/images/x.qcow2", "http://127.0.0.1:8000/x.img", "exports/image.vhd", "exports/folder/deep/image.vhd", "my container/ünïcode object.vhd"])(
    "sends %s as given",
    async (from) => {
      const transport = fakeTransport(() => ({ status: 201, body: taskBody }));
      const client = new ImageClient({ endpoint: "http://g:9292", transport });
      const input = { import_from: from, import_from_format: "vhd" as const, image_properties: { name: "back" } };
      await client.tasks.createImport(input);
      expect(JSON.parse(new TextDecoder().decode(transport.requests[0]!.body as Uint8Array))).toEqual({ type: "import", input });
    },
  );

  it.each([
    ["x.img", /container\/object/],
    ["/object-without-container", /non-empty container/],
    ["container-only/", /non-empty container and object/],
    ["ftp://host/x.img", /absolute http\(s\) URL/],
    ["file:///etc/passwd", /absolute http\(s\) URL/],
    ["http://", /absolute http\(s\) URL/],
    [`${"c".repeat(257)}/x`, /longer than 256/],
    [`c/${"o".repeat(1025)}`, /longer than 1024 bytes/],
  ])("refuses %s before sending", async (from, message) => {
    const transport = fakeTransport(() => ({ status: 201, body: taskBody }));
    const client = new ImageClient({ endpoint: "http://g:9292", transport });
    const error = await client.tasks.createImport({ import_from: from, import_from_format: "vhd", image_properties: { name: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join("."))).toEqual(["input.import_from"]);
    expect((error as ValidationError).message).toMatch(message);
    expect(transport.requests).toHaveLength(0);
  });
});
