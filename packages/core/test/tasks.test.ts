import { describe, expect, it } from "vitest";
import { ImageClient, TaskFailedError, ValidationError, type Task } from "../src/index.js";
import { assertTaskSucceeded, listTasksQueryEntries, parseTaskErrorCode } from "../src/internal.js";
import { fakeTransport } from "./fake-transport.js";

const TASK = "7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TASK2 = "8d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

function task(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: TASK,
    type: "import",
    status: "pending",
    owner: "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0",
    created_at: "2026-11-22T18:00:00Z",
    updated_at: "2026-11-22T18:00:00Z",
    self: `/v2/tasks/${TASK}`,
    schema: "/v2/schemas/task",
    ...overrides,
  };
}

describe("tasks", () => {
  it("creates an import task with the documented input shape", async () => {
    const transport = fakeTransport(() => ({ status: 201, body: task() }));
    const glance = new ImageClient({ endpoint: "http://g:9292", transport });
    const input = { import_from: "http://127.0.0.1:8000/x.qcow2", import_from_format: "qcow2" as const, image_properties: { name: "x", disk_format: "qcow2", container_format: "bare" } };
    await glance.tasks.createImport(input);
    const req = transport.requests[0]!;
    expect(req.method).toBe("POST");
    expect(JSON.parse(new TextDecoder().decode(req.body as Uint8Array))).toEqual({ type: "import", input });
  });

  it("creates an export task with the Rackspace shape", async () => {
    const transport = fakeTransport(() => ({ status: 201, body: task({ type: "export" }) }));
    const glance = new ImageClient({ endpoint: "http://g:9292", transport });
    await glance.tasks.createExport({ image_uuid: TASK, receiving_swift_container: "exports" });
    expect(JSON.parse(new TextDecoder().decode(transport.requests[0]!.body as Uint8Array))).toEqual({ type: "export", input: { image_uuid: TASK, receiving_swift_container: "exports" } });
  });

  it("lists every input problem before sending", async () => {
    const transport = fakeTransport(() => ({ status: 201, body: task() }));
    const glance = new ImageClient({ endpoint: "http://g:9292", transport });
    const error = await glance.tasks
      .createImport({ import_from: "x.img", import_from_format: "tar" as never, image_properties: { size: 3, foo: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join("."))).toEqual([
      "input.import_from",
      "input.import_from_format",
      "input.image_properties.size",
      "input.image_properties.foo",
    ]);
    await expect(glance.tasks.create({ type: "copy" } as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(glance.tasks.get("nope")).rejects.toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });

  it("encodes list filters and refuses unknown ones", () => {
    expect(listTasksQueryEntries({ type: "import", status: "success", sort_key: "updated_at", sort_dir: "asc", limit: 10 })).toEqual([
      ["limit", "10"],
      ["type", "import"],
      ["status", "success"],
      ["sort_key", "updated_at"],
      ["sort_dir", "asc"],
    ]);
    expect(() => listTasksQueryEntries({ status: "done" as never, sort_key: "name" as never, colour: "red" } as never)).toThrow(ValidationError);
  });

  it("pages through tasks keeping the filters, marker from the next link", async () => {
    const transport = fakeTransport((req) => {
      const marker = new URL(req.url).searchParams.get("marker");
      return marker === null
        ? { status: 200, body: { tasks: [task()], first: "/v2/tasks", schema: "/v2/schemas/tasks", next: `/v2/tasks?limit=1&marker=${TASK}` } }
        : { status: 200, body: { tasks: [task({ id: TASK2 })], first: "/v2/tasks", schema: "/v2/schemas/tasks" } };
    });
    const glance = new ImageClient({ endpoint: "http://g:9292", transport });
    const all = await glance.tasks.listAll({ status: "success", limit: 1 }).toArray();
    expect(all.map((t) => t.id)).toEqual([TASK, TASK2]);
    expect(transport.requests.map((r) => new URL(r.url).search)).toEqual(["?limit=1&status=success", `?limit=1&status=success&marker=${TASK}`]);
  });

  it("create, get and list give the answer's request id through .withResponse(); a one-page list knows its next page", async () => {
    let n = 0;
    const transport = fakeTransport((req) => {
      const headers = { "x-openstack-request-id": `req-${++n}` };
      if (req.method === "POST") return { status: 201, headers, body: task() };
      const url = new URL(req.url);
      if (url.pathname === "/v2/tasks") {
        return url.searchParams.get("marker") === null
          ? { status: 200, headers, body: { tasks: [task()], first: "/v2/tasks", schema: "/v2/schemas/tasks", next: `/v2/tasks?marker=${TASK}` } }
          : { status: 200, headers, body: { tasks: [task({ id: TASK2 })], first: "/v2/tasks", schema: "/v2/schemas/tasks" } };
      }
      return { status: 200, headers, body: task() };
    });
    const glance = new ImageClient({ endpoint: "http://g:9292", transport });
    const created = await glance.tasks.createExport({ image_uuid: TASK, receiving_swift_container: "exports" }).withResponse();
    expect(created).toMatchObject({ data: { id: TASK }, response: { status: 201, requestId: "req-1" } });
    expect((await glance.tasks.get(TASK).withResponse()).response.requestId).toBe("req-2");
    const { data: page, response } = await glance.tasks.list({ status: "pending", limit: 1 }).withResponse();
    expect(response.requestId).toBe("req-3");
    expect(page.items.map((t) => t.id)).toEqual([TASK]);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next?.items.map((t) => t.id)).toEqual([TASK2]);
    expect(next?.hasNextPage()).toBe(false);
    const second = new URL(transport.requests[3]!.url);
    expect(second.searchParams.get("status")).toBe("pending");
    expect(second.searchParams.get("marker")).toBe(TASK);
  });

  it("parses a leading Rackspace-style code and keeps the message", () => {
    expect(parseTaskErrorCode("396: Image import failed")).toBe(396);
    expect(parseTaskErrorCode("Error 404 - source not found")).toBe(404);
    expect(parseTaskErrorCode("[500] boom")).toBe(500);
    expect(parseTaskErrorCode("Task failed due to Internal Error")).toBeUndefined();
    expect(parseTaskErrorCode("")).toBeUndefined();
    const failed = task({ status: "failure", message: "396: Image import failed" }) as Task;
    const error = (() => {
      try {
        assertTaskSucceeded(failed);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).errorCode).toBe(396);
    expect((error as TaskFailedError).message).toBe(`Task ${TASK} (import) failed: 396: Image import failed`);
    expect(assertTaskSucceeded(task({ status: "success" }) as Task).status).toBe("success");
  });

  // Every task id goes into the URL path: anything but a UUID (null included, which used to be a
  // TypeError in the waiter) is a ValidationError and nothing is sent.
  it.each([null, undefined, 7, "", ".", "..", "%2E%2E", ".%2e", "a/b", "/", `${TASK}/..`])("tasks.get(%j) is a ValidationError before sending", async (bad) => {
    const transport = fakeTransport(() => ({ status: 200, body: task() }));
    const glance = new ImageClient({ endpoint: "http://g:9292", transport });
    const error = await glance.tasks.get(bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});
