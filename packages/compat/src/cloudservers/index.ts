/**
 * @packageDocumentation
 * python-cloudservers, ported: `new CloudServers(user, key, { authUrl })` with
 * `images.get/list/find/findall/create(name, server)/delete` over the first-generation Cloud
 * Servers v1.0 API (integer ids) and `image.delete()`, on the SDK's `LegacyComputeClient`.
 *
 * ```ts
 * import { CloudServers } from "@cloud-images/compat/cloudservers";
 *
 * const cs = new CloudServers("myuser", process.env.RAX_API_KEY ?? "");
 * const image = await cs.images.find({ name: "CentOS 5.5" });
 * ```
 */
import {
  LegacyImage,
  LegacyImageNotFoundError,
  LegacyImageNotUniqueError,
  NotFoundError,
  type LegacyImageAttributes,
  type LegacyImageManager,
  type Transport,
} from "@cloud-images/core";
import { createLegacyComputeClient, createUndiciTransport, type NodeLegacyComputeClient } from "@cloud-images/node";
import { LegacyAuth } from "./legacy-auth.js";

export { LegacyImage as Image, type LegacyImageAttributes };

/** Where python-cloudservers logged in: Rackspace's v1.0 auth service (US accounts). */
export const DEFAULT_AUTH_URL = "https://auth.api.rackspacecloud.com/v1.0";

/**
 * `cloudservers.exceptions`: `NotFound` is the SDK's `NotFoundError` (a 404) or
 * `LegacyImageNotFoundError` (`find` matched nothing); `NoUniqueMatch` is
 * `LegacyImageNotUniqueError`. They are the SDK's classes, so either catch style works.
 */
export const exceptions = {
  /** A 404, or `find` matched nothing. Use with `instanceof`. */
  NotFound: class NotFound {
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof NotFoundError || value instanceof LegacyImageNotFoundError;
    }
  },
  /** `find` matched several images. */
  NoUniqueMatch: LegacyImageNotUniqueError,
} as const;

/** python-cloudservers' `CloudServers(username, apikey, auth_url=…)` keyword arguments. */
export interface CloudServersOptions {
  /** The v1.0 auth URL (default {@link DEFAULT_AUTH_URL}; UK accounts: `https://lon.auth.api.rackspacecloud.com/v1.0`). */
  readonly authUrl?: string | undefined;
  /** python-cloudservers' spelling of `authUrl`. */
  readonly auth_url?: string | undefined;
  /** A transport to use (default: a new undici pool, closed by `close()`). */
  readonly transport?: Transport | undefined;
}

/** The image manager (`cs.images`): python-cloudservers' `ImageManager`, on the v1.0 API. */
export type ImageManager = LegacyImageManager;

/** A python-cloudservers client: `cs.images`, and `authenticate()` to log in before the first call. */
export class CloudServers {
  /** `cs.images`: `get`, `list`, `find`, `findall`, `create(name, server)`, `delete`. */
  readonly images: ImageManager;
  /** The SDK's v1.0 client underneath. */
  readonly sdk: NodeLegacyComputeClient;
  /** `cloudservers.exceptions`. */
  readonly exceptions = exceptions;
  readonly #auth: LegacyAuth;
  readonly #transport: Transport;
  readonly #ownTransport: boolean;

  constructor(username: string, apikey: string, options: CloudServersOptions = {}) {
    this.#ownTransport = options.transport === undefined;
    this.#transport = options.transport ?? createUndiciTransport();
    this.#auth = new LegacyAuth(this.#transport, options.authUrl ?? options.auth_url ?? DEFAULT_AUTH_URL, username, apikey);
    this.sdk = createLegacyComputeClient({ endpoint: async (signal) => (await this.#auth.login(signal)).managementUrl, auth: this.#auth, transport: this.#transport });
    this.images = this.sdk.images;
  }

  /** Logs in now (otherwise the first call does). @throws AuthenticationError when the credentials are refused. */
  async authenticate(): Promise<void> {
    await this.#auth.login();
  }

  /** Closes the connections this client opened. */
  async close(): Promise<void> {
    await this.sdk.close();
    if (this.#ownTransport) await (this.#transport as { close?: () => Promise<void> }).close?.();
  }

  toJSON(): Record<string, unknown> {
    return { auth: this.#auth.toJSON() };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudServers ${JSON.stringify(this.toJSON())}`;
  }
}
