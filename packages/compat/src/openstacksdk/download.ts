import type { ImageDownload } from "@cloud-images/node";

/**
 * What `download_image` resolves to, shaped like the `requests.Response` openstacksdk returned:
 * `content` (the bytes, unless `stream: true`), `iter_content(chunk_size)` to read in chunks,
 * `headers` (case-insensitive: `headers["Content-MD5"]` is the image's MD5 checksum, as
 * openstacksdk sets it for streamed downloads), `status_code` and `close()`.
 */
export class DownloadResponse {
  /** 200. */
  readonly status_code: number = 200;
  /** Response headers; names are matched case-insensitively. */
  readonly headers: Readonly<Record<string, string>>;
  /** The whole data (`stream: false`), else `undefined`. */
  readonly content: Uint8Array | undefined;
  readonly #download: ImageDownload | undefined;

  /** Made by `download_image`. */
  constructor(init: { headers: Record<string, string>; content?: Uint8Array | undefined; download?: ImageDownload | undefined }) {
    this.headers = caseInsensitive(init.headers);
    this.content = init.content;
    this.#download = init.download;
  }

  /** The data in chunks of `chunk_size` bytes (default 1024; the last one may be shorter). */
  async *iter_content(chunk_size: number = 1024): AsyncGenerator<Uint8Array> {
    const size = Math.max(1, Math.floor(chunk_size));
    const source: AsyncIterable<Uint8Array> = this.content !== undefined ? once(this.content) : (this.#download?.chunks() ?? once(new Uint8Array()));
    let pending: Uint8Array = new Uint8Array(0);
    for await (const chunk of source) {
      let joined: Uint8Array = pending.length === 0 ? chunk : concat(pending, chunk);
      while (joined.length >= size) {
        yield joined.subarray(0, size);
        joined = joined.subarray(size);
      }
      pending = joined;
    }
    if (pending.length > 0) yield pending;
  }

  /** Stops a streamed download that is not read to the end (releases the connection). */
  async close(): Promise<void> {
    await this.#download?.cancel();
  }
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.length > 0) yield bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function caseInsensitive(headers: Record<string, string>): Readonly<Record<string, string>> {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return new Proxy(lower, {
    get: (target, name) => (typeof name === "string" ? target[name.toLowerCase()] : undefined),
    has: (target, name) => typeof name === "string" && name.toLowerCase() in target,
  });
}
