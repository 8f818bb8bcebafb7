import type { TransportRequest } from "../src/index.js";
import type { FakeAnswer } from "./fake-transport.js";

export const KEYSTONE = "http://keystone.test:5000/v3";
export const GLANCE = "http://glance.test:9292";

/** A Keystone v3 token body with a small catalog. */
export function keystoneTokenBody(
  overrides: {
    expiresAt?: string;
    project?: { id: string; name: string } | null;
    methods?: string[];
  } = {},
): object {
  return {
    token: {
      methods: overrides.methods ?? ["password"],
      expires_at: overrides.expiresAt ?? "2099-01-01T00:00:00.000000Z",
      issued_at: "2026-11-22T18:00:00.000000Z",
      user: {
        id: "u1",
        name: "alice",
        domain: { id: "default", name: "Default" },
      },
      ...(overrides.project === null
        ? {}
        : {
            project: overrides.project ?? {
              id: "p1",
              name: "demo",
              domain: { id: "default", name: "Default" },
            },
          }),
      roles: [{ id: "r1", name: "member" }],
      catalog: [
        {
          id: "s-img",
          type: "image",
          name: "glance",
          endpoints: [
            {
              id: "e1",
              interface: "public",
              region_id: "RegionOne",
              region: "RegionOne",
              url: `${GLANCE}/v2/`,
            },
            {
              id: "e2",
              interface: "internal",
              region_id: "RegionOne",
              region: "RegionOne",
              url: "http://glance.internal:9292",
            },
            {
              id: "e3",
              interface: "public",
              region_id: "RegionTwo",
              region: "RegionTwo",
              url: "http://glance.two:9292",
            },
          ],
        },
        {
          id: "s-id",
          type: "identity",
          name: "keystone",
          endpoints: [
            {
              id: "e4",
              interface: "public",
              region_id: "RegionOne",
              url: KEYSTONE,
            },
          ],
        },
      ],
    },
  };
}

/** A fake Keystone answering POST /v3/auth/tokens with token `tok-N`. */
export function keystoneHandler(
  state: { issued: number; expiresAt?: () => string } = { issued: 0 },
) {
  return (req: TransportRequest): FakeAnswer => {
    if (
      req.method === "POST" &&
      req.url === "http://keystone.test:5000/v3/auth/tokens"
    ) {
      state.issued += 1;
      return {
        status: 201,
        headers: { "x-subject-token": `tok-${state.issued}` },
        body: keystoneTokenBody(
          state.expiresAt ? { expiresAt: state.expiresAt() } : {},
        ),
      };
    }
    return { status: 404, body: { error: { code: 404, message: "not here" } } };
  };
}

/** A Rackspace access document (emulator-like catalog). */
export function rackspaceAccessBody(
  token = "rax-token-1",
  expires = "2099-01-01T00:00:00.000Z",
): object {
  const regions = ["DFW", "ORD", "IAD", "LON", "SYD", "HKG"];
  return {
    access: {
      token: {
        id: token,
        expires,
        tenant: { id: "123456", name: "123456" },
        "RAX-AUTH:authenticatedBy": ["APIKEY"],
      },
      serviceCatalog: [
        {
          name: "cloudImages",
          type: "image",
          endpoints: regions.map((region) => ({
            region,
            tenantId: "123456",
            publicURL: `https://${region.toLowerCase()}.images.api.rackspacecloud.com/v2`,
          })),
        },
        {
          name: "cloudServersOpenStack",
          type: "compute",
          endpoints: regions.map((region) => ({
            region,
            tenantId: "123456",
            publicURL: `https://${region.toLowerCase()}.servers.api.rackspacecloud.com/v2/123456`,
          })),
        },
        {
          name: "cloudFiles",
          type: "object-store",
          endpoints: regions.map((region) => ({
            region,
            tenantId: "MossoCloudFS_x",
            publicURL: `https://storage101.${region.toLowerCase()}1.clouddrive.com/v1/MossoCloudFS_x`,
            internalURL: `https://snet-storage101.${region.toLowerCase()}1.clouddrive.com/v1/MossoCloudFS_x`,
          })),
        },
        {
          name: "cloudServers",
          type: "compute",
          endpoints: [
            {
              tenantId: "123456",
              publicURL: "https://servers.api.rackspacecloud.com/v1.0/123456",
            },
          ],
        },
      ],
      user: {
        id: "10001",
        name: "demo",
        "RAX-AUTH:defaultRegion": "DFW",
        roles: [{ name: "identity:user-admin" }],
      },
    },
  };
}
