import type { AuthProvider } from "../http/http-client.js";
import { normalizeEndpoint } from "../http/endpoint.js";
import { raceSignal } from "../http/deadline.js";
import type { Transport } from "../transport/transport.js";
import {
  selectEndpoint,
  type EndpointCriteria,
  type EndpointInterface,
  type SelectedEndpoint,
} from "./catalog.js";
import type { AuthMethod } from "./methods.js";
import type { AccessToken } from "./token.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Default time before expiry at which a token is renewed: 30 s (keystoneauth's value). */
export const DEFAULT_REFRESH_MARGIN_MS = 30_000;
/** Default total time of one auth request: 30 s. */
export const DEFAULT_AUTH_TIMEOUT_MS = 30_000;

/** Settings of an {@link IdentitySession}. */
export interface IdentitySessionOptions {
  /** How to get tokens: `keystonePassword(…)`, `keystoneApplicationCredential(…)`, `rackspaceApiKey(…)`… */
  readonly auth: AuthMethod;
  /** Transport of the auth requests (usually the client's own). */
  readonly transport: Transport;
  /** Region used to pick endpoints; default: the user's `RAX-AUTH:defaultRegion` (Rackspace), else none. */
  readonly region?: string | undefined;
  /** Interface used to pick endpoints; default `public`. */
  readonly interface?: EndpointInterface | undefined;
  /**
   * Renew the token this long before it expires (default {@link DEFAULT_REFRESH_MARGIN_MS}).
   * Capped at half the token's lifetime, so short-lived tokens are still used.
   */
  readonly refreshMarginMs?: number | undefined;
  /** Total time of one auth request in milliseconds (default {@link DEFAULT_AUTH_TIMEOUT_MS}). */
  readonly timeoutMs?: number | undefined;
  /** Clock, for tests: milliseconds since the epoch. */
  readonly now?: (() => number) | undefined;
}

/**
 * Keeps a token for a set of credentials: authenticates on first use, caches the token,
 * renews it shortly before it expires, and lets only ONE auth request be in flight at a time
 * (concurrent callers wait for it). Plugs into the HTTP layer as its {@link AuthProvider}: on a
 * 401, the HTTP layer calls {@link IdentitySession.invalidate} and replays the request once with
 * a new token. Also picks endpoints from the token's service catalog.
 *
 * Credentials and tokens are private: `JSON.stringify`, `util.inspect` and errors never show them.
 */
export class IdentitySession implements AuthProvider {
  readonly #auth: AuthMethod;
  readonly #transport: Transport;
  readonly #region: string | undefined;
  readonly #interface: EndpointInterface;
  readonly #margin: number;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  #token: AccessToken | undefined;
  #fetchedAt = 0;
  #inflight: Promise<AccessToken> | undefined;
  #authRequests = 0;

  constructor(options: IdentitySessionOptions) {
    this.#auth = options.auth;
    this.#transport = options.transport;
    this.#region = options.region;
    this.#interface = options.interface ?? "public";
    this.#margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The auth method (its secrets stay hidden). */
  get auth(): AuthMethod {
    return this.#auth;
  }

  /** Auth requests this session has sent so far. */
  get authRequests(): number {
    return this.#authRequests;
  }

  /** The cached token, if any (it may be stale). */
  get current(): AccessToken | undefined {
    return this.#token;
  }

  /** The region endpoints are picked in: the configured one, else the user's default region once known. */
  get region(): string | undefined {
    return this.#region ?? this.#token?.defaultRegion;
  }

  /** Whether the cached token should be renewed now. */
  #stale(token: AccessToken): boolean {
    if (token.expiresAt === undefined) return false;
    const lifetime = token.expiresAt.getTime() - this.#fetchedAt;
    const margin = Math.min(this.#margin, Math.max(0, lifetime / 2));
    return token.expiresWithin(margin, this.#now());
  }

  /**
   * A valid token: the cached one, or a new one. When an auth request is already in flight,
   * waits for it instead of sending another. `signal` only stops this caller's wait.
   */
  async token(signal?: AbortSignal): Promise<AccessToken> {
    const cached = this.#token;
    if (cached && !this.#stale(cached)) return cached;
    this.#inflight ??= this.#authenticate();
    // `signal` only stops this caller's wait: the login goes on for the others.
    return signal ? raceSignal(this.#inflight, signal) : this.#inflight;
  }

  async #authenticate(): Promise<AccessToken> {
    try {
      this.#authRequests += 1;
      const started = this.#now();
      const token = await this.#auth.authenticate({
        transport: this.#transport,
        timeoutMs: this.#timeoutMs,
      });
      this.#token = token;
      this.#fetchedAt = started;
      return token;
    } finally {
      this.#inflight = undefined;
    }
  }

  /** {@link AuthProvider}: the `X-Auth-Token` header. */
  async headers(signal?: AbortSignal): Promise<Record<string, string>> {
    return { "x-auth-token": (await this.token(signal)).value };
  }

  /**
   * {@link AuthProvider}: a server refused the token sent in `rejected` (401). Forgets the cached
   * token if it is that one, so the next call authenticates again; a token renewed meanwhile by a
   * concurrent call is kept.
   */
  invalidate(rejected?: Readonly<Record<string, string>>): void {
    const sent = rejected?.["x-auth-token"];
    if (
      sent === undefined ||
      (this.#token !== undefined && sent === this.#token.value)
    )
      this.#token = undefined;
  }

  /** The service catalog of the current token (authenticating if needed). */
  async catalog(signal?: AbortSignal): Promise<AccessToken["catalog"]> {
    return (await this.token(signal)).catalog;
  }

  /**
   * Picks an endpoint from the catalog. Region and interface default to the session's (the
   * configured region, else the user's default region).
   *
   * @throws EndpointNotFoundError listing what the catalog offers when nothing matches.
   */
  async endpoint(
    criteria: EndpointCriteria,
    signal?: AbortSignal,
  ): Promise<SelectedEndpoint> {
    const token = await this.token(signal);
    return selectEndpoint(token.catalog, {
      ...criteria,
      region: criteria.region ?? this.#region ?? token.defaultRegion,
      interface: criteria.interface ?? this.#interface,
    });
  }

  /** A function resolving an endpoint root lazily (for `ImageClient`'s `endpoint`). */
  endpointResolver(
    criteria: EndpointCriteria,
  ): (signal?: AbortSignal) => Promise<string> {
    return async (signal) =>
      normalizeEndpoint((await this.endpoint(criteria, signal)).url);
  }

  toJSON(): Record<string, unknown> {
    return {
      auth: this.#auth,
      region: this.region,
      interface: this.#interface,
      token: this.#token,
    };
  }

  [INSPECT](): string {
    const expires =
      this.#token?.expiresAt?.toISOString() ??
      (this.#token ? "unknown" : "no token yet");
    return `IdentitySession { auth: ${this.#auth.kind} at ${this.#auth.authUrl}, region: ${this.region ?? "-"}, token: ${this.#token ? "[REDACTED]" : "none"}, expires: ${expires} }`;
  }
}
