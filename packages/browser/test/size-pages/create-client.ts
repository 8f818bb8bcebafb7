/**
 * Size page: the same work as `list-get-upload-download.ts` through the one obvious way, the
 * browser package's full `createClient` (every API of the SDK on one client). Bundled, never
 * run, by `../bundle-size.test.ts`, which reports its size next to the lean pages'.
 */
import { createClient } from "@cloud-images/browser";

declare const token: string;
declare const file: File;
declare const bar: HTMLProgressElement;

const glance = createClient({ endpoint: "https://glance.example.com:9292", token });
for await (const image of glance.images.listAll()) console.log(image.id, image.name);
const blank = await glance.images.create({ name: file.name, disk_format: "qcow2", container_format: "bare" });
await glance.data.upload(blank.id, file, { onProgress: (p) => (bar.value = p.bytes / (p.total ?? 1)) });
const image = await glance.images.get(blank.id);
const copy = await glance.data.downloadToBlob(image.id);
console.log(copy.blob.size, copy.verified);
