import { CloudImagesError } from "../errors/base.js";
import type { HttpError } from "../errors/http-errors.js";

/**
 * The identity service refused the credentials (or answered with another error) while the SDK
 * was getting a token. Carries the identity service's status, message and request id; never
 * the credentials. The HTTP error is the `cause`.
 */
export class AuthenticationError extends CloudImagesError {
  static override readonly errorId: string = "AuthenticationError";

  /** Which flow failed, e.g. `keystone-v3 password`, `rackspace api-key`. */
  readonly method: string;
  /** The token URL that was called. */
  readonly authUrl: string;
  /** HTTP status of the identity service's answer. */
  readonly status: number;
  /** The identity service's own message, when it sent one. */
  readonly serverMessage: string | undefined;
  /** The identity service's request id, when it sent one. */
  readonly requestId: string | undefined;

  constructor(init: { method: string; authUrl: string; error: HttpError }) {
    const what = init.error.serverMessage
      ? `: ${init.error.serverMessage}`
      : "";
    const rid = init.error.requestId
      ? ` [request ${init.error.requestId}]`
      : "";
    super(
      `Authentication (${init.method}) at ${init.authUrl} failed with ${init.error.status}${what}${rid}`,
      `AUTH_${init.error.status}`,
      {
        cause: init.error,
      },
    );
    this.method = init.method;
    this.authUrl = init.authUrl;
    this.status = init.error.status;
    this.serverMessage = init.error.serverMessage;
    this.requestId = init.error.requestId;
  }
}

/** One endpoint a service catalog offers, as listed by {@link EndpointNotFoundError}. */
export interface CatalogOffer {
  /** Service type. */
  readonly type: string;
  /** Service name. */
  readonly name: string | undefined;
  /** Endpoint region (`undefined` for a global service). */
  readonly region: string | undefined;
  /** Endpoint interface. */
  readonly interface: string;
}

/** Nothing in the service catalog matches the requested type, name, region and interface. */
export class EndpointNotFoundError extends CloudImagesError {
  static override readonly errorId: string = "EndpointNotFoundError";

  /** What was asked for. */
  readonly criteria: Readonly<Record<string, string | undefined>>;
  /** Everything the catalog offers. */
  readonly offered: readonly CatalogOffer[];

  constructor(
    criteria: Readonly<Record<string, string | undefined>>,
    offered: readonly CatalogOffer[],
    reason?: string,
  ) {
    const asked = Object.entries(criteria)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ");
    const list =
      offered.length === 0
        ? "the catalog is empty"
        : `the catalog offers: ${describeOffers(offered)}`;
    super(
      `No endpoint in the service catalog matches ${asked || "(nothing asked)"}${reason ? ` (${reason})` : ""}; ${list}`,
      "ENDPOINT_NOT_FOUND",
    );
    this.criteria = criteria;
    this.offered = offered;
  }
}

/** `image "glance" (public: RegionOne; internal: RegionOne), compute "nova" (...)`. */
function describeOffers(offered: readonly CatalogOffer[]): string {
  const byService = new Map<string, Map<string, Set<string>>>();
  for (const o of offered) {
    const key = `${o.type}${o.name ? ` "${o.name}"` : ""}`;
    const ifaces = byService.get(key) ?? new Map<string, Set<string>>();
    byService.set(key, ifaces);
    const regions = ifaces.get(o.interface) ?? new Set<string>();
    ifaces.set(o.interface, regions);
    regions.add(o.region ?? "(no region)");
  }
  return [...byService]
    .map(
      ([service, ifaces]) =>
        `${service} (${[...ifaces].map(([i, r]) => `${i}: ${[...r].join(" ")}`).join("; ")})`,
    )
    .join(", ");
}

export { RequestNotReplayableError } from "../errors/not-replayable-error.js";

/** Settings are missing or contradictory (clouds.yaml, environment, auth options). */
export class ConfigurationError extends CloudImagesError {
  static override readonly errorId: string = "ConfigurationError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "CONFIGURATION", options);
  }
}
