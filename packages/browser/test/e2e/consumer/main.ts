// A page as a user writes it: `@cloud-images/browser` imported by its name, bundled by a bundler.
import { createClient, NotFoundError, rackspaceApiKey, type TransferProgress } from "@cloud-images/browser";

async function run(): Promise<Record<string, unknown>> {
  const query = new URLSearchParams(location.search);
  const client = createClient({
    identity: rackspaceApiKey({ authUrl: query.get("authUrl") ?? "", username: query.get("username") ?? "", apiKey: query.get("apiKey") ?? "" }),
    region: query.get("region") ?? undefined,
  });
  const listed = (await client.images.list()).items.length;
  const image = await client.images.create({ name: "consumer-page", disk_format: "raw", container_format: "bare" });
  const data = new Blob([new Uint8Array(256 * 1024).map((_, i) => i % 251)]);
  let last: TransferProgress | undefined;
  const upload = await client.data.upload(image.id, data, { onProgress: (p) => (last = p) });
  const download = await client.data.downloadToBlob(image.id);
  const missing = await client.images.get(crypto.randomUUID()).catch((error: unknown) => error);
  await client.images.delete(image.id);
  return {
    listed,
    uploaded: upload.verified,
    progress: last,
    downloaded: download.verified,
    sameSize: download.blob.size === data.size,
    notFound: missing instanceof NotFoundError,
    requestId: missing instanceof NotFoundError ? missing.requestId : undefined,
  };
}

run().then(
  (result) => {
    document.getElementById("out")!.textContent = JSON.stringify(result);
    document.title = "done";
  },
  (error: unknown) => {
    document.getElementById("out")!.textContent = `error: ${String(error)}`;
    document.title = "failed";
  },
);
