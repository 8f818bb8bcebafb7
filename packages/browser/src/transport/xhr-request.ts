import { ConnectionError, type TransportRequest, type TransportResponse } from "@cloud-images/core";
import type { UploadProgressListener } from "./upload-progress.js";
import { redactUrl, setOwn } from "@cloud-images/core/internal";

/** The part of the `XMLHttpRequest` class the transport uses (a global in pages and workers). */
export type XhrConstructor = new () => XMLHttpRequest;

/**
 * Sends one request with a `Blob` body through `XMLHttpRequest`, reporting upload progress, and
 * resolves with the whole (small) answer once it has arrived. The abort reason of `req.signal` is
 * thrown unchanged; a network or CORS failure is a `ConnectionError`.
 */
export function sendWithXhr(
  Xhr: XhrConstructor,
  req: TransportRequest,
  body: Blob,
  onProgress: UploadProgressListener | undefined,
  withCredentials: boolean,
): Promise<TransportResponse> {
  const description = { method: req.method, url: redactUrl(req.url) };
  const signal = req.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<TransportResponse>((resolve, reject) => {
    const xhr = new Xhr();
    const onAbort = (): void => {
      xhr.abort();
      reject(signal?.reason);
    };
    const settle = (): void => signal?.removeEventListener("abort", onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });
    const { url, user, password } = splitUserinfo(req.url);
    if (user === undefined) xhr.open(req.method, url);
    else xhr.open(req.method, url, true, user, password);
    xhr.responseType = "arraybuffer";
    xhr.withCredentials = withCredentials;
    for (const [name, value] of Object.entries(req.headers)) xhr.setRequestHeader(name, value);
    if (onProgress) {
      xhr.upload.addEventListener("progress", (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size));
    }
    xhr.addEventListener("load", () => {
      settle();
      resolve(xhrResponse(xhr));
    });
    xhr.addEventListener("error", () => {
      settle();
      if (signal?.aborted) reject(signal.reason);
      else reject(new ConnectionError(description, { cause: "the browser reported a network error (connection refused or cut, or a CORS refusal: see the browser console)" }));
    });
    xhr.addEventListener("abort", () => {
      settle();
      reject(signal?.aborted ? signal.reason : new ConnectionError(description, { cause: "the browser aborted the request" }));
    });
    xhr.send(body);
  });
}

/** The URL without user-info, and the user-info apart (XHR sends it as Basic credentials). */
function splitUserinfo(raw: string): { url: string; user: string | undefined; password: string | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { url: raw, user: undefined, password: undefined };
  }
  if (parsed.username === "" && parsed.password === "") return { url: raw, user: undefined, password: undefined };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.toString(), user, password };
}

/** The headers a CORS answer lets the page read, with lower-case names. */
function responseHeaders(xhr: XMLHttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of xhr.getAllResponseHeaders().split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    setOwn(headers, name, Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value);
  }
  return headers;
}

function xhrResponse(xhr: XMLHttpRequest): TransportResponse {
  const buffer = xhr.response instanceof ArrayBuffer ? xhr.response : new ArrayBuffer(0);
  const bytes = new Uint8Array(buffer);
  return {
    status: xhr.status,
    headers: responseHeaders(xhr),
    text: async () => new TextDecoder().decode(bytes),
    bytes: async () => bytes,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
      }),
    discard: async () => undefined,
  };
}
