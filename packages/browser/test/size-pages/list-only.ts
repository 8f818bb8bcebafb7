/**
 * Size page: a web page that only lists images, written the lean way (the bare-bones
 * `ImageServiceClient` over the fetch transport, token auth). Bundled, never run, by
 * `../bundle-size.test.ts`. Budget: 25 kB min+gz.
 */
import { ImageServiceClient, createFetchTransport } from "@cloud-images/browser";

declare const token: string;
declare const list: HTMLUListElement;

const glance = new ImageServiceClient({ endpoint: "https://glance.example.com:9292", token, transport: createFetchTransport() });
for await (const image of glance.images.listAll({ status: "active" })) {
  const item = document.createElement("li");
  item.textContent = `${image.name ?? image.id} (${image.size ?? 0} bytes)`;
  list.append(item);
}
