import { json, type Reply } from "./http.js";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  501: "Not Implemented",
};

/**
 * Glance's JSON error body as webob writes it for `Accept: application/json`:
 * `{message: "<explanation><br /><br />\n\n\n", code: "404 Not Found", title}`, served as
 * `application/json` without a charset.
 */
export function glanceError(status: number, message: string, headers: Record<string, string> = {}): Reply {
  const reason = REASONS[status] ?? "Error";
  return json(status, { message: `${message}<br /><br />\n\n\n`, code: `${status} ${reason}`, title: reason }, { "content-type": "application/json", ...headers });
}

/** Glance's date-time format: whole seconds, `Z`. */
export function isoSeconds(ms: number = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
