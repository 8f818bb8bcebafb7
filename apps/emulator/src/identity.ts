import { createHash, randomBytes } from "node:crypto";
import { fault, json, empty, type Ctx, type Reply } from "./http.js";
import type { Store, TokenRecord } from "./store.js";
import { REGIONS, type EmulatorUser } from "./types.js";

/** Cloud Files account name of a tenant (`MossoCloudFS_<uuid>`), stable across restarts. */
export function filesAccount(tenantId: string): string {
  const h = createHash("sha1").update(`cloudfiles:${tenantId}`).digest("hex");
  return `MossoCloudFS_${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Who a request is from. */
export interface Caller {
  /** The emulator account, when the caller authenticated as one (absent for trusted-auth headers). */
  readonly user?: EmulatorUser | undefined;
  readonly tenantId: string;
  readonly userId: string;
  /** Roles; `admin` is a cloud admin (only reachable through trusted-auth headers in glance mode). */
  readonly roles: readonly string[];
}

const UNAUTHORIZED = "Unable to authenticate user with credentials provided.";

/** Counters tests read. */
export interface EmulatorStats {
  /** `POST /identity/v2.0/tokens` requests received (successful or not). */
  authRequests: number;
  /** Legacy `GET /servers-v1/v1.0` auth requests received. */
  legacyAuthRequests: number;
  /** Every request received. */
  requests: number;
}

/** Rackspace identity v2.0 and the legacy v1.0 auth. */
export class Identity {
  constructor(
    private readonly store: Store,
    private readonly users: readonly EmulatorUser[],
    private readonly lifetimeSeconds: () => number,
    private readonly stats: EmulatorStats,
  ) {}

  /** The caller of a service request, or the 401 to answer. */
  caller(ctx: Ctx): Caller | Reply {
    const token = ctx.header("x-auth-token");
    const record = token ? this.store.state.tokens[token] : undefined;
    if (!token || !record || Date.parse(record.expires) <= Date.now()) {
      return fault(401, "unauthorized", "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.", {
        "www-authenticate": `Keystone uri='${ctx.baseUrl}/identity/v2.0'`,
      });
    }
    const user = this.users.find((u) => u.userId === record.userId);
    if (!user) return fault(401, "unauthorized", UNAUTHORIZED);
    return { user, tenantId: record.tenantId, userId: user.userId, roles: ["member", "reader"] };
  }

  /** Forgets every token (tests use it to force re-authentication). */
  revokeAll(): void {
    this.store.state.tokens = {};
    this.store.save();
  }

  /** Handles `/identity/v2.0/...`; `rest` is the path after `/identity/v2.0`. */
  async handle(ctx: Ctx, rest: string): Promise<Reply> {
    if (rest === "" || rest === "/") {
      if (ctx.method !== "GET") return fault(405, "badMethod", "Method not allowed.");
      return json(200, {
        version: {
          id: "v2.0",
          status: "CURRENT",
          updated: "2012-01-19T22:30:00.25Z",
          links: [{ rel: "self", href: `${ctx.baseUrl}/identity/v2.0/` }],
          "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity+json;version=2.0" }],
        },
      });
    }
    if (rest === "/tokens") {
      if (ctx.method === "POST") return this.authenticate(ctx);
      if (ctx.method === "DELETE") {
        const token = ctx.header("x-auth-token");
        if (!token || !this.store.state.tokens[token]) return fault(401, "unauthorized", "No valid token provided.");
        delete this.store.state.tokens[token];
        this.store.save();
        return empty(204);
      }
      return fault(405, "badMethod", "Method not allowed.");
    }
    const m = /^\/tokens\/([^/]+)$/.exec(rest);
    if (m) {
      const caller = this.caller(ctx);
      if ("status" in caller) return caller;
      const id = decodeURIComponent(m[1]!);
      const record = this.store.state.tokens[id];
      if (!record || Date.parse(record.expires) <= Date.now()) return fault(404, "itemNotFound", "Token not found.");
      const belongs = ctx.query.get("belongsTo");
      if (belongs !== null && belongs !== record.tenantId) return fault(404, "itemNotFound", "Token not found.");
      const user = this.users.find((u) => u.userId === record.userId)!;
      if (ctx.method === "GET") {
        return json(200, { access: { token: tokenBody(id, record, user), user: userBody(user) } });
      }
      if (ctx.method === "HEAD") return empty(200);
      if (ctx.method === "DELETE") {
        delete this.store.state.tokens[id];
        this.store.save();
        return empty(204);
      }
      return fault(405, "badMethod", "Method not allowed.");
    }
    return fault(404, "itemNotFound", "Resource not found.");
  }

  private async authenticate(ctx: Ctx): Promise<Reply> {
    this.stats.authRequests += 1;
    const parsed = await ctx.json();
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) {
      return fault(400, "badRequest", "Invalid json request body");
    }
    const auth = (parsed.value as Record<string, unknown>)["auth"];
    if (typeof auth !== "object" || auth === null) return fault(400, "badRequest", "Invalid json request body");
    const a = auth as Record<string, unknown>;
    const apiKeyCreds = a["RAX-KSKEY:apiKeyCredentials"];
    const passwordCreds = a["passwordCredentials"];
    let user: EmulatorUser | undefined;
    let method: string;
    if (typeof apiKeyCreds === "object" && apiKeyCreds !== null) {
      const c = apiKeyCreds as Record<string, unknown>;
      if (typeof c["username"] !== "string" || c["username"] === "") return fault(400, "badRequest", "Expecting username");
      if (typeof c["apiKey"] !== "string" || c["apiKey"] === "") return fault(400, "badRequest", "Expecting apiKey");
      user = this.users.find((u) => u.username === c["username"] && u.apiKey === c["apiKey"]);
      method = "APIKEY";
    } else if (typeof passwordCreds === "object" && passwordCreds !== null) {
      const c = passwordCreds as Record<string, unknown>;
      if (typeof c["username"] !== "string" || c["username"] === "") return fault(400, "badRequest", "Expecting username");
      if (typeof c["password"] !== "string" || c["password"] === "") return fault(400, "badRequest", "Expecting password");
      user = this.users.find((u) => u.username === c["username"] && u.password === c["password"]);
      method = "PASSWORD";
    } else {
      return fault(400, "badRequest", "Invalid json request body");
    }
    if (!user) return fault(401, "unauthorized", UNAUTHORIZED);
    const tenantId = a["tenantId"];
    const tenantName = a["tenantName"];
    if (tenantId !== undefined && tenantId !== user.tenantId) {
      return fault(401, "unauthorized", `Token doesn't belong to Tenant with Id/Name: '${String(tenantId)}'`);
    }
    if (tenantName !== undefined && tenantName !== user.tenantName) {
      return fault(401, "unauthorized", `Token doesn't belong to Tenant with Id/Name: '${String(tenantName)}'`);
    }
    const token = randomBytes(16).toString("hex");
    const record: TokenRecord = {
      userId: user.userId,
      tenantId: user.tenantId,
      expires: new Date(Date.now() + this.lifetimeSeconds() * 1000).toISOString(),
      authenticatedBy: [method],
    };
    // Expired tokens are dropped whenever a new one is issued.
    const now = Date.now();
    for (const [id, t] of Object.entries(this.store.state.tokens)) if (Date.parse(t.expires) <= now) delete this.store.state.tokens[id];
    this.store.state.tokens[token] = record;
    this.store.save();
    return json(200, {
      access: {
        token: tokenBody(token, record, user),
        serviceCatalog: serviceCatalog(ctx.baseUrl, user),
        user: userBody(user),
      },
    });
  }

  /** Legacy v1.0 auth: `GET /servers-v1/v1.0` with `X-Auth-User` and `X-Auth-Key`. */
  legacyAuth(ctx: Ctx): Reply {
    this.stats.legacyAuthRequests += 1;
    const name = ctx.header("x-auth-user");
    const key = ctx.header("x-auth-key");
    const user = this.users.find((u) => u.username === name && u.apiKey === key);
    if (!user) return fault(401, "unauthorized", "Unauthorized");
    const token = randomBytes(16).toString("hex");
    this.store.state.tokens[token] = {
      userId: user.userId,
      tenantId: user.tenantId,
      expires: new Date(Date.now() + this.lifetimeSeconds() * 1000).toISOString(),
      authenticatedBy: ["APIKEY"],
    };
    this.store.save();
    return empty(204, {
      "x-auth-token": token,
      "x-server-management-url": `${ctx.baseUrl}/servers-v1/v1.0/${user.tenantId}`,
      "x-storage-url": `${ctx.baseUrl}/files/${user.defaultRegion}/v1/${filesAccount(user.tenantId)}`,
      "x-storage-token": token,
      "x-cdn-management-url": `${ctx.baseUrl}/files/${user.defaultRegion}/v1/${filesAccount(user.tenantId)}`,
    });
  }
}

function tokenBody(id: string, record: TokenRecord, user: EmulatorUser) {
  return {
    id,
    expires: record.expires,
    tenant: { id: user.tenantId, name: user.tenantName },
    "RAX-AUTH:authenticatedBy": [...record.authenticatedBy],
  };
}

function userBody(user: EmulatorUser) {
  return {
    id: user.userId,
    name: user.username,
    "RAX-AUTH:defaultRegion": user.defaultRegion,
    roles: [
      { id: "3", name: "identity:user-admin", description: "User Admin Role." },
      { id: "10000150", name: "checkmate", description: "Checkmate Access role", tenantId: user.tenantId },
      { id: "6", name: "compute:default", description: "A Role that allows a user access to keystone Service methods", tenantId: user.tenantId },
      { id: "5", name: "object-store:default", description: "A Role that allows a user access to keystone Service methods", tenantId: filesAccount(user.tenantId) },
    ],
  };
}

/** The service catalog of a user: every region of cloudImages, cloudServersOpenStack, cloudFiles, plus the legacy cloudServers. */
export function serviceCatalog(baseUrl: string, user: EmulatorUser) {
  const files = filesAccount(user.tenantId);
  return [
    {
      name: "cloudImages",
      type: "image",
      endpoints: REGIONS.map((region) => ({ region, tenantId: user.tenantId, publicURL: `${baseUrl}/images/${region}/v2` })),
    },
    {
      name: "cloudServersOpenStack",
      type: "compute",
      endpoints: REGIONS.map((region) => ({
        region,
        tenantId: user.tenantId,
        publicURL: `${baseUrl}/servers/${region}/v2/${user.tenantId}`,
        versionInfo: `${baseUrl}/servers/${region}/v2`,
        versionList: `${baseUrl}/servers/${region}/`,
        versionId: "2",
      })),
    },
    {
      name: "cloudFiles",
      type: "object-store",
      endpoints: REGIONS.map((region) => ({
        region,
        tenantId: files,
        publicURL: `${baseUrl}/files/${region}/v1/${files}`,
        internalURL: `${baseUrl}/files/${region}/v1/${files}`,
      })),
    },
    {
      name: "cloudServers",
      type: "compute",
      endpoints: [
        {
          tenantId: user.tenantId,
          publicURL: `${baseUrl}/servers-v1/v1.0/${user.tenantId}`,
          versionInfo: `${baseUrl}/servers-v1/v1.0`,
          versionList: `${baseUrl}/servers-v1/`,
          versionId: "1.0",
        },
      ],
    },
  ];
}
