import type { CallOptions, HttpClient } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import { pushPagingEntries } from "../pagination/paging-query.js";
import type { QueryEntries } from "../http/query.js";
import { imageOp } from "../images/images-api.js";
import { DISK_FORMATS, SORT_DIRECTIONS, type DiskFormat, type SortDirection } from "../images/enums.js";
import { checkImageAttribute } from "../images/image-attributes.js";
import { linkPage, paginate, type LinkedPage, type PageIterator } from "../pagination/paginator.js";
import type { Task, TaskList, TaskStatus } from "../schemas/image-v2.js";
import { task as TaskSchema, taskList as TaskListSchema } from "../validation/tasks.js";
import { InputChecker } from "../validation/checker.js";

/** Every task status. */
export const TASK_STATUSES: readonly TaskStatus[] = ["pending", "processing", "success", "failure"];
/** Task types a client may create (`export` exists on Rackspace only; Glance answers 400). */
export const TASK_TYPES = ["import", "export"] as const;
/** A task type a client may create. */
export type TaskType = (typeof TASK_TYPES)[number];
/** Keys Glance can sort tasks by. */
export const TASK_SORT_KEYS = ["id", "type", "status", "created_at", "updated_at", "owner", "expires_at"] as const;
/** A key Glance can sort tasks by. */
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];

/** Input of an `import` task: the cloud fetches `import_from` and creates an image from it. */
export interface ImportTaskInput {
  /**
   * Where the data is: an absolute `http(s)://…` URL (upstream Glance; loopback sources need the
   * operator's `allowed_hosts`/`allowed_ports`), or a Cloud Files `container/object` path
   * (Rackspace Cloud Images, e.g. `exports/my-image.vhd`; the object name may hold `/`).
   */
  readonly import_from: string;
  /** Disk format of the source data. */
  readonly import_from_format: DiskFormat;
  /** Attributes of the image to create (Glance: `disk_format` and `container_format` at least; Rackspace: only `name`). */
  readonly image_properties: Readonly<Record<string, unknown>>;
}

/** Input of an `export` task (Rackspace shape). */
export interface ExportTaskInput {
  /** The image to export. */
  readonly image_uuid: string;
  /** The Swift container that receives the exported file. */
  readonly receiving_swift_container: string;
}

/** Body of `POST /v2/tasks`. */
export type CreateTaskInput = { readonly type: "import"; readonly input: ImportTaskInput } | { readonly type: "export"; readonly input: ExportTaskInput };

/** Filters, sorting and paging of `GET /v2/tasks`. */
export interface ListTasksQuery {
  /** Page size. */
  readonly limit?: number;
  /** Id of the last task of the previous page. */
  readonly marker?: string;
  /** Task type (Glance accepts only `import` as a filter). */
  readonly type?: string;
  /** Task status. */
  readonly status?: TaskStatus;
  /** Sort key (default `created_at`). */
  readonly sort_key?: TaskSortKey;
  /** Sort direction (default `desc`). */
  readonly sort_dir?: SortDirection;
}

/** One page of {@link TasksApi.list}: Glance's answer (`tasks`, `next`…), `items`, and the way to the next page. */
export type TaskPage = LinkedPage<Task, TaskList & { items: Task[] }>;

/**
 * Glance v2 tasks (API ≥ 2.2; admin-only unless the operator opens `tasks_api_access`):
 * create `import`/`export` tasks, read one, list with filters (one page, or every page through an
 * async iterator). Wait for one to end with `client.waitFor.task(id)` (a task in `failure`
 * becomes a `TaskFailedError` carrying the server's message).
 */
export class TasksApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Creates a task (`POST /v2/tasks`, 201, status `pending`). Input is checked before sending. */
  create(task: CreateTaskInput, options?: CallOptions): ApiPromise<Task> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("tasks.create");
      checkCreateTask(check, task);
      check.throwIfInvalid();
      const { data } = await this.#http.json(
        imageOp({
          operation: "tasks.create",
          method: "post",
          path: "/v2/tasks",
          params: {},
          headers: { "content-type": "application/json" },
          body: new TextEncoder().encode(JSON.stringify({ type: task.type, input: task.input })),
          expect: [201],
        }),
        TaskSchema,
        sinkOptions,
      );
      return data;
    });
  }

  /** Creates an `import` task: Glance downloads `import_from` into a new image. */
  createImport(input: ImportTaskInput, options?: CallOptions): ApiPromise<Task> {
    return this.create({ type: "import", input }, options);
  }

  /** Creates an `export` task (Rackspace: exports `image_uuid` into `receiving_swift_container`). */
  createExport(input: ExportTaskInput, options?: CallOptions): ApiPromise<Task> {
    return this.create({ type: "export", input }, options);
  }

  /** Reads one task (`GET /v2/tasks/{id}`) with its `input`, `result` and `message`. */
  get(taskId: string, options?: CallOptions): ApiPromise<Task> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("tasks.get");
      check.uuid(["taskId"], taskId);
      check.throwIfInvalid();
      const { data } = await this.#http.json(
        imageOp({ operation: "tasks.get", method: "get", path: "/v2/tasks/{task_id}", params: { task_id: taskId }, expect: [200] }),
        TaskSchema,
        sinkOptions,
      );
      return data;
    });
  }

  /**
   * Reads one page of tasks (`GET /v2/tasks`). List entries have no `input`/`result`/`message`.
   * The page knows the next one: `page.hasNextPage()`, `await page.getNextPage()` (same query
   * and options). `page.items` is `page.tasks`.
   */
  list(query: ListTasksQuery = {}, options?: CallOptions): ApiPromise<TaskPage> {
    return apiPromise(options, async (sinkOptions) => {
      const base = listTasksQueryEntries(query, "tasks.list").filter(([name]) => name !== "marker");
      const fetchPage = async (marker: string | undefined): Promise<TaskList & { items: Task[] }> => {
        const entries = marker === undefined ? base : [...base, ["marker", marker] as const];
        const { data } = await this.#http.json(
          imageOp({ operation: "tasks.list", method: "get", path: "/v2/tasks", params: {}, query: entries, expect: [200] }),
          TaskListSchema,
          sinkOptions,
        );
        return Object.assign(data, { items: data.tasks });
      };
      return linkPage(await fetchPage(query.marker), fetchPage);
    });
  }

  /** Every task matching `query`, page after page, as an async iterator (`query.limit` is the page size). */
  listAll(query: ListTasksQuery = {}, options?: CallOptions): PageIterator<Task, TaskList & { items: Task[] }> {
    const base = listTasksQueryEntries(query, "tasks.listAll").filter(([name]) => name !== "marker");
    return paginate(async (marker) => {
      const start = marker ?? query.marker;
      const entries = start === undefined ? base : [...base, ["marker", start] as const];
      const { data } = await this.#http.json(
        imageOp({ operation: "tasks.listAll", method: "get", path: "/v2/tasks", params: {}, query: entries, expect: [200] }),
        TaskListSchema,
        options,
      );
      return Object.assign(data, { items: data.tasks });
    });
  }
}

function checkCreateTask(check: InputChecker, task: CreateTaskInput): void {
  if (typeof task !== "object" || task === null) {
    check.fail([], "must be { type, input }");
    return;
  }
  check.oneOf(["type"], task.type, TASK_TYPES);
  const input = task.input as unknown as Record<string, unknown> | undefined;
  if (typeof input !== "object" || input === null) {
    check.fail(["input"], "must be an object");
    return;
  }
  if (task.type === "import") {
    const from = input.import_from;
    check.string(["input", "import_from"], from);
    if (typeof from === "string" && from.length > 0) {
      const problem = importFromProblem(from);
      if (problem) check.fail(["input", "import_from"], `${problem}, got ${JSON.stringify(from)}`);
    }
    check.oneOf(["input", "import_from_format"], input.import_from_format, DISK_FORMATS);
    const props = input.image_properties;
    if (typeof props !== "object" || props === null || Array.isArray(props)) {
      check.fail(["input", "image_properties"], "must be an object of image attributes (disk_format, container_format, name…)");
    } else {
      for (const [name, value] of Object.entries(props)) {
        if (value !== undefined) checkImageAttribute(check, ["input", "image_properties", name], name, value, "create");
      }
    }
  } else if (task.type === "export") {
    check.uuid(["input", "image_uuid"], input.image_uuid);
    check.string(["input", "receiving_swift_container"], input.receiving_swift_container, { max: 256 });
  }
}

/**
 * Why `import_from` is unusable, or `undefined` when it is an absolute http(s) URL (Glance) or a
 * Cloud Files `container/object` path with both parts non-empty (Rackspace).
 */
function importFromProblem(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "") return undefined;
    return "must be an absolute http(s) URL (e.g. https://host/file.qcow2) or a Cloud Files path container/object";
  }
  const slash = value.indexOf("/");
  const container = slash < 0 ? "" : value.slice(0, slash);
  const object = slash < 0 ? "" : value.slice(slash + 1);
  if (container === "" || object === "") {
    return "must be a Cloud Files path container/object with a non-empty container and object name, or an absolute http(s) URL";
  }
  if (container.length > 256) return "has a container name longer than 256 characters";
  if (new TextEncoder().encode(object).length > 1024) return "has an object name longer than 1024 bytes";
  return undefined;
}

/** Checks a task list query and turns it into query parameters (throws `ValidationError`). */
export function listTasksQueryEntries(query: ListTasksQuery, operation = "tasks.list"): QueryEntries {
  const check = new InputChecker(operation);
  const out: [string, string][] = [];
  const known = new Set(["limit", "marker", "type", "status", "sort_key", "sort_dir"]);
  for (const [key, value] of Object.entries(query)) {
    if (!known.has(key) && value !== undefined) check.fail([key], `is not a task filter (use ${[...known].join(", ")})`);
  }
  pushPagingEntries(check, out, query);
  if (query.type !== undefined) {
    check.string(["type"], query.type, { max: 255 });
    out.push(["type", String(query.type)]);
  }
  if (query.status !== undefined) {
    check.oneOf(["status"], query.status, TASK_STATUSES);
    out.push(["status", String(query.status)]);
  }
  if (query.sort_key !== undefined) {
    check.oneOf(["sort_key"], query.sort_key, TASK_SORT_KEYS);
    out.push(["sort_key", String(query.sort_key)]);
  }
  if (query.sort_dir !== undefined) {
    check.oneOf(["sort_dir"], query.sort_dir, SORT_DIRECTIONS);
    out.push(["sort_dir", String(query.sort_dir)]);
  }
  check.throwIfInvalid();
  return out;
}
