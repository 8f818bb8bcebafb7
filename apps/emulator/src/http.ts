import type { IncomingMessage } from "node:http";

/** An answer built by a handler; the server writes it (and may truncate it for a fault). */
export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** A request as handlers see it. */
export class Ctx {
  readonly method: string;
  /** Path below the emulator root, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly rawQuery: string;
  readonly req: IncomingMessage;
  /** The emulator's base URL (no trailing slash). */
  readonly baseUrl: string;
  #body: Promise<Buffer> | undefined;

  constructor(req: IncomingMessage, baseUrl: string) {
    this.req = req;
    this.baseUrl = baseUrl;
    this.method = (req.method ?? "GET").toUpperCase();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    this.path = q < 0 ? url : url.slice(0, q);
    this.rawQuery = q < 0 ? "" : url.slice(q + 1);
    this.query = new URLSearchParams(this.rawQuery);
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  /** The whole request body. */
  body(): Promise<Buffer> {
    this.#body ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.req.on("data", (c: Buffer) => chunks.push(c));
      this.req.on("end", () => resolve(Buffer.concat(chunks)));
      this.req.on("error", reject);
    });
    return this.#body;
  }

  /** The body parsed as JSON; `undefined` when it is not JSON. */
  async json(): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const raw = await this.body();
    try {
      return { ok: true, value: JSON.parse(raw.toString("utf8")) };
    } catch {
      return { ok: false };
    }
  }
}

/** A JSON answer. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": "application/json; charset=UTF-8", ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

/** An answer without a body. */
export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...headers }, body: Buffer.alloc(0) };
}

/** A plain-text answer. */
export function text(status: number, value: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "text/plain; charset=UTF-8", ...headers }, body: Buffer.from(value) };
}

/** A fault body as Rackspace's Repose/Nova/identity services send it: `{"<name>": {code, message}}`. */
export function fault(status: number, name: string, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { [name]: { code: status, message } }, headers);
}

/** The usual fault name for a status. */
export function faultName(status: number): string {
  switch (status) {
    case 400:
      return "badRequest";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "itemNotFound";
    case 405:
      return "badMethod";
    case 409:
      return "conflictingRequest";
    case 413:
    case 429:
      return "overLimit";
    case 415:
      return "badMediaType";
    case 501:
      return "notImplemented";
    case 503:
      return "serviceUnavailable";
    default:
      return status >= 500 ? "serviceFault" : "badRequest";
  }
}

/**
 * An error answer thrown out of nested handler code, caught by the service (or the server) and
 * sent as is. Not an `Error`: it is an early exit of the emulator's own control flow, never an
 * error of the SDK (whose errors are all `CloudImagesError`s).
 */
export class HttpFailure {
  constructor(readonly reply: Reply) {}
}

/** Decodes one path segment. */
export function seg(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
