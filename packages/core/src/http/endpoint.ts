/**
 * Normalizes an image service endpoint to its root: no trailing slash and no version suffix,
 * so that `https://h/image`, `https://h/image/`, `https://h/image/v2` and `https://h/image/v2.0/`
 * all give `https://h/image`. Paths such as `/v2/images` are then appended to the root.
 */
export function normalizeEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  url.search = "";
  url.hash = "";
  let path = url.pathname.replace(/\/+$/, "");
  path = path.replace(/\/v\d+(\.\d+)?$/i, "");
  url.pathname = path === "" ? "/" : path;
  return url.toString().replace(/\/+$/, "");
}
