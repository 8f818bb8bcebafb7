/** Next-gen Cloud Servers (compute v2): `server list`, `server image create|list|show|delete`. */
import type { ComputeImage, ListComputeImagesQuery } from "@cloud-images/node";
import { dictColumn } from "../output/render.js";
import { spinner } from "../progress.js";
import type { Run } from "../run-types.js";
import { keyValues, stringArg } from "./shared.js";

function computeFields(image: ComputeImage): [string, unknown][] {
  return Object.entries(image as Record<string, unknown>)
    .filter(([k, v]) => k !== "links" && v !== undefined && v !== null)
    .map(([k, v]): [string, unknown] => [k, typeof v === "object" && v !== null ? dictColumn(v as Record<string, unknown>) : v])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** `server list`: ID and name of the servers. */
export async function serverList(run: Run): Promise<void> {
  const cloud = await run.cloud();
  const servers = await cloud.compute.images.listServers(run.call);
  await run.list(["ID", "Name"], servers.map((s) => [s.id, s.name]));
}

/** `server image create <server> [--name N] [--property k=v] [--wait]`. */
export async function create(run: Run): Promise<void> {
  const cloud = await run.cloud();
  const serverRef = stringArg(run, 0);
  const servers = await cloud.compute.images.listServers(run.call);
  const server = servers.find((s) => s.id === serverRef) ?? servers.find((s) => s.name === serverRef);
  const serverId = server?.id ?? serverRef;
  const name = (run.opts.name as string | undefined) ?? server?.name ?? serverRef;
  const metadata = keyValues(run.opts.property as string[], "--property");
  let image = await cloud.compute.images.createImage(serverId, { name, ...(Object.keys(metadata).length ? { metadata } : {}) }, run.call);
  if (run.opts.wait) {
    const spin = await spinner(run, `snapshot ${image.id} of ${serverId}`);
    try {
      image = await cloud.compute.waitFor.image(image.id, {
        timeoutMs: ((run.opts.waitTimeout as number | undefined) ?? 3600) * 1000,
        signal: run.signal,
        onProgress: (p) => spin.status(`${p.state ?? "…"}${typeof p.value?.progress === "number" ? ` ${p.value.progress}%` : ""}`),
      });
      spin.stop();
    } finally {
      spin.stop();
    }
  }
  await run.show(computeFields(image));
}

/** `server image list [--server] [--status] [--type] [--name] [--long]`. */
export async function list(run: Run): Promise<void> {
  const o = run.opts;
  const cloud = await run.cloud();
  const query: ListComputeImagesQuery = {
    ...(o.server ? { server: String(o.server) } : {}),
    ...(o.status ? { status: o.status as ListComputeImagesQuery["status"] } : {}),
    ...(o.type ? { type: o.type as "BASE" | "SNAPSHOT" } : {}),
    ...(o.name ? { name: String(o.name) } : {}),
  };
  const rows: unknown[][] = [];
  for await (const i of cloud.compute.images.listAll(query, run.call)) {
    const image = i as ComputeImage & Record<string, unknown>;
    rows.push(o.long ? [image.id, image.name, image.status, image.progress ?? "", image.minDisk ?? "", image.minRam ?? "", image.updated ?? ""] : [image.id, image.name, image.status]);
  }
  await run.list(o.long ? ["ID", "Name", "Status", "Progress", "Min Disk", "Min RAM", "Updated"] : ["ID", "Name", "Status"], rows);
}

/** `server image show <image>`. */
export async function show(run: Run): Promise<void> {
  const cloud = await run.cloud();
  await run.show(computeFields(await cloud.compute.images.get(stringArg(run, 0), run.call)));
}

/** `server image delete <image>`. */
export async function remove(run: Run): Promise<void> {
  const cloud = await run.cloud();
  await cloud.compute.images.delete(stringArg(run, 0), run.call);
}
