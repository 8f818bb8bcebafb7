import { createServer, connect, type Server, type Socket } from "node:net";

/** A TCP proxy in front of a server that passes request bytes at a limited rate. */
export interface ThrottleProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Forwards every connection to `target` (`http://127.0.0.1:PORT`), the client→server bytes at
 * about `bytesPerSecond` (answers pass untouched): a page's upload then takes long enough to be
 * aborted midway, which loopback speeds never allow.
 */
export async function startThrottleProxy(target: string, bytesPerSecond: number): Promise<ThrottleProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    upstream.pipe(client);
    const tick = 20;
    const perTick = Math.max(1, Math.floor((bytesPerSecond * tick) / 1000));
    const queue: Buffer[] = [];
    let queued = 0;
    const timer = setInterval(() => {
      let budget = perTick;
      while (budget > 0 && queue.length > 0) {
        const head = queue[0]!;
        const piece = head.subarray(0, budget);
        upstream.write(piece);
        budget -= piece.length;
        queued -= piece.length;
        if (piece.length === head.length) queue.shift();
        else queue[0] = head.subarray(piece.length);
      }
      if (queued < perTick * 4) client.resume();
    }, tick);
    client.on("close", () => clearInterval(timer));
    client.on("data", (chunk: Buffer) => {
      queue.push(chunk);
      queued += chunk.length;
      if (queued > perTick * 8) client.pause();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
