/**
 * The README's "Using it" example, kept here so `pnpm typecheck` proves it compiles against the
 * real API. Not run by the tests (it needs a real cloud); see `glance-quickstart.ts` for a run.
 */
import { createClient, keystonePassword, NotFoundError } from "../src/index.js";

export async function readmeUsage(password: string): Promise<void> {
  // A token and an endpoint …
  const glance = createClient({ endpoint: "https://glance.example.com:9292", token: process.env.OS_TOKEN });
  // … or credentials (the endpoint comes from the service catalog) …
  const viaKeystone = createClient({
    identity: keystonePassword({ authUrl: "https://keystone.example.com/v3", username: "demo", password, userDomainName: "Default", projectName: "demo", projectDomainName: "Default" }),
    region: "RegionOne",
  });
  // … or clouds.yaml / OS_* exactly as openstacksdk finds them.
  const fromConfig = createClient({ cloud: "mycloud" });

  // One call: create (client-chosen id), upload from any source (a path here), wait for active, verify.
  const { image } = await glance.uploadImage({
    attributes: { name: "ubuntu-24.04", disk_format: "qcow2", container_format: "bare" },
    data: "./ubuntu.qcow2",
    onProgress: (p) => console.log(p.bytes, p.total),
  });
  await glance.images.updateProperties(image.id, { os_distro: "ubuntu", "org.example/owner": "team-a" });

  for await (const i of glance.images.listAll({ status: "active", tag: ["lts", "x86_64"], sort: [{ key: "name" }] })) {
    console.log(i.id, i.name);
  }
  await glance.data.downloadToFile(image.id, "./copy.qcow2"); // verified; never leaves a half file

  try {
    await glance.images.get(image.id, { timeoutMs: 5_000, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    if (error instanceof NotFoundError) console.log(error.status, error.requestId, error.serverMessage);
  }
  await Promise.all([glance.close(), viaKeystone.close(), fromConfig.close()]);
}
