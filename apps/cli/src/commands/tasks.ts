/** `image task list|show|import|export`. */
import type { DiskFormat, ListTasksQuery, Task } from "@cloud-images/node";
import { spinner } from "../progress.js";
import { imageId } from "../resolve.js";
import type { Run } from "../run-types.js";
import { TASK_HEADERS, taskFields, taskRow } from "../views.js";
import { keyValues, stringArg } from "./shared.js";

/** `image task list`. */
export async function list(run: Run): Promise<void> {
  const o = run.opts;
  const client = await run.images();
  const limit = o.limit as number | undefined;
  const query: ListTasksQuery = {
    ...(o.type ? { type: String(o.type) } : {}),
    ...(o.status ? { status: o.status as ListTasksQuery["status"] } : {}),
    ...(o.sortKey ? { sort_key: o.sortKey as ListTasksQuery["sort_key"] } : {}),
    ...(o.sortDir ? { sort_dir: o.sortDir as ListTasksQuery["sort_dir"] } : {}),
    ...(o.marker ? { marker: String(o.marker) } : {}),
    ...(limit !== undefined ? { limit: Math.min(limit, 1000) } : {}),
  };
  const tasks: Task[] = [];
  for await (const task of client.tasks.listAll(query, run.call)) {
    tasks.push(task);
    if (limit !== undefined && tasks.length >= limit) break;
  }
  await run.list(TASK_HEADERS, tasks.map(taskRow));
}

/** `image task show <task>`. */
export async function show(run: Run): Promise<void> {
  const client = await run.images();
  await run.show(taskFields(await client.tasks.get(stringArg(run, 0), run.call)));
}

async function finish(run: Run, task: Task): Promise<void> {
  if (!run.opts.wait) {
    await run.show(taskFields(task));
    return;
  }
  const client = await run.images();
  const spin = await spinner(run, `task ${task.id} (${task.type})`);
  try {
    const done = await client.waitFor.task(task.id, {
      timeoutMs: ((run.opts.waitTimeout as number | undefined) ?? 3600) * 1000,
      signal: run.signal,
      onProgress: (p) => spin.status(p.state ?? "…"),
    });
    spin.stop();
    await run.show(taskFields(done));
  } finally {
    spin.stop();
  }
}

/** `image task import --from LOCATION --import-from-format F --property k=v`. */
export async function importTask(run: Run): Promise<void> {
  const client = await run.images();
  const task = await client.tasks.createImport(
    {
      import_from: String(run.opts.from),
      import_from_format: String(run.opts.importFromFormat ?? "vhd") as DiskFormat,
      image_properties: keyValues(run.opts.property as string[], "--property"),
    },
    run.call,
  );
  await finish(run, task);
}

/** `image task export <image> --container C`. */
export async function exportTask(run: Run): Promise<void> {
  const client = await run.images();
  const id = await imageId(client, stringArg(run, 0), run.call);
  const task = await client.tasks.createExport({ image_uuid: id, receiving_swift_container: String(run.opts.container) }, run.call);
  await finish(run, task);
}
