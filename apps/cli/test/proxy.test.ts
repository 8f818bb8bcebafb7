/**
 * Behind an HTTP proxy: the CLI's fast `node:http` transport does not use proxies, so with
 * `HTTP_PROXY`/`HTTPS_PROXY` set a command must go through undici and the proxy — never around
 * it — and still honour `NO_PROXY`.
 */
import { createServer, request, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cli, startLocalCloud, type LocalCloud } from "./support/cli.js";

let local: LocalCloud;
let proxy: Server;
let proxyUrl = "";
/** Request lines the proxy forwarded (absolute-form URLs) or tunnelled (`CONNECT host:port`). */
const forwarded: string[] = [];
const tunnels = new Set<Duplex>();

beforeAll(async () => {
  local = await startLocalCloud();
  // A forward proxy for plain-http targets: absolute-form request lines, passed on as they are.
  proxy = createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  // undici tunnels through the proxy with CONNECT, plain-http targets included.
  proxy.on("connect", (req, client, head) => {
    forwarded.push(`CONNECT ${req.url}`);
    tunnels.add(client);
    const [host, port] = req.url!.split(":");
    const upstream = connect(Number(port), host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy?.closeAllConnections();
  for (const s of tunnels) s.destroy();
  await new Promise((r) => proxy?.close(r));
  await local?.stop();
});

it("with HTTP_PROXY set, every request of a command goes through the proxy", { timeout: 30_000 }, async () => {
  const r = await cli(["--local", "image", "list", "-f", "value", "-c", "Name"], { env: { ...local.env, HTTP_PROXY: proxyUrl } });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const emulator = new URL(local.emulator.url).host;
  expect(forwarded.length).toBeGreaterThan(0);
  expect(forwarded.every((line) => line === `CONNECT ${emulator}` || line.startsWith(`GET http://${emulator}/`) || line.startsWith(`POST http://${emulator}/`))).toBe(true);
});

it("NO_PROXY still sends matching hosts directly", { timeout: 30_000 }, async () => {
  forwarded.length = 0;
  const r = await cli(["--local", "image", "list"], { env: { ...local.env, HTTP_PROXY: proxyUrl, NO_PROXY: "127.0.0.1,localhost" } });
  expect(r.code).toBe(0);
  expect(forwarded).toEqual([]);
});
