// The packages the consumer smoke installs from `pnpm pack` tarballs, one entry each:
// - `dir`: the workspace folder to pack;
// - `imports`: entry points (bare specifiers) → names each must export (ESM import and require(esm));
// - `ts`: a TypeScript file using the public API, compiled with moduleResolution node16 and
//   bundler (and, with `web: true`, in a DOM-only project without @types/node too; with
//   `dom: true` only there, as the package needs the DOM library);
// - `smoke`: an ES module run in the consumer after the imports (it may use any listed package);
// - `bins`: commands the package installs → arguments and a pattern their output must match.
// A package's workspace dependencies must be listed too (they are installed from tarballs as well).
export const PACKAGES = [
  {
    dir: "packages/core",
    web: true,
    imports: {
      "@cloud-images/core": ["ImageClient", "CloudImagesError", "ValidationError", "createFetchTransport"],
      "@cloud-images/core/schemas": [],
    },
    ts: `import { ImageClient, NotFoundError, createFetchTransport, type Image } from "@cloud-images/core";
const client = new ImageClient({ endpoint: "https://glance.example.com", token: "t", transport: createFetchTransport() });
export async function nameOf(id: string): Promise<string | undefined> {
  try {
    const image: Image = await client.images.get(id, { timeoutMs: 5_000 });
    return image.name ?? undefined;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}`,
  },
  {
    dir: "packages/node",
    imports: {
      "@cloud-images/node": ["createClient", "createCloud", "createComputeClient", "rackspaceApiKey", "UploadImageError"],
      "@cloud-images/node/schemas": [],
    },
    ts: `import { createClient, rackspaceApiKey, type NodeImageClient } from "@cloud-images/node";
const glance: NodeImageClient = createClient({ identity: rackspaceApiKey({ username: "demo", apiKey: "k" }), region: "DFW" });
export async function upload(path: string): Promise<string> {
  const { image } = await glance.uploadImage({ attributes: { name: "x", disk_format: "raw", container_format: "bare" }, data: path });
  for await (const i of glance.images.listAll({ tag: ["lts"] })) console.log(i.id);
  await glance.close();
  return image.id;
}`,
  },
  {
    dir: "apps/emulator",
    imports: { "@cloud-images/emulator": ["startEmulator", "seededData", "DEFAULT_USERS", "REGIONS"] },
    ts: `import { seededData, startEmulator, type Emulator } from "@cloud-images/emulator";
export async function withEmulator(): Promise<void> {
  const emulator: Emulator = await startEmulator({ mode: "glance" });
  emulator.faults.inject({ match: { method: "GET" }, status: 503, retryAfterSeconds: 1, times: 2 });
  console.log(emulator.url, seededData("DFW").servers.length);
  await emulator.stop();
}`,
    smoke: `import { createClient, rackspaceApiKey } from "@cloud-images/node";
import { seededData, startEmulator } from "@cloud-images/emulator";
const emulator = await startEmulator();
const [demo] = emulator.users;
const glance = createClient({ identity: rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey }), region: "DFW" });
const [base] = seededData("DFW").baseImages;
const image = await glance.images.get(base.id);
if (image.name !== base.name) throw new Error("seeded image not found: " + image.name);
await glance.close();
await emulator.stop();`,
    bins: { "cloud-images-emulator": { args: ["--help"], output: /--mode M/ } },
  },
  {
    dir: "packages/browser",
    web: true,
    dom: true,
    imports: { "@cloud-images/browser": ["createClient", "createBrowserTransport", "BrowserImageClient", "CloudImagesError"] },
    ts: `import { createClient, type BrowserImageClient } from "@cloud-images/browser";
const glance: BrowserImageClient = createClient({ endpoint: "https://glance.example.com", token: "t" });
export async function visibility(id: string): Promise<string> {
  return (await glance.images.get(id)).visibility;
}`,
  },
  {
    dir: "packages/compat",
    imports: {
      "@cloud-images/compat/pyrax": ["images", "exceptions"],
      "@cloud-images/compat/php-opencloud": ["OpenStack", "Rackspace"],
      "@cloud-images/compat/cloudservers": ["CloudServers"],
      "@cloud-images/compat/openstacksdk": ["connect", "Connection"],
    },
  },
  {
    dir: "apps/cli",
    imports: {},
    bins: { "cloud-images": { args: ["--version"], output: /^\d+\.\d+\.\d+/m } },
  },
];
