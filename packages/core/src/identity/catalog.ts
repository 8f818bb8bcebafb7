import { EndpointNotFoundError, type CatalogOffer } from "./errors.js";

/** Endpoint interfaces of a Keystone catalog (Rackspace's `publicURL`/`internalURL`/`adminURL`). */
export type EndpointInterface = "public" | "internal" | "admin";

/** The endpoint interfaces, in order of preference when none is asked for. */
export const ENDPOINT_INTERFACES: readonly EndpointInterface[] = [
  "public",
  "internal",
  "admin",
];

/** One endpoint of a catalog entry. */
export interface CatalogEndpoint {
  /** Which interface: `public`, `internal` or `admin`. */
  readonly interface: EndpointInterface;
  /** Region id, or `undefined` for a global service (Rackspace's legacy `cloudServers`). */
  readonly region: string | undefined;
  /** The endpoint URL as the catalog gives it. */
  readonly url: string;
  /** Keystone's endpoint id, when known. */
  readonly id?: string | undefined;
  /** Rackspace's `tenantId` of the endpoint, when given. */
  readonly tenantId?: string | undefined;
}

/** One service of a catalog. */
export interface CatalogService {
  /** Service type: `image`, `compute`, `object-store`, `identity`… */
  readonly type: string;
  /** Service name: `glance`, `cloudImages`, `cloudServersOpenStack`… */
  readonly name: string | undefined;
  /** Keystone's service id, when known. */
  readonly id?: string | undefined;
  /** The service's endpoints, every region and interface. */
  readonly endpoints: readonly CatalogEndpoint[];
}

/** A service catalog in one shape, whether it came from Keystone v3 or Rackspace v2.0. */
export type ServiceCatalog = readonly CatalogService[];

/** What to look for in a catalog. Give at least `type` or `name`. */
export interface EndpointCriteria {
  /** Service type, e.g. `image`. */
  readonly type?: string | undefined;
  /** Service name, e.g. `cloudImages`. */
  readonly name?: string | undefined;
  /** Region, e.g. `DFW` or `RegionOne` (compared without regard to case). Entries without a region match any. */
  readonly region?: string | undefined;
  /** `public` (default), `internal` or `admin`; `publicURL`-style names are accepted too. */
  readonly interface?:
    EndpointInterface | `${EndpointInterface}URL` | undefined;
}

/** The endpoint picked by {@link selectEndpoint}. */
export interface SelectedEndpoint {
  /** The URL as the catalog gives it (with or without a version suffix). */
  readonly url: string;
  /** Service type of the chosen service. */
  readonly type: string;
  /** Service name of the chosen service. */
  readonly name: string | undefined;
  /** Region of the endpoint (`undefined` for a global service). */
  readonly region: string | undefined;
  /** Interface of the endpoint. */
  readonly interface: EndpointInterface;
}

/** Turns `publicURL`, `PUBLIC`, `public` into `public`; `undefined` for unknown names. */
export function normalizeInterface(
  value: string | undefined,
): EndpointInterface | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase().replace(/url$/, "");
  return (ENDPOINT_INTERFACES as readonly string[]).includes(v)
    ? (v as EndpointInterface)
    : undefined;
}

/** Every (service, endpoint) pair of a catalog, flattened for messages. */
export function catalogOffers(catalog: ServiceCatalog): CatalogOffer[] {
  return catalog.flatMap((s) =>
    s.endpoints.map((e) => ({
      type: s.type,
      name: s.name,
      region: e.region,
      interface: e.interface,
    })),
  );
}

const same = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Picks one endpoint from a catalog by service type and/or name, region and interface.
 *
 * - Services must match every given key (`type`, `name`), endpoints the interface (default `public`).
 * - With a region: an endpoint of that region wins; an endpoint without a region (a global
 *   service) is used otherwise.
 * - Without a region: an endpoint without a region wins; otherwise all matching endpoints must
 *   share one region, else the choice is ambiguous and an error lists the regions.
 *
 * @throws EndpointNotFoundError listing everything the catalog offers when nothing matches.
 */
export function selectEndpoint(
  catalog: ServiceCatalog,
  criteria: EndpointCriteria,
): SelectedEndpoint {
  const iface =
    criteria.interface === undefined
      ? "public"
      : normalizeInterface(criteria.interface);
  const asked = {
    type: criteria.type,
    name: criteria.name,
    region: criteria.region,
    interface: iface ?? criteria.interface,
  };
  const offers = catalogOffers(catalog);
  if (iface === undefined)
    throw new EndpointNotFoundError(
      asked,
      offers,
      `unknown interface; use one of ${ENDPOINT_INTERFACES.join(", ")}`,
    );
  if (criteria.type === undefined && criteria.name === undefined)
    throw new EndpointNotFoundError(
      asked,
      offers,
      "give a service type or name",
    );

  const candidates: SelectedEndpoint[] = [];
  for (const service of catalog) {
    if (criteria.type !== undefined && !same(service.type, criteria.type))
      continue;
    if (criteria.name !== undefined && !same(service.name, criteria.name))
      continue;
    for (const e of service.endpoints) {
      if (e.interface !== iface) continue;
      candidates.push({
        url: e.url,
        type: service.type,
        name: service.name,
        region: e.region,
        interface: e.interface,
      });
    }
  }

  const global = candidates.find(
    (c) => c.region === undefined || c.region === "",
  );
  if (criteria.region !== undefined) {
    const inRegion = candidates.find((c) => same(c.region, criteria.region));
    const found = inRegion ?? global;
    if (found) return found;
    throw new EndpointNotFoundError(asked, offers);
  }
  if (global) return global;
  const regions = [...new Set(candidates.map((c) => c.region))];
  if (regions.length === 1) return candidates[0]!;
  if (regions.length === 0) throw new EndpointNotFoundError(asked, offers);
  throw new EndpointNotFoundError(
    asked,
    offers,
    `several regions offer it (${regions.join(", ")}); choose one with region`,
  );
}

/** Reads a Keystone v3 `token.catalog` (`endpoints[].interface/region_id/url`). */
export function catalogFromKeystoneV3(
  raw:
    | readonly {
        type: string;
        name?: string | undefined;
        id?: string | undefined;
        endpoints: readonly {
          interface: string;
          region?: string | null | undefined;
          region_id?: string | null | undefined;
          url: string;
          id?: string | undefined;
        }[];
      }[]
    | undefined,
): ServiceCatalog {
  return (raw ?? []).map((s) => ({
    type: s.type,
    name: s.name,
    id: s.id,
    endpoints: s.endpoints.flatMap((e) => {
      const iface = normalizeInterface(e.interface);
      if (!iface) return [];
      return [
        {
          interface: iface,
          region: e.region_id ?? e.region ?? undefined,
          url: e.url,
          id: e.id,
        },
      ];
    }),
  }));
}

/** Reads a Rackspace/Keystone v2.0 `access.serviceCatalog` (`endpoints[].region/publicURL/internalURL/adminURL`). */
export function catalogFromV2(
  raw:
    | readonly {
        type: string;
        name?: string | undefined;
        endpoints: readonly {
          region?: string | null | undefined;
          tenantId?: string | undefined;
          publicURL?: string | undefined;
          internalURL?: string | undefined;
          adminURL?: string | undefined;
        }[];
      }[]
    | undefined,
): ServiceCatalog {
  return (raw ?? []).map((s) => ({
    type: s.type,
    name: s.name,
    endpoints: s.endpoints.flatMap((e) => {
      const out: CatalogEndpoint[] = [];
      const region = e.region ?? undefined;
      if (e.publicURL)
        out.push({
          interface: "public",
          region,
          url: e.publicURL,
          tenantId: e.tenantId,
        });
      if (e.internalURL)
        out.push({
          interface: "internal",
          region,
          url: e.internalURL,
          tenantId: e.tenantId,
        });
      if (e.adminURL)
        out.push({
          interface: "admin",
          region,
          url: e.adminURL,
          tenantId: e.tenantId,
        });
      return out;
    }),
  }));
}
