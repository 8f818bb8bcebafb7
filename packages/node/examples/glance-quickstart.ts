/**
 * Quickstart against a real Glance: starts Debian's glance-api on a free loopback port
 * (installing it when missing), then walks the image API with the SDK.
 *
 *   pnpm quickstart:glance
 */
import { randomUUID } from "node:crypto";
import { PROJECT_A, startGlance, trustedAuthHeaders } from "@cloud-images/test-servers";
import { announcedImportMethods, createClient, NotFoundError, propertyPointer } from "../src/index.js";

const step = (text: string) => console.log(`\n▶ ${text}`);

const glance = await startGlance();
const client = createClient({ endpoint: `${glance.url}/v2`, headers: trustedAuthHeaders({ project: PROJECT_A }) });
try {
  step("Which image API versions does the server speak?");
  const versions = await client.versions.supported();
  console.log(`  ${versions.length} versions, newest ${versions[0]?.id} (${versions[0]?.status})`);

  step("Create an image with a client-chosen id (a retried create can never make a twin)");
  const { data: image, response } = await client.images
    .create({
      id: randomUUID(),
      name: "quickstart-cirros",
      disk_format: "qcow2",
      container_format: "bare",
      tags: ["quickstart"],
      properties: { os_distro: "cirros" },
    })
    .withResponse();
  const importMethods = announcedImportMethods(response);
  console.log(`  ${image.id} is ${image.status}; import methods: ${importMethods.join(", ")}`);

  step("Set properties: the SDK computes the JSON patch (names with / and ~ are escaped)");
  const updated = await client.images.updateProperties(image.id, { "org.example/team~a": "blue", os_distro: "cirros-0.6", min_ram: 256 });
  console.log(`  os_distro=${updated.os_distro} min_ram=${updated.min_ram} org.example/team~a=${updated["org.example/team~a"]}`);
  await client.images.update(image.id, [{ op: "remove", path: propertyPointer("org.example/team~a") }]);

  step("List every image tagged 'quickstart', page by page");
  for await (const page of client.images.listAll({ tag: "quickstart", limit: 10 }).pages()) {
    for (const i of page.images) console.log(`  - ${i.name} (${i.status}, ${i.disk_format})`);
  }

  step("Delete it; reading it again is a typed NotFoundError carrying the request id");
  await client.images.delete(image.id);
  try {
    await client.images.get(image.id);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`  NotFoundError ${error.status} [${error.requestId}]: ${error.serverMessage}`);
  }
  console.log("\nDone.");
} finally {
  await client.close();
  await glance.stop();
}
