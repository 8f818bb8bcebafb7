// Names that JavaScript objects already answer to (`__proto__`, `constructor`, `toString`…) are
// plain data to Glance: a custom property, a schema field or a header of that name is sent, read,
// checked and patched like any other, never dropped and never mistaken for Object.prototype's.
import { describe, expect, it } from "vitest";
import { ImageClient } from "../src/client.js";
import { createFetchTransport, type JsonSchemaDocument, type TransportRequest } from "../src/index.js";
import { assignOwn, checkProperty, imagePatchProblems, ownValue, setOwn } from "../src/internal.js";
import { fakeTransport, imageBody } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"] as const;
/** `{ __proto__: "v-__proto__", constructor: "v-constructor", … }`, each an own property (fromEntries defines, never sets). */
const props = (): Record<string, string> => Object.fromEntries(NAMES.map((n) => [n, `v-${n}`]));

const own = (o: object, key: string): unknown => Object.getOwnPropertyDescriptor(o, key)?.value;
const sentJson = (req: TransportRequest): unknown => JSON.parse(new TextDecoder().decode(req.body as Uint8Array));

describe("keys named like Object.prototype members", () => {
  it("images.create sends each custom property as a top-level attribute", async () => {
    const transport = fakeTransport(() => ({ status: 201, body: JSON.stringify(imageBody(props())) }));
    const client = new ImageClient({ endpoint: "http://glance.test", transport });
    await client.images.create({ disk_format: "raw", container_format: "bare", properties: props() });
    const sent = sentJson(transport.requests[0]!) as Record<string, unknown>;
    for (const name of NAMES) expect(own(sent, name)).toBe(`v-${name}`);
    expect(Object.keys(sent)).toHaveLength(2 + NAMES.length);
  });

  it("images.get keeps them as own attributes of the image it returns (responses validated)", async () => {
    // JSON.stringify of an object with an own `__proto__` writes it as a key, as Glance would.
    const transport = fakeTransport(() => ({ status: 200, body: JSON.stringify(imageBody(props())) }));
    const image = (await new ImageClient({ endpoint: "http://glance.test", transport }).images.get(ID)) as unknown as Record<string, unknown>;
    for (const name of NAMES) expect(own(image, name)).toBe(`v-${name}`);
    expect(Object.getPrototypeOf(image)).toBe(Object.prototype);
  });

  it("updateProperties adds them to an image without them, and replaces or removes them where it has them", async () => {
    const patches: unknown[] = [];
    const answer = (current: Record<string, unknown>) =>
      fakeTransport((req) => {
        if (req.method === "PATCH") patches.push(sentJson(req));
        return { status: 200, body: JSON.stringify(imageBody(current)) };
      });
    await new ImageClient({ endpoint: "http://glance.test", transport: answer({}) }).images.updateProperties(ID, props());
    expect(patches.pop()).toEqual(NAMES.map((n) => ({ op: "add", path: `/${n}`, value: `v-${n}` })));

    const removeProto: Record<string, unknown> = { constructor: "new" };
    setOwn(removeProto, "__proto__", null);
    await new ImageClient({ endpoint: "http://glance.test", transport: answer(props()) }).images.updateProperties(ID, removeProto);
    expect(patches.pop()).toEqual([
      { op: "replace", path: "/constructor", value: "new" },
      { op: "remove", path: "/__proto__" },
    ]);
  });

  it("schema checks look a name up among the schema's own properties, then additionalProperties", () => {
    const schema = { name: "image", properties: { name: { type: "string" } }, additionalProperties: { type: "string", maxLength: 3 } };
    expect(checkProperty(schema, "constructor", "abc")).toEqual([]);
    expect(checkProperty(schema, "toString", "abcd").map((p) => p.message)).toEqual(["must be at most 3 characters long, got 4"]);
    expect(checkProperty({ ...schema, additionalProperties: false }, "constructor", "x")).toHaveLength(1);
    const ops = [{ op: "remove", path: "/constructor" }, { op: "add", path: "/__proto__", value: "abc" }];
    expect(imagePatchProblems(schema as unknown as JsonSchemaDocument, ops as never)).toEqual([]);
  });

  it("a fetch transport's response headers keep every name", async () => {
    const transport = createFetchTransport({
      fetch: async () => new Response("{}", { headers: [["constructor", "c"], ["__proto__", "p"], ["x-openstack-request-id", "req-1"]] }),
    });
    const res = await transport.request({ method: "GET", url: "http://glance.test/v2/images", headers: {} });
    expect(own(res.headers, "constructor")).toBe("c");
    expect(own(res.headers, "__proto__")).toBe("p");
    expect(Object.getPrototypeOf(res.headers)).toBe(Object.prototype);
  });

  it("setOwn, assignOwn and ownValue: the helpers every such record is built and read with", () => {
    const target: Record<string, unknown> = {};
    setOwn(target, "__proto__", { polluted: true });
    assignOwn(target, props());
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(ownValue(target, "constructor")).toBe("v-constructor");
    expect(ownValue({}, "constructor")).toBeUndefined();
    expect(ownValue(undefined, "x")).toBeUndefined();
  });
});
