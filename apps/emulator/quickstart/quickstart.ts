/**
 * The Rackspace Cloud Images quickstart, end to end, against the embedded emulator: every step
 * goes through the SDK (identity session, Cloud Images client, members, tasks, compute client).
 */
import {
  ComputeClient,
  IdentitySession,
  LegacyComputeClient,
  createClient,
  createUndiciTransport,
  rackspaceApiKey,
  type Image,
  type NodeImageClient,
  type Task,
} from "@cloud-images/node";
import { startEmulator, type Emulator, type EmulatorOptions } from "../src/index.js";

/** What the walk did, for tests. */
export interface QuickstartResult {
  readonly imageCount: number;
  readonly exportedTo: string;
  readonly importedImage: Image;
  readonly membersSeen: number;
  readonly snapshotStatus: string;
  readonly progressSeen: readonly number[];
  readonly legacyImageCount: number;
}

/** Runs the walk; `log` receives readable lines. */
export async function runQuickstart(options: { log?: (line: string) => void; emulator?: EmulatorOptions } = {}): Promise<QuickstartResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  let n = 0;
  const step = (title: string): void => log(`\n${++n}. ${title}`);
  const info = (line: string): void => log(`   ${line}`);

  const emulator: Emulator = await startEmulator({ jobDurationMs: 1500, ...options.emulator });
  const transport = createUndiciTransport();
  const clients: NodeImageClient[] = [];
  try {
    log(`Local Rackspace-flavoured cloud running at ${emulator.url} (identity: ${emulator.identityUrl})`);
    const [demo, partner] = emulator.users as [Emulator["users"][number], Emulator["users"][number]];

    step(`Authenticate as "${demo.username}" with an API key (RAX-KSKEY:apiKeyCredentials)`);
    const session = new IdentitySession({ auth: rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey }), transport });
    const token = await session.token();
    info(`token expires ${token.expiresAt?.toISOString() ?? "(no expiry)"}; default region ${session.region ?? "(none)"}`);
    const imageEndpoint = await session.endpoint({ type: "image", name: "cloudImages" });
    info(`Cloud Images endpoint (${imageEndpoint.region}): ${imageEndpoint.url}`);
    const images = createClient({ endpoint: imageEndpoint.url, auth: session, transport, projectId: demo.tenantId });
    clients.push(images);

    step("List images");
    const page = await images.images.list({ limit: 20 });
    for (const image of page.images) info(`${image.id}  ${image.status.padEnd(7)} ${image.visibility.padEnd(7)} ${image.name ?? ""}`);

    step("Get one image (our server snapshot)");
    const mine = page.images.find((i) => i.owner === demo.tenantId);
    if (!mine) throw new Error("no image owned by the demo account");
    const image = await images.images.get(mine.id);
    info(`${image.name}: ${image.disk_format}/${image.container_format}, ${image.size} bytes, checksum ${image.checksum}`);

    step("Update its metadata");
    const updated = await images.images.updateProperties(image.id, { "com.example.purpose": "quickstart", min_ram: 1024 });
    info(`com.example.purpose=${String(updated["com.example.purpose"])}, min_ram=${updated.min_ram}`);

    step('Export it to the Cloud Files container "exports"');
    const files = await session.endpoint({ type: "object-store", name: "cloudFiles" });
    const put = await fetch(`${files.url}/exports`, { method: "PUT", headers: await session.headers() });
    info(`container "exports": HTTP ${put.status} (${put.status === 201 ? "created" : "already there"})`);
    const exportTask = await images.tasks.createExport({ image_uuid: image.id, receiving_swift_container: "exports" });
    info(`export task ${exportTask.id} is ${exportTask.status}`);
    // The client's waiters (`client.waitFor`).
    const waitFor = images.waitFor;
    const exported = await waitFor.task(exportTask.id, { minDelayMs: 200, maxDelayMs: 500, onProgress: (p) => info(`  … ${p.state}`) });
    const exportedTo = String(exported.result?.["export_location"]);
    info(`exported to ${exportedTo}`);

    step("Import it back (a task reading the Cloud Files object), waiting with progress");
    // Rackspace's import_from is the Cloud Files "container/object" path the export wrote.
    const importTask = await images.tasks.createImport({ import_from: exportedTo, import_from_format: "vhd", image_properties: { name: `${image.name}-reimported` } });
    info(`import task ${importTask.id} is ${importTask.status}`);
    const imported: Task = await waitFor.task(importTask.id, { minDelayMs: 200, maxDelayMs: 500, onProgress: (p) => info(`  … ${p.state} after ${p.elapsedMs} ms`) });
    const importedImage = await images.images.get(String(imported.result?.["image_id"]));
    info(`new image ${importedImage.id} "${importedImage.name}" is ${importedImage.status} (checksum ${importedImage.checksum === image.checksum ? "matches" : "differs"})`);

    step(`Share it with the "${partner.username}" account (${partner.tenantId}), which accepts`);
    const member = await images.members.add(importedImage.id, partner.tenantId);
    info(`member ${member.member_id}: ${member.status}`);
    const partnerSession = new IdentitySession({ auth: rackspaceApiKey({ authUrl: emulator.identityUrl, username: partner.username, apiKey: partner.apiKey }), transport, region: "DFW" });
    const partnerImages = createClient({ endpoint: (await partnerSession.endpoint({ type: "image", name: "cloudImages" })).url, auth: partnerSession, transport, projectId: partner.tenantId });
    clients.push(partnerImages);
    const accepted = await partnerImages.members.accept(importedImage.id);
    info(`${partner.username} accepted: ${accepted.status}`);
    info(`${partner.username} now sees "${(await partnerImages.images.get(importedImage.id)).name}"`);

    step("List and read the members");
    const members = await images.members.list(importedImage.id);
    for (const m of members) info(`${m.member_id}: ${m.status} since ${m.updated_at}`);
    const one = await images.members.get(importedImage.id, partner.tenantId);
    info(`read back: ${one.member_id} is ${one.status}`);

    step("Unshare");
    await images.members.remove(importedImage.id, partner.tenantId);
    const gone = await partnerImages.images.get(importedImage.id).then(
      () => "still visible",
      (e: unknown) => (e as { status?: number }).status === 404 ? "no longer visible (404)" : String(e),
    );
    info(`${partner.username}: ${gone}`);

    step("Snapshot a server with createImage and wait for ACTIVE");
    const computeEndpoint = await session.endpoint({ type: "compute", name: "cloudServersOpenStack" });
    const compute = new ComputeClient({ endpoint: computeEndpoint.url, transport, auth: session });
    const servers = await compute.images.listServers();
    const server = servers[0]!;
    info(`server ${server.name} (${server.id})`);
    const snapshot = await compute.images.createImage(server.id, { name: `${server.name}-quickstart`, metadata: { "com.example.purpose": "quickstart" } });
    info(`createImage → ${snapshot.id}: ${snapshot.status} ${snapshot.progress}%`);
    const progressSeen: number[] = [];
    // The compute client's waiters (`computeClient.waitFor`).
    const active = await compute.waitFor.image(snapshot.id, {
      minDelayMs: 200,
      maxDelayMs: 300,
      onProgress: (p) => {
        progressSeen.push(p.value.progress);
        info(`  … ${p.value.status} ${p.value.progress}%`);
      },
    });
    info(`snapshot ${active.name} is ${active.status}`);

    step("Bonus: the first-generation Cloud Servers v1.0 images");
    const legacyEndpoint = await session.endpoint({ type: "compute", name: "cloudServers" });
    const legacy = new LegacyComputeClient({ endpoint: legacyEndpoint.url, transport, auth: session });
    const legacyImages = await legacy.images.list();
    for (const i of legacyImages) info(`#${i.id} ${i.status} ${i.name}`);

    log(`\nDone: ${n} steps against ${emulator.url}.`);
    return {
      imageCount: page.images.length,
      exportedTo,
      importedImage,
      membersSeen: members.length,
      snapshotStatus: active.status,
      progressSeen,
      legacyImageCount: legacyImages.length,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await transport.close?.();
    await emulator.stop();
  }
}
