/** First-generation Cloud Servers v1.0: `legacy image list|show|create|delete`, `legacy server list`. */
import type { LegacyImage } from "@cloud-images/node";
import { CommandFailedError, UsageError } from "../errors.js";
import { spinner } from "../progress.js";
import type { Run } from "../run-types.js";
import { stringArg } from "./shared.js";

function fields(image: LegacyImage): [string, unknown][] {
  return Object.entries(image.toJSON() as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

async function find(run: Run, ref: string): Promise<LegacyImage> {
  const cloud = await run.cloud();
  return /^\d+$/.test(ref) ? cloud.legacyCompute.images.get(Number(ref), run.call) : cloud.legacyCompute.images.find({ name: ref }, run.call);
}

/** `legacy image list [--long] [--limit N]`. */
export async function list(run: Run): Promise<void> {
  const cloud = await run.cloud();
  const limit = run.opts.limit as number | undefined;
  const rows: unknown[][] = [];
  for await (const image of cloud.legacyCompute.images.listAll({ ...run.call, ...(limit !== undefined ? { limit } : {}) })) {
    rows.push(run.opts.long ? [image.id, image.name, image.status ?? "", image.progress ?? "", image.serverId ?? "", image.updated ?? ""] : [image.id, image.name, image.status ?? ""]);
    if (limit !== undefined && rows.length >= limit) break;
  }
  await run.list(run.opts.long ? ["ID", "Name", "Status", "Progress", "Server ID", "Updated"] : ["ID", "Name", "Status"], rows);
}

/** `legacy image show <id|name>`. */
export async function show(run: Run): Promise<void> {
  await run.show(fields(await find(run, stringArg(run, 0))));
}

/** `legacy image create <server-id> --name N [--wait]`. */
export async function create(run: Run): Promise<void> {
  const ref = stringArg(run, 0);
  if (!/^\d+$/.test(ref)) throw new UsageError(`legacy image create: the server is a number (got ${ref})`);
  const cloud = await run.cloud();
  let image = await cloud.legacyCompute.images.create(String(run.opts.name), Number(ref), run.call);
  if (run.opts.wait) {
    const spin = await spinner(run, `v1.0 snapshot ${image.id}`);
    const deadline = Date.now() + ((run.opts.waitTimeout as number | undefined) ?? 3600) * 1000;
    try {
      while (image.status !== "ACTIVE") {
        if (image.status === "FAILED") throw new CommandFailedError(`v1.0 image ${image.id} FAILED`);
        if (Date.now() > deadline) throw new CommandFailedError(`v1.0 image ${image.id} still ${image.status ?? "?"} after the wait timeout`);
        spin.status(`${image.status ?? "…"} ${image.progress ?? 0}%`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        image = await image.refresh(run.call);
      }
      spin.stop();
    } finally {
      spin.stop();
    }
  }
  await run.show(fields(image));
}

/** `legacy image delete <id|name>`. */
export async function remove(run: Run): Promise<void> {
  const image = await find(run, stringArg(run, 0));
  await image.delete(run.call);
}

/** `legacy server list`. */
export async function serverList(run: Run): Promise<void> {
  const cloud = await run.cloud();
  const servers = await cloud.legacyCompute.images.listServers(run.call);
  await run.list(["ID", "Name"], servers.map((s) => [s.id, s.name]));
}
