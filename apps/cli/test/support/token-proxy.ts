/**
 * A loopback HTTP proxy in front of a trusted-auth Glance: it turns `X-Auth-Token: <project>`
 * into the trusted-auth headers of that project (`admin` → the cloud admin), so token-based
 * clients — this CLI with `--os-token/--os-endpoint`, and `openstack --os-auth-type admin_token`
 * — reach the real Glance as the project they name. Used by the CLI's integ tests and its bench.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN_HEADERS, trustedAuthHeaders } from "@cloud-images/test-servers";

/** A running {@link startTokenProxy}. */
export interface TokenProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the proxy forwarding to `upstream` (a Glance base URL). */
export async function startTokenProxy(upstream: string): Promise<TokenProxy> {
  const target = new URL(upstream);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const token = String(req.headers["x-auth-token"] ?? "");
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: target.host };
    delete headers["x-auth-token"];
    if (token !== "") Object.assign(headers, token === "admin" ? ADMIN_HEADERS : trustedAuthHeaders({ project: token }));
    const out = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    out.on("error", () => {
      res.writeHead(502).end();
    });
    req.pipe(out);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
