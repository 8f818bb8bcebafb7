/**
 * Size page: list, get, upload a `File` with progress, and download into a `Blob` verified
 * against Glance's digests, written the lean way: the bare-bones `ImageServiceClient` over the
 * browser transport (fetch, XHR for upload progress) plus the browser's data API only.
 * Bundled, never run, by `../bundle-size.test.ts`. Budget: 45 kB min+gz with the hash code the
 * transfers load (md5 and sha512, each loaded on first use).
 */
import { BrowserImageDataApi, ImageServiceClient, createBrowserTransport, wasmHashFactory } from "@cloud-images/browser";

declare const token: string;
declare const file: File;
declare const bar: HTMLProgressElement;

const glance = new ImageServiceClient({ endpoint: "https://glance.example.com:9292", token, transport: createBrowserTransport() });
const data = new BrowserImageDataApi({ http: glance.http, images: glance.images, hashFactory: wasmHashFactory });

for await (const image of glance.images.listAll()) console.log(image.id, image.name);
const blank = await glance.images.create({ name: file.name, disk_format: "qcow2", container_format: "bare" });
await data.upload(blank.id, file, { onProgress: (p) => (bar.value = p.bytes / (p.total ?? 1)) });
const image = await glance.images.get(blank.id);
const copy = await data.downloadToBlob(image.id);
console.log(copy.blob.size, copy.verified);
