import { createFetchTransport, ImageClient, type ImageClientConfig, type Transport } from "@cloud-images/core";
import { createUndiciTransport, type UndiciTransportOptions } from "./transport/undici-transport.js";
import { NodeFileData } from "./data/file-data.js";
import { nodeHashFactory } from "./data/node-hash-factory.js";

/** Options of the Node {@link createClient}. */
export interface NodeClientOptions extends Omit<ImageClientConfig, "transport"> {
  /**
   * `"undici"` (default: keep-alive pool), `"fetch"` (Node's global fetch), or any
   * {@link Transport}.
   */
  readonly transport?: "undici" | "fetch" | Transport;
  /** Settings of the undici transport when `transport` is `"undici"`. */
  readonly undici?: UndiciTransportOptions;
}

/** A Glance v2 client for Node that owns its transport and can release its connections. */
export class NodeImageClient extends ImageClient {
  /** The transport requests go through. */
  readonly transport: Transport;
  /** Files and Node streams: upload from a path or `Readable`, download to a path (temp + rename). */
  readonly files: NodeFileData;

  constructor(options: NodeClientOptions) {
    const transport = pickTransport(options);
    super({ hashFactory: nodeHashFactory, ...options, transport });
    this.transport = transport;
    this.files = new NodeFileData(this);
  }

  /** Closes pooled connections; the client should not be used afterwards. */
  async close(): Promise<void> {
    await this.transport.close?.();
  }
}

/**
 * Creates a Glance v2 client for Node.
 *
 * @example
 * ```ts
 * const glance = createClient({ endpoint: "https://glance.example.com:9292", token });
 * for await (const image of glance.images.listAll({ status: "active" })) console.log(image.name);
 * ```
 */
export function createClient(options: NodeClientOptions): NodeImageClient {
  return new NodeImageClient(options);
}

function pickTransport(options: NodeClientOptions): Transport {
  if (options.transport === undefined || options.transport === "undici") return createUndiciTransport(options.undici);
  if (options.transport === "fetch") return createFetchTransport();
  return options.transport;
}
