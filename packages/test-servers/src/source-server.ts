import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize, sep } from "node:path";

/**
 * What a source server answers for one path: bytes, a string (UTF-8), `{ file }` to stream a file
 * from disk (large images), or `undefined` for 404.
 */
export type SourceContent = Uint8Array | string | { file: string } | undefined;

/**
 * Resolves a request path (URL-decoded, starting with `/`, without query) to content.
 * Return `undefined` for 404. May be async.
 */
export type SourceResolver = (path: string, request: IncomingMessage) => SourceContent | Promise<SourceContent>;

/** A running source server started by {@link startSourceServer}. */
export interface SourceServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:40123`. Always `127.0.0.1`, never `localhost`. */
  url: string;
  /** TCP port on 127.0.0.1: pass it to `startGlance({ importAllowedPorts: [port] })`. */
  port: number;
  /** Number of GET requests answered so far (any status), for assertions. */
  readonly requestCount: number;
  /** Closes the server and any open connections. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startSourceServer}. */
export interface SourceServerOptions {
  /** Port to listen on; default 0 (a free port picked by the OS). */
  port?: number;
}

/**
 * A {@link SourceResolver} serving the files of a directory: `GET /name` answers the bytes of
 * `<dir>/name` (read at request time, so files written after the server started are served).
 * Paths escaping `dir` answer 404.
 */
export function directorySource(dir: string): SourceResolver {
  const root = normalize(dir);
  return async (path) => {
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    try {
      const info = await stat(file);
      if (!info.isFile()) return undefined;
    } catch {
      return undefined;
    }
    return { file };
  };
}

/**
 * Starts a tiny HTTP server on 127.0.0.1 that serves bytes to Glance's `web-download` import
 * and to legacy task imports (`import_from`).
 *
 * Glance refuses loopback sources unless their port is listed in
 * `[import_filtering_opts] allowed_ports`, so the port must be known before Glance starts.
 * The intended design:
 *
 * 1. Start the source server first (free port), e.g. with {@link directorySource} on a temp dir.
 * 2. Start Glance with `importAllowedPorts: [source.port]`.
 * 3. Tests add content at any time: with a directory resolver they write files into the directory
 *    and import `${source.url}/<file name>`. The vitest global setup does exactly this and provides
 *    `sourceServerUrl` and `sourceDir` (see `vitest-global-setup.ts`).
 *
 * `files` is either a fixed map from path (`"/cirros.img"` or `"cirros.img"`) to bytes, or a
 * {@link SourceResolver}. GET and HEAD are answered with `Content-Length` and
 * `Content-Type: application/octet-stream`; unknown paths answer 404; other methods 405.
 */
export async function startSourceServer(
  files: Record<string, Uint8Array | string> | SourceResolver,
  options: SourceServerOptions = {},
): Promise<SourceServer> {
  const resolve: SourceResolver =
    typeof files === "function"
      ? files
      : (path) => files[path] ?? files[path.replace(/^\//, "")];
  let requestCount = 0;

  const server = createServer((request, response) => {
    requestCount += 1;
    void (async () => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      let path: string;
      try {
        path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
      } catch {
        response.writeHead(400).end();
        return;
      }
      const content = await resolve(path, request);
      if (content === undefined) {
        response.writeHead(404, { "Content-Type": "text/plain" }).end(`not found: ${path}\n`);
        return;
      }
      if (typeof content === "object" && "file" in content) {
        const info = await stat(content.file);
        response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": info.size });
        if (request.method === "HEAD") response.end();
        else createReadStream(content.file).pipe(response);
        return;
      }
      const body = typeof content === "string" ? Buffer.from(content) : content;
      response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": body.byteLength });
      response.end(request.method === "HEAD" ? undefined : body);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
      response.end(`source server error: ${String(error)}\n`);
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requestCount() {
      return requestCount;
    },
    stop() {
      stopped ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
