import type {} from "@cloud-images/test-servers/vitest-keystone-setup";
import { inject } from "vitest";
import {
  IdentitySession,
  createClient,
  createFetchTransport,
  createNodeHttpTransport,
  createUndiciTransport,
  keystonePassword,
  type AuthMethod,
  type NodeImageClient,
  type Transport,
} from "../../src/index.js";
import type { TransportName } from "../glance-fixtures.js";
import type { ContractTarget, TargetClientOptions, Who } from "./target.js";

/** Password auth of `who` against the Keystone of the `integ-keystone` project's globalSetup. */
function passwordOf(who: Who): AuthMethod {
  const authUrl = inject("keystoneAuthUrl");
  const accounts = inject("keystoneAccounts");
  if (who === "admin") {
    const admin = accounts.admin;
    return keystonePassword({
      authUrl,
      username: admin.username,
      userDomainName: admin.userDomainName,
      password: admin.password,
      projectName: admin.projectName,
      projectDomainName: admin.projectDomainName,
    });
  }
  const account = accounts[who];
  return keystonePassword({
    authUrl,
    username: account.username,
    userDomainName: "Default",
    password: account.password,
    projectId: account.projectId,
  });
}

/**
 * A real Glance with the `keystone` paste flavor, started once per run (with its Keystone) by
 * test-servers' vitest-keystone-setup for the `integ-keystone` vitest project.
 *
 * Clients authenticate with the SDK's own Keystone password auth and take the image endpoint
 * from the token's service catalog: "a" is alice (member of project demo-a), "b" is bob (member
 * of demo-b), "admin" is Keystone's bootstrap admin (role admin in project `admin`). Project ids
 * are Keystone's. Uploads by {@link ContractTarget.putData} send a token of the same user.
 */
export function keystoneGlance(): ContractTarget {
  // Sessions (one per user) for putData's uploads, on their own transport.
  let uploadTransport: Transport | undefined;
  const sessions = new Map<Who, IdentitySession>();

  function uploadSession(who: Who): IdentitySession {
    uploadTransport ??= createFetchTransport();
    let s = sessions.get(who);
    if (!s) {
      s = new IdentitySession({
        auth: passwordOf(who),
        transport: uploadTransport,
        region: inject("keystoneRegion"),
      });
      sessions.set(who, s);
    }
    return s;
  }

  return {
    name: "real Glance behind real Keystone",
    start: () => Promise.resolve(),
    async stop() {
      sessions.clear();
      await uploadTransport?.close?.();
      uploadTransport = undefined;
    },
    endpoint: () => inject("keystoneGlanceUrl"),
    client(
      t: TransportName | Transport,
      who: Who,
      options: TargetClientOptions = {},
    ): NodeImageClient {
      const region = inject("keystoneRegion");
      if (!options.projectUnknown)
        // No endpoint: it comes from the catalog of the token (type `image`, the region); the
        // client learns its project id from the token.
        return createClient({
          identity: passwordOf(who),
          region,
          transport: t,
          validateResponses: true,
        });
      // The same Keystone auth and catalog endpoint, with the session wired as a plain auth
      // provider (`auth`, not `identity`): the client is not told, and does not learn, its project.
      const own =
        t === "undici"
          ? createUndiciTransport()
          : t === "fetch"
            ? createFetchTransport()
            : t === "node:http"
              ? createNodeHttpTransport()
              : t;
      const session = new IdentitySession({
        auth: passwordOf(who),
        transport: own,
        region,
      });
      return createClient({
        endpoint: session.endpointResolver({ type: "image" }),
        auth: session,
        transport: own,
        validateResponses: true,
      });
    },
    async putData(imageId: string, bytes: Uint8Array, who: Who) {
      const s = uploadSession(who);
      const root = await s.endpointResolver({ type: "image" })();
      const res = await fetch(`${root}/v2/images/${imageId}/file`, {
        method: "PUT",
        headers: {
          ...(await s.headers()),
          "content-type": "application/octet-stream",
        },
        body: bytes,
      });
      if (res.status !== 204)
        throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    },
    projectId(who: Who): string {
      const accounts = inject("keystoneAccounts");
      return who === "admin"
        ? accounts.admin.projectId
        : accounts[who].projectId;
    },
  };
}
