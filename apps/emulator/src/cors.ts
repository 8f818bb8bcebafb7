/**
 * CORS the way oslo.middleware answers it in front of Glance and Keystone (`[cors]
 * allowed_origin`, `allow_headers`, `expose_headers`): a preflight from an allowed origin gets
 * 200 with the allowed methods and headers; every other answer to an allowed origin carries
 * `Access-Control-Allow-Origin` and the exposed headers. Other origins get no CORS headers, so
 * the browser refuses the answer, as with a real cloud.
 */

/** Request headers the SDK sends from a page (oslo adds the simple ones itself). */
const ALLOW_HEADERS = [
  "Content-MD5",
  "Content-Type",
  "Range",
  "X-Auth-Token",
  "X-Subject-Token",
  "X-Identity-Status",
  "X-Roles",
  "X-User-Id",
  "X-Tenant-Id",
  "X-Project-Id",
  "X-OpenStack-Request-ID",
  "X-Image-Meta-Store",
  "X-Openstack-Append",
  "X-Auth-User",
  "X-Auth-Key",
];

/** Answer headers a page may read. */
const EXPOSE_HEADERS = [
  "Content-MD5",
  "Content-Range",
  "Location",
  "OpenStack-image-import-methods",
  "OpenStack-image-store-ids",
  "X-OpenStack-Request-ID",
  "X-Subject-Token",
  "X-Auth-Token",
  "X-Compute-Request-Id",
];

const ALLOW_METHODS = "GET,PUT,POST,DELETE,PATCH,HEAD,OPTIONS";

/** The emulator's CORS policy: the allowed origins (`*` for any). */
export class CorsPolicy {
  readonly #origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.#origins = new Set(origins);
  }

  /** Whether answers to `origin` get CORS headers. */
  allows(origin: string | undefined): origin is string {
    return origin !== undefined && (this.#origins.has("*") || this.#origins.has(origin));
  }

  /** The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin, else undefined. */
  preflight(method: string, origin: string | undefined, requestMethod: string | undefined): Record<string, string> | undefined {
    if (method !== "OPTIONS" || requestMethod === undefined || !this.allows(origin)) return undefined;
    return {
      "access-control-allow-origin": origin,
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": ALLOW_METHODS,
      "access-control-allow-headers": ALLOW_HEADERS.join(","),
      "access-control-max-age": "3600",
      vary: "Origin",
    };
  }

  /** Headers added to an ordinary answer to `origin` (none for an origin not allowed). */
  headers(origin: string | undefined): Record<string, string> {
    if (!this.allows(origin)) return {};
    return {
      "access-control-allow-origin": origin,
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": EXPOSE_HEADERS.join(","),
      vary: "Origin",
    };
  }
}
