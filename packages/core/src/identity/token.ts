import type { ServiceCatalog } from "./catalog.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** What an identity service said about a token, besides the token itself. */
export interface AccessTokenInfo {
  /** When the token stops working, when the service said so. */
  readonly expiresAt: Date | undefined;
  /** When the token was issued, when the service said so. */
  readonly issuedAt?: Date | undefined;
  /** The service catalog that came with the token (empty when there was none). */
  readonly catalog: ServiceCatalog;
  /** Id of the user the token belongs to. */
  readonly userId?: string | undefined;
  /** Name of the user the token belongs to. */
  readonly userName?: string | undefined;
  /** Project (tenant) the token is scoped to. */
  readonly projectId?: string | undefined;
  /** Name of the project (tenant) the token is scoped to. */
  readonly projectName?: string | undefined;
  /** Domain of a domain-scoped token. */
  readonly domainId?: string | undefined;
  /** Names of the roles the token carries. */
  readonly roles?: readonly string[] | undefined;
  /** Auth methods that made the token (`password`, `application_credential`, `APIKEY`…). */
  readonly methods?: readonly string[] | undefined;
  /** Rackspace's `RAX-AUTH:defaultRegion` of the user. */
  readonly defaultRegion?: string | undefined;
}

/**
 * A token and what came with it. The token string is held in a private field and only given
 * out by {@link AccessToken.value}: `JSON.stringify`, `util.inspect` and error messages never
 * show it.
 */
export class AccessToken implements AccessTokenInfo {
  readonly #value: string;
  readonly expiresAt: Date | undefined;
  readonly issuedAt: Date | undefined;
  readonly catalog: ServiceCatalog;
  readonly userId: string | undefined;
  readonly userName: string | undefined;
  readonly projectId: string | undefined;
  readonly projectName: string | undefined;
  readonly domainId: string | undefined;
  readonly roles: readonly string[] | undefined;
  readonly methods: readonly string[] | undefined;
  readonly defaultRegion: string | undefined;

  constructor(value: string, info: AccessTokenInfo) {
    this.#value = value;
    this.expiresAt = info.expiresAt;
    this.issuedAt = info.issuedAt;
    this.catalog = info.catalog;
    this.userId = info.userId;
    this.userName = info.userName;
    this.projectId = info.projectId;
    this.projectName = info.projectName;
    this.domainId = info.domainId;
    this.roles = info.roles;
    this.methods = info.methods;
    this.defaultRegion = info.defaultRegion;
  }

  /** The token to send as `X-Auth-Token`. */
  get value(): string {
    return this.#value;
  }

  /** Whether the token has expired, or will within `marginMs`, at time `now` (ms since epoch). */
  expiresWithin(marginMs: number, now: number = Date.now()): boolean {
    return (
      this.expiresAt !== undefined && this.expiresAt.getTime() - marginMs <= now
    );
  }

  /** Everything but the token. */
  toJSON(): Record<string, unknown> {
    return {
      token: "[REDACTED]",
      expiresAt: this.expiresAt?.toISOString(),
      userId: this.userId,
      userName: this.userName,
      projectId: this.projectId,
      projectName: this.projectName,
      domainId: this.domainId,
      methods: this.methods,
      defaultRegion: this.defaultRegion,
      services: this.catalog.map((s) => s.name ?? s.type),
    };
  }

  [INSPECT](): string {
    return `AccessToken { token: [REDACTED], expiresAt: ${this.expiresAt?.toISOString() ?? "unknown"}, project: ${this.projectName ?? this.projectId ?? "-"}, user: ${this.userName ?? this.userId ?? "-"} }`;
  }
}

/** Parses an ISO date from an identity service (`2026-11-22T18:27:04.000000Z`: more than 3 fraction digits). */
export function parseIdentityDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.replace(/(\.\d{3})\d+/, "$1");
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(trimmed)
    ? trimmed
    : `${trimmed}Z`;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? undefined : new Date(time);
}
