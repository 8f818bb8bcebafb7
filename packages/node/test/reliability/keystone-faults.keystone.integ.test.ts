// Fault matrix, Keystone rows: the fault proxy in front of the integ-keystone project's REAL
// Keystone (and one in front of its Keystone-flavoured Glance, for the expired token).
import type {} from "@cloud-images/test-servers/vitest-keystone-setup";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "@cloud-images/test-servers";
import { CloudImagesError, RequestTimeoutError, createClient, keystonePassword, type NodeImageClient } from "../../src/index.js";
import { inject } from "vitest";
import { QUICK_RETRY, thrown } from "./support.js";

let keystone: FaultProxy;
let glance: FaultProxy;
const clients: NodeImageClient[] = [];

beforeAll(async () => {
  keystone = await startFaultProxy({ target: inject("keystoneAuthUrl") });
  glance = await startFaultProxy({ target: inject("keystoneGlanceUrl") });
});
afterEach(() => {
  keystone.reset();
  glance.reset();
});
afterAll(async () => {
  // The proxies first: they drop the login the "login stalls" row left hanging (the caller gave
  // up at its deadline, the session's login goes on), which the clients' close() would wait for
  // until the login's own timeout (~30 s).
  await keystone.stop();
  await glance.stop();
  await Promise.all(clients.map((c) => c.close()));
});

/** Alice's password login through the Keystone proxy; Glance straight from the catalog unless `viaGlanceProxy`. */
function alice(viaGlanceProxy = false, options: { timeoutMs?: number } = {}): NodeImageClient {
  const account = inject("keystoneAccounts").a;
  const client = createClient({
    identity: keystonePassword({ authUrl: `${keystone.url}/v3`, username: account.username, userDomainName: "Default", password: account.password, projectId: account.projectId }),
    region: inject("keystoneRegion"),
    retry: QUICK_RETRY,
    ...(viaGlanceProxy ? { endpoint: glance.url } : {}),
    ...options,
  });
  clients.push(client);
  return client;
}
const logins = (): number => keystone.requests.filter((r) => r.method === "POST" && r.url.startsWith("/v3/auth/tokens")).length;

describe("Keystone behind the fault proxy (real Keystone)", () => {
  it("login answered 503 twice: retried, the call succeeds", async () => {
    keystone.inject({ match: { method: "POST", path: "/v3/auth/tokens" }, times: 2, fault: { kind: "status", status: 503 } });
    await alice().images.list({ limit: 1 });
    expect(logins()).toBe(3);
  });

  it("login reset before the headers: retried, the call succeeds", async () => {
    keystone.inject({ match: { method: "POST", path: "/v3/auth/tokens" }, fault: { kind: "reset" } });
    await alice().images.list({ limit: 1 });
    expect(logins()).toBe(2);
  });

  it("login answered 401: a typed error, not retried (the password is not shown: the secrets check watches it)", async () => {
    keystone.inject({ match: { method: "POST", path: "/v3/auth/tokens" }, fault: { kind: "status", status: 401 } });
    const error = await thrown(alice().images.list({ limit: 1 }));
    expect(error).toBeInstanceOf(CloudImagesError);
    expect(logins()).toBe(1);
  });

  it("login stalls: RequestTimeoutError at the call's deadline", async () => {
    keystone.inject({ match: { method: "POST", path: "/v3/auth/tokens" }, times: Infinity, fault: { kind: "stall-headers" } });
    const error = await thrown(alice(false, { timeoutMs: 1_000 }).images.list({ limit: 1 }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
  });

  it("token expired (Glance answers 401 to it): one re-login through the proxy, replayed; 20 concurrent calls log in once more", async () => {
    const client = alice(true);
    await client.images.list({ limit: 1 });
    expect(logins()).toBe(1);
    const expired = client.identity!.current!.value;
    glance.inject({ match: { where: (r) => r.headers["x-auth-token"] === expired }, times: Infinity, fault: { kind: "status", status: 401 } });
    await Promise.all(Array.from({ length: 20 }, () => client.images.list({ limit: 1 })));
    expect(logins()).toBe(2);
  });
});
