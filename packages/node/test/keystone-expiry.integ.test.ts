// Token lifetime against a REAL Keystone configured with short tokens (`[token] expiration = 20`)
// and a real Glance behind it that validates every token with Keystone (`token_cache_time = -1`,
// so a revoked token is refused at once). Both are started for this file only (~8 s); the two
// tests run concurrently, so the file costs about the 10 s renewal wait plus start-up.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  startGlance,
  startKeystone,
  type GlanceServer,
  type KeystoneDemo,
  type KeystoneServer,
} from "@cloud-images/test-servers";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  DEFAULT_REFRESH_MARGIN_MS,
  createClient,
  createUndiciTransport,
  keystonePassword,
  type AuthMethod,
  type NodeImageClient,
  type Transport,
} from "../src/index.js";
import { recordingTransport } from "./support/recording-transport.js";

const TOKEN_SECONDS = 20;

let ks: KeystoneServer;
let glance: GlanceServer;
let demo: KeystoneDemo;
const transport = createUndiciTransport();
const clients: NodeImageClient[] = [];


function client(identity: AuthMethod, t: Transport): NodeImageClient {
  const c = createClient({
    identity,
    transport: t,
    region: ks.region,
    validateResponses: true,
  });
  clients.push(c);
  return c;
}

const alicePassword = (): AuthMethod =>
  keystonePassword({
    authUrl: ks.authUrl,
    username: demo.userA.name,
    userDomainName: "Default",
    password: demo.userA.password,
    projectId: demo.projectA.id,
  });

async function sleepUntil(time: number): Promise<void> {
  const left = time - Date.now();
  if (left > 0) await sleep(left);
}

beforeAll(async () => {
  ks = await startKeystone({ tokenExpirationSeconds: TOKEN_SECONDS });
  // Glance starts while Keystone gets the demo projects and users.
  const glanceStarting = ks
    .glanceAuthtoken({ tokenCacheSeconds: -1 })
    .then((keystone) => startGlance({ flavor: "keystone", keystone }));
  glanceStarting.catch(() => undefined); // awaited below
  demo = await ks.setupDemo();
  glance = await glanceStarting;
  await ks.registerService({ type: "image", name: "glance", url: glance.url });
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await transport.close();
  await glance?.stop();
  await ks?.stop();
});

describe(`Keystone with ${TOKEN_SECONDS} s tokens, Glance validating every request`, () => {
  it.concurrent(
    "the session renews its token before expiry on its own, on the real clock",
    async ({ expect }) => {
      const t = recordingTransport(transport);
      const c = client(alicePassword(), t);
      const asked = Date.now();
      await c.images.list({ limit: 1 });
      const answered = Date.now();
      expect(t.auths()).toBe(1);
      const first = c.identity!.current!;
      const expiresAt = first.expiresAt!.getTime();
      // Keystone's configured lifetime is what the token says.
      expect(expiresAt - asked).toBeGreaterThan((TOKEN_SECONDS - 2) * 1000);
      expect(expiresAt - answered).toBeLessThanOrEqual(
        (TOKEN_SECONDS + 1) * 1000,
      );

      // The session renews at expiry - min(30 s, lifetime / 2), the lifetime counted from when it
      // asked: with 20 s tokens half the lifetime, so about 10 s after the first auth request.
      // (Short tokens keep the real-clock wait short; the 30 s branch is the unit tests' job.)
      const renewalAt = (from: number): number =>
        expiresAt - Math.min(DEFAULT_REFRESH_MARGIN_MS, (expiresAt - from) / 2);
      const earliest = renewalAt(asked);
      const latest = renewalAt(answered);
      expect(latest - answered).toBeGreaterThan((TOKEN_SECONDS / 2 - 2) * 1000);
      expect(latest - answered).toBeLessThan((TOKEN_SECONDS / 2 + 1) * 1000);

      // Shortly before the renewal point: the cached token is still used.
      await sleepUntil(earliest - 1500);
      await c.images.list({ limit: 1 });
      expect(t.auths()).toBe(1);
      expect(c.identity!.current!.value).toBe(first.value);

      // Just after it: the next call authenticates first (once), then succeeds with the new token,
      // while the old one is still valid (renewed BEFORE expiry, not after a 401).
      await sleepUntil(latest + 250);
      const { images } = await c.images.list({ limit: 1 });
      expect(Date.now()).toBeLessThan(expiresAt);
      expect(Array.isArray(images)).toBe(true);
      expect(t.auths()).toBe(2);
      expect(c.identity!.authRequests).toBe(2);
      const second = c.identity!.current!;
      expect(second.value).not.toBe(first.value);
      expect(second.expiresAt!.getTime()).toBeGreaterThan(expiresAt);
      expect(t.statuses.filter((s) => s === 401)).toEqual([]);
    },
    90_000,
  );

  it.concurrent(
    "a token revoked after Glance has used it: 401 → one re-authentication → replay",
    async ({ expect }) => {
      const t = recordingTransport(transport);
      const c = client(alicePassword(), t);
      await c.images.list({ limit: 1 }); // Glance has seen (and accepted) this token
      const revoked = c.identity!.current!.value;
      expect(t.auths()).toBe(1);

      const res = await fetch(`${ks.authUrl}/auth/tokens`, {
        method: "DELETE",
        headers: {
          "x-auth-token": await ks.adminToken(),
          "x-subject-token": revoked,
        },
      });
      expect(res.status).toBe(204);

      const name = `revoked-${randomUUID().slice(0, 8)}`;
      const image = await c.images.create({
        name,
        disk_format: "raw",
        container_format: "bare",
      });
      expect(image).toMatchObject({ name, owner: demo.projectA.id });
      // Exactly one 401 (the create with the revoked token), exactly one extra auth request.
      expect(t.statuses.filter((s) => s === 401)).toHaveLength(1);
      expect(t.auths()).toBe(2);
      expect(c.identity!.current!.value).not.toBe(revoked);
      const replayed = t.requests.filter(
        (r) => r.method === "POST" && r.url.endsWith("/v2/images"),
      );
      expect(replayed).toHaveLength(2);
      expect(replayed[0]!.headers["x-auth-token"]).toBe(revoked);
      expect(replayed[1]!.headers["x-auth-token"]).toBe(
        c.identity!.current!.value,
      );

      await c.images.delete(image.id);
      expect(t.auths()).toBe(2);
    },
    60_000,
  );
});
