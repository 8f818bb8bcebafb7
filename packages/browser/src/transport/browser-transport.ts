import { createFetchTransport, type FetchTransportOptions, type Transport, type TransportRequest, type TransportResponse } from "@cloud-images/core";
import { progressOf } from "./upload-progress.js";
import { sendWithXhr, type XhrConstructor } from "./xhr-request.js";
import { setOwn } from "@cloud-images/core/internal";

/** Options of {@link createBrowserTransport}. */
export interface BrowserTransportOptions extends FetchTransportOptions {
  /**
   * The `XMLHttpRequest` class that sends `Blob` bodies (default: the global one). Without one
   * (service workers), `Blob` bodies go through `fetch`, without upload progress.
   */
  readonly XMLHttpRequest?: XhrConstructor | undefined;
}

/**
 * Headers a page cannot set (the browser sends its own): dropped instead of making the browser
 * refuse the request or print a warning.
 */
const BROWSER_OWNED_HEADERS = new Set(["user-agent", "content-length", "host", "connection", "accept-encoding"]);

/**
 * The transport of web pages: `fetch` for every request (streamed downloads), except requests
 * whose body is a `Blob`, which go through `XMLHttpRequest` so that its upload events report
 * progress (fetch has none). Failures come back as the core's errors (`ConnectionError` for a
 * network or CORS failure, the abort reason unchanged).
 *
 * CORS: the server must allow the page's origin, the headers the SDK sends (`X-Auth-Token`,
 * `Content-Type`, `Range`, `X-OpenStack-Request-ID`, `x-openstack-image-size`…) and expose the ones
 * it reads (`X-OpenStack-Request-ID`, `Content-MD5`, `Content-Range`, `Location`,
 * `OpenStack-image-import-methods`, `OpenStack-image-store-ids`, `X-Subject-Token`). A CORS
 * refusal looks like a network failure to the page (a `ConnectionError`); the browser console
 * names the missing header.
 */
export function createBrowserTransport(options: BrowserTransportOptions = {}): Transport {
  const viaFetch = createFetchTransport(options);
  const Xhr = options.XMLHttpRequest ?? (globalThis as { XMLHttpRequest?: XhrConstructor }).XMLHttpRequest;
  return {
    request(req: TransportRequest): Promise<TransportResponse> {
      const headers = withoutBrowserOwned(req.headers);
      const body: unknown = req.body;
      if (Xhr !== undefined && typeof Blob !== "undefined" && body instanceof Blob) {
        return sendWithXhr(Xhr, { ...req, headers }, body, progressOf(body), options.init?.credentials === "include");
      }
      return viaFetch.request({ ...req, headers });
    },
  };
}

function withoutBrowserOwned(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (!BROWSER_OWNED_HEADERS.has(name)) setOwn(kept, name, value);
  return kept;
}
