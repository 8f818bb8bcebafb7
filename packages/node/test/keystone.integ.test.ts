// Identity against a REAL Keystone (Debian's keystone 22 under uwsgi) and a real Glance using it
// (paste flavor `keystone`). Both are started once for this file (~12 s); the shared trusted-auth
// Glance of the global setup is not used here.
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import {
  startGlance,
  startKeystone,
  type GlanceServer,
  type KeystoneDemo,
  type KeystoneServer,
} from "@cloud-images/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  EndpointNotFoundError,
  IdentitySession,
  NotFoundError,
  UnauthorizedError,
  createClient,
  createUndiciTransport,
  keystoneApplicationCredential,
  keystonePassword,
  keystoneToken,
  type AuthMethod,
  type NodeImageClient,
  type Transport,
} from "../src/index.js";
import { recordingTransport } from "./support/recording-transport.js";

let ks: KeystoneServer;
let glance: GlanceServer;
let demo: KeystoneDemo;
const transport = createUndiciTransport();
const clients: NodeImageClient[] = [];


function client(
  identity: AuthMethod | IdentitySession,
  t: Transport = transport,
): NodeImageClient {
  const c = createClient({ identity, transport: t, region: "RegionOne" });
  clients.push(c);
  return c;
}

const alicePassword = (): AuthMethod =>
  keystonePassword({
    authUrl: ks.authUrl,
    username: demo.userA.name,
    userDomainName: "Default",
    password: demo.userA.password,
    projectName: demo.projectA.name,
    projectDomainName: "Default",
  });

beforeAll(async () => {
  ks = await startKeystone({ tokenExpirationSeconds: 60 });
  [demo] = await Promise.all([ks.setupDemo()]);
  glance = await startGlance({
    flavor: "keystone",
    keystone: await ks.glanceAuthtoken(),
  });
  // With a version suffix on purpose: the SDK strips it.
  await ks.registerService({
    type: "image",
    name: "glance",
    url: `${glance.url}/v2/`,
  });
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await transport.close();
  await glance?.stop();
  await ks?.stop();
});

describe("Keystone v3 auth methods (real Keystone)", () => {
  const auth = { transport, timeoutMs: 30_000 };

  it("password: user and project by name + domain", async () => {
    const token = await alicePassword().authenticate(auth);
    expect(token.value.length).toBeGreaterThan(100);
    expect(token).toMatchObject({
      projectId: demo.projectA.id,
      projectName: "demo-a",
      userId: demo.userA.id,
      userName: "alice",
      methods: ["password"],
    });
    expect(token.expiresAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect(token.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(61_000);
    expect(token.roles).toEqual(expect.arrayContaining(["member", "reader"]));
    expect(token.catalog.map((s) => s.type).sort()).toEqual([
      "identity",
      "image",
    ]);
  });

  it("password: user and project by id; no scope gives the user's default project", async () => {
    const token = await keystonePassword({
      authUrl: ks.url,
      userId: demo.userB.id,
      password: demo.userB.password,
      projectId: demo.projectB.id,
    }).authenticate(auth);
    expect(token).toMatchObject({
      projectId: demo.projectB.id,
      userName: "bob",
    });
    // bob's default_project_id is project B: Keystone scopes a scope-less request to it.
    const defaulted = await keystonePassword({
      authUrl: `${ks.authUrl}/`,
      userId: demo.userB.id,
      password: demo.userB.password,
    }).authenticate(auth);
    expect(defaulted.projectId).toBe(demo.projectB.id);
  });

  it("application credential by id, and by name + user (pre-scoped: no scope sent)", async () => {
    const byId = await keystoneApplicationCredential({
      authUrl: ks.authUrl,
      applicationCredentialId: demo.appCredA.id,
      applicationCredentialSecret: demo.appCredA.secret,
    }).authenticate(auth);
    expect(byId).toMatchObject({
      projectId: demo.projectA.id,
      userId: demo.userA.id,
      methods: ["application_credential"],
    });
    const byName = await keystoneApplicationCredential({
      authUrl: ks.authUrl,
      applicationCredentialName: demo.appCredA.name,
      username: "alice",
      userDomainName: "Default",
      applicationCredentialSecret: demo.appCredA.secret,
    }).authenticate(auth);
    expect(byName.projectId).toBe(demo.projectA.id);
  });

  it("token: re-scope an unscoped token to a project, keeping its expiry", async () => {
    const unscoped = await keystonePassword({
      authUrl: ks.authUrl,
      userId: demo.userA.id,
      password: demo.userA.password,
    }).authenticate(auth);
    const scoped = await keystoneToken({
      authUrl: ks.authUrl,
      token: unscoped.value,
      projectName: "demo-a",
      projectDomainId: "default",
    }).authenticate(auth);
    expect(scoped).toMatchObject({
      projectId: demo.projectA.id,
      methods: expect.arrayContaining(["token"]),
    });
    expect(scoped.value).not.toBe(unscoped.value);
    expect(scoped.expiresAt!.toISOString()).toBe(
      unscoped.expiresAt!.toISOString(),
    );
  });

  it("refusals are AuthenticationErrors that never show the secret", async () => {
    const wrong = "not-alice-password-XYZ";
    const errors = await Promise.all([
      keystonePassword({
        authUrl: ks.authUrl,
        userId: demo.userA.id,
        password: wrong,
        projectId: demo.projectA.id,
      })
        .authenticate(auth)
        .catch((e: unknown) => e),
      keystoneApplicationCredential({
        authUrl: ks.authUrl,
        applicationCredentialId: demo.appCredA.id,
        applicationCredentialSecret: wrong,
      })
        .authenticate(auth)
        .catch((e: unknown) => e),
      // alice is not a member of project B
      keystonePassword({
        authUrl: ks.authUrl,
        userId: demo.userA.id,
        password: demo.userA.password,
        projectId: demo.projectB.id,
      })
        .authenticate(auth)
        .catch((e: unknown) => e),
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(AuthenticationError);
      expect((e as AuthenticationError).status).toBe(401);
      expect((e as AuthenticationError).requestId).toMatch(/^req-/);
      const shown = `${(e as Error).message}\n${inspect(e, { depth: 10 })}\n${JSON.stringify(e)}`;
      for (const s of [wrong, demo.userA.password, demo.appCredA.secret])
        expect(shown).not.toContain(s);
    }
  });

  it("catalog selection on Keystone's own catalog, and the no-match error", async () => {
    const session = new IdentitySession({ auth: alicePassword(), transport });
    for (const iface of ["public", "internal", "admin"] as const) {
      expect(
        await session.endpoint({
          type: "image",
          region: "RegionOne",
          interface: iface,
        }),
      ).toMatchObject({
        url: `${glance.url}/v2/`,
        name: "glance",
        region: "RegionOne",
      });
    }
    expect((await session.endpoint({ name: "keystone" })).url).toBe(
      `${ks.authUrl}/`,
    );
    const error = await session
      .endpoint({ type: "image", region: "RegionTwo" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointNotFoundError);
    expect((error as Error).message).toContain(
      'image "glance" (public: RegionOne; internal: RegionOne; admin: RegionOne)',
    );
  });
});

describe("Glance behind Keystone accepts the SDK's tokens", () => {
  it("images round trip (create/get/list/patch/delete) with a password token, endpoint from the catalog", async () => {
    const alice = client(alicePassword());
    const name = `ks-${randomUUID().slice(0, 8)}`;
    const image = await alice.images.create({
      name,
      disk_format: "raw",
      container_format: "bare",
      visibility: "private",
      tags: ["keystone"],
    });
    expect(alice.http.root).toBe(glance.url);
    expect(image.owner).toBe(demo.projectA.id);
    expect(alice.projectId).toBe(demo.projectA.id);
    expect(await alice.images.get(image.id)).toMatchObject({
      id: image.id,
      name,
    });
    expect(
      (await alice.images.listAll({ name }).toArray()).map((i) => i.id),
    ).toEqual([image.id]);
    const patched = await alice.images.update(image.id, [
      { op: "add", path: "/os_distro", value: "cirros" },
    ]);
    expect(patched.os_distro).toBe("cirros");

    // Project isolation: bob (project B) does not see it; an application credential of alice does.
    const bob = client(
      keystonePassword({
        authUrl: ks.authUrl,
        userId: demo.userB.id,
        password: demo.userB.password,
        projectId: demo.projectB.id,
      }),
    );
    await expect(bob.images.get(image.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const viaAppCred = client(
      keystoneApplicationCredential({
        authUrl: ks.authUrl,
        applicationCredentialId: demo.appCredA.id,
        applicationCredentialSecret: demo.appCredA.secret,
      }),
    );
    expect((await viaAppCred.images.get(image.id)).name).toBe(name);

    await alice.images.delete(image.id);
    await expect(alice.images.get(image.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("single flight: 100 concurrent calls on a fresh client, exactly one auth request", async () => {
    const t = recordingTransport(transport);
    const c = client(alicePassword(), t);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => c.images.list({ limit: 1 })),
    );
    expect(results).toHaveLength(100);
    expect(t.auths()).toBe(1);
    expect(c.identity!.authRequests).toBe(1);
  });

  it("renews before expiry: a stale token is replaced before Glance ever sees it", async () => {
    let skew = 0;
    const t = recordingTransport(transport);
    const session = new IdentitySession({
      auth: alicePassword(),
      transport: t,
      region: "RegionOne",
      now: () => Date.now() + skew,
    });
    const c = client(session, t);
    await c.images.list({ limit: 1 });
    const first = session.current!;
    skew = 31_000; // 60 s token, margin min(30 s, lifetime / 2): stale now
    await c.images.list({ limit: 1 });
    expect(t.auths()).toBe(2);
    expect(session.current!.value).not.toBe(first.value);
    expect(t.statuses.filter((s) => s === 401)).toEqual([]);
  });

  it("401 → re-authenticate once → replay, after Keystone revoked the token", async () => {
    const t = recordingTransport(transport);
    const c = client(alicePassword(), t);
    // Revoke the token before Glance has seen (and cached) it.
    const revoked = (await c.identity!.token()).value;
    const res = await fetch(`${ks.authUrl}/auth/tokens`, {
      method: "DELETE",
      headers: {
        "x-auth-token": await ks.adminToken(),
        "x-subject-token": revoked,
      },
    });
    expect(res.status).toBe(204);

    const name = `replay-${randomUUID().slice(0, 8)}`;
    const results = await Promise.all([
      c.images.list({ limit: 1 }),
      c.images.create({ name, disk_format: "raw", container_format: "bare" }),
    ]);
    const created = results[1];
    expect(created.name).toBe(name);
    expect(t.statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(
      1,
    );
    expect(t.auths()).toBe(2);
    await c.images.delete(created.id);
  });

  it("a plain token without an identity session is not retried on 401", async () => {
    const token = await alicePassword().authenticate({
      transport,
      timeoutMs: 30_000,
    });
    await fetch(`${ks.authUrl}/auth/tokens`, {
      method: "DELETE",
      headers: {
        "x-auth-token": await ks.adminToken(),
        "x-subject-token": token.value,
      },
    });
    const c = createClient({
      endpoint: glance.url,
      token: token.value,
      transport,
    });
    clients.push(c);
    const error = await c.images.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).not.toContain(token.value);
  });
});
