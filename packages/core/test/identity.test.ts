import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, EndpointNotFoundError, IdentitySession, ImageClient, RACKSPACE_IDENTITY_UK, RACKSPACE_IDENTITY_US, RequestNotReplayableError, UnauthorizedError, ValidationError, keystoneApplicationCredential, keystonePassword, keystoneToken, rackspaceApiKey, rackspacePassword, selectEndpoint, type TransportRequest } from "../src/index.js";
import { catalogFromKeystoneV3, catalogFromV2 } from "../src/internal.js";
import { fakeTransport, imageBody } from "./fake-transport.js";
import {
  GLANCE,
  KEYSTONE,
  keystoneHandler,
  keystoneTokenBody,
  rackspaceAccessBody,
} from "./identity-fixtures.js";

const PASSWORD = "pa55-WORD-never-shown";
const SECRET = "app-cred-SECRET-never-shown";
const API_KEY = "0123456789abcdef-API-KEY-never-shown";

describe("Keystone v3 request bodies", () => {
  it("password: user by name + domain, project by name + domain", () => {
    const auth = keystonePassword({
      authUrl: KEYSTONE,
      username: "alice",
      userDomainName: "Default",
      password: PASSWORD,
      projectName: "demo",
      projectDomainName: "Default",
    });
    expect(auth.requestBody()).toEqual({
      identity: {
        methods: ["password"],
        password: {
          user: {
            name: "alice",
            domain: { name: "Default" },
            password: PASSWORD,
          },
        },
      },
      scope: { project: { name: "demo", domain: { name: "Default" } } },
    });
  });

  it("password: user by id, project by id; domain and system scopes; unscoped", () => {
    expect(
      keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
        projectId: "p1",
      }).requestBody(),
    ).toEqual({
      identity: {
        methods: ["password"],
        password: { user: { id: "u1", password: PASSWORD } },
      },
      scope: { project: { id: "p1" } },
    });
    expect(
      keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
        domainId: "default",
      }).requestBody().scope,
    ).toEqual({ domain: { id: "default" } });
    expect(
      keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
        system: true,
      }).requestBody().scope,
    ).toEqual({ system: { all: true } });
    expect(
      keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
      }).requestBody().scope,
    ).toBeUndefined();
  });

  it("password: default domain fills the user's and the project's domain", () => {
    const body = keystonePassword({
      authUrl: KEYSTONE,
      username: "alice",
      password: PASSWORD,
      projectName: "demo",
      defaultDomainId: "default",
    }).requestBody();
    expect(body).toMatchObject({
      identity: { password: { user: { domain: { id: "default" } } } },
      scope: { project: { domain: { id: "default" } } },
    });
  });

  it("application credential: by id, or by name + user; never a scope", () => {
    expect(
      keystoneApplicationCredential({
        authUrl: KEYSTONE,
        applicationCredentialId: "ac1",
        applicationCredentialSecret: SECRET,
      }).requestBody(),
    ).toEqual({
      identity: {
        methods: ["application_credential"],
        application_credential: { id: "ac1", secret: SECRET },
      },
    });
    expect(
      keystoneApplicationCredential({
        authUrl: KEYSTONE,
        applicationCredentialName: "ci",
        username: "alice",
        userDomainName: "Default",
        applicationCredentialSecret: SECRET,
      }).requestBody(),
    ).toEqual({
      identity: {
        methods: ["application_credential"],
        application_credential: {
          name: "ci",
          user: { name: "alice", domain: { name: "Default" } },
          secret: SECRET,
        },
      },
    });
  });

  it("token: re-scope an existing token", () => {
    expect(
      keystoneToken({
        authUrl: KEYSTONE,
        token: "tok-old",
        projectId: "p2",
      }).requestBody(),
    ).toEqual({
      identity: { methods: ["token"], token: { id: "tok-old" } },
      scope: { project: { id: "p2" } },
    });
  });

  it("refuses incomplete input before sending anything, without echoing secrets", () => {
    const cases = [
      () =>
        keystonePassword({
          authUrl: KEYSTONE,
          username: "alice",
          password: PASSWORD,
        }),
      () => keystonePassword({ authUrl: KEYSTONE, userId: "u1", password: "" }),
      () =>
        keystonePassword({
          authUrl: KEYSTONE,
          userId: "u1",
          password: PASSWORD,
          projectName: "demo",
        }),
      () =>
        keystonePassword({
          authUrl: KEYSTONE,
          userId: "u1",
          password: PASSWORD,
          projectId: "p",
          domainId: "d",
        }),
      () =>
        keystonePassword({
          authUrl: KEYSTONE,
          userId: "u1",
          password: 12345 as unknown as string,
        }),
      () =>
        keystoneApplicationCredential({
          authUrl: KEYSTONE,
          applicationCredentialSecret: SECRET,
        }),
      () =>
        keystoneApplicationCredential({
          authUrl: KEYSTONE,
          applicationCredentialName: "ci",
          applicationCredentialSecret: SECRET,
        }),
      () => rackspaceApiKey({ username: "demo", apiKey: "" }),
      () => rackspacePassword({ username: "", password: PASSWORD }),
    ];
    for (const make of cases) {
      const error = (() => {
        try {
          make();
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ValidationError);
      const shown = `${(error as Error).message} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;
      for (const secret of [PASSWORD, SECRET, "12345"])
        expect(shown).not.toContain(secret);
    }
  });
});

describe("Keystone v3 through a transport", () => {
  it("takes the token from X-Subject-Token, keeps expires_at, reads the catalog", async () => {
    const transport = fakeTransport(keystoneHandler());
    const auth = keystonePassword({
      authUrl: `${KEYSTONE}/`,
      userId: "u1",
      password: PASSWORD,
      projectId: "p1",
    });
    const token = await auth.authenticate({ transport, timeoutMs: 5000 });
    expect(token.value).toBe("tok-1");
    expect(token.expiresAt?.toISOString()).toBe("2099-01-01T00:00:00.000Z");
    expect(token).toMatchObject({
      projectId: "p1",
      projectName: "demo",
      userId: "u1",
      methods: ["password"],
    });
    expect(token.catalog.map((s) => s.type)).toEqual(["image", "identity"]);
    const [req] = transport.requests;
    expect(req).toMatchObject({
      method: "POST",
      url: "http://keystone.test:5000/v3/auth/tokens",
    });
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(req!.headers["x-auth-token"]).toBeUndefined();
  });

  it("auth URLs with or without /v3 reach the same token URL", async () => {
    for (const authUrl of [
      "http://keystone.test:5000",
      "http://keystone.test:5000/v3",
      "http://keystone.test:5000/v3/",
    ]) {
      const transport = fakeTransport(keystoneHandler());
      await keystonePassword({
        authUrl,
        userId: "u1",
        password: PASSWORD,
      }).authenticate({ transport, timeoutMs: 5000 });
      expect(transport.requests[0]!.url).toBe(
        "http://keystone.test:5000/v3/auth/tokens",
      );
    }
  });

  it("a refusal is an AuthenticationError with Keystone's message, without the password", async () => {
    const transport = fakeTransport(() => ({
      status: 401,
      headers: { "x-openstack-request-id": "req-1" },
      body: {
        error: {
          code: 401,
          message: "The request you have made requires authentication.",
          title: "Unauthorized",
        },
      },
    }));
    const error = await keystonePassword({
      authUrl: KEYSTONE,
      userId: "u1",
      password: PASSWORD,
    })
      .authenticate({ transport, timeoutMs: 5000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      code: "AUTH_401",
      requestId: "req-1",
      method: "keystone-v3 password",
    });
    expect((error as Error).message).toMatch(/requires authentication/);
    expect((error as Error).cause).toBeInstanceOf(UnauthorizedError);
    expect(
      `${(error as Error).message} ${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`,
    ).not.toContain(PASSWORD);
  });
});

describe("Rackspace identity v2.0", () => {
  it("API key and password bodies, optional tenant; US endpoint by default", async () => {
    const transport = fakeTransport(() => ({
      status: 200,
      body: rackspaceAccessBody(),
    }));
    const apiKey = rackspaceApiKey({
      username: "demo",
      apiKey: API_KEY,
      tenantId: "123456",
    });
    expect(apiKey.authUrl).toBe(RACKSPACE_IDENTITY_US);
    expect(apiKey.requestBody()).toEqual({
      auth: {
        "RAX-KSKEY:apiKeyCredentials": { username: "demo", apiKey: API_KEY },
        tenantId: "123456",
      },
    });
    const password = rackspacePassword({
      authUrl: RACKSPACE_IDENTITY_UK,
      username: "demo",
      password: PASSWORD,
      tenantName: "123456",
    });
    expect(password.requestBody()).toEqual({
      auth: {
        passwordCredentials: { username: "demo", password: PASSWORD },
        tenantName: "123456",
      },
    });

    const token = await apiKey.authenticate({ transport, timeoutMs: 5000 });
    expect(transport.requests[0]!.url).toBe(
      "https://identity.api.rackspacecloud.com/v2.0/tokens",
    );
    expect(token).toMatchObject({
      value: "rax-token-1",
      defaultRegion: "DFW",
      projectId: "123456",
      userName: "demo",
      methods: ["APIKEY"],
    });
    await password.authenticate({ transport, timeoutMs: 5000 });
    expect(transport.requests[1]!.url).toBe(
      "https://lon.identity.api.rackspacecloud.com/v2.0/tokens",
    );
  });

  it("Rackspace error bodies become AuthenticationError with the server's message", async () => {
    const transport = fakeTransport(() => ({
      status: 401,
      body: {
        unauthorized: {
          code: 401,
          message: "Unable to authenticate user with credentials provided.",
        },
      },
    }));
    const error = await rackspaceApiKey({ username: "demo", apiKey: API_KEY })
      .authenticate({ transport, timeoutMs: 5000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).serverMessage).toBe(
      "Unable to authenticate user with credentials provided.",
    );
    expect(
      `${(error as Error).message} ${inspect(error, { depth: 10 })}`,
    ).not.toContain(API_KEY);
  });
});

describe("service catalog selection", () => {
  const rax = catalogFromV2(
    (rackspaceAccessBody() as { access: { serviceCatalog: never } }).access
      .serviceCatalog,
  );
  const ks = catalogFromKeystoneV3(
    (keystoneTokenBody() as { token: { catalog: never } }).token.catalog,
  );

  it("by type, name, region and interface", () => {
    expect(selectEndpoint(rax, { type: "image", region: "ORD" }).url).toBe(
      "https://ord.images.api.rackspacecloud.com/v2",
    );
    expect(
      selectEndpoint(rax, { name: "cloudImages", region: "lon" }),
    ).toMatchObject({
      region: "LON",
      type: "image",
      name: "cloudImages",
      interface: "public",
    });
    expect(
      selectEndpoint(rax, {
        type: "compute",
        name: "cloudServersOpenStack",
        region: "SYD",
      }).url,
    ).toBe("https://syd.servers.api.rackspacecloud.com/v2/123456");
    expect(
      selectEndpoint(rax, {
        type: "object-store",
        region: "HKG",
        interface: "internal",
      }).url,
    ).toMatch(/^https:\/\/snet-storage101\.hkg1/);
    expect(
      selectEndpoint(rax, {
        type: "object-store",
        region: "HKG",
        interface: "internalURL",
      }).interface,
    ).toBe("internal");
    expect(
      selectEndpoint(ks, {
        type: "image",
        region: "RegionOne",
        interface: "internal",
      }).url,
    ).toBe("http://glance.internal:9292");
    expect(selectEndpoint(ks, { type: "identity" }).url).toBe(KEYSTONE);
  });

  it("entries without a region match any region and are preferred when no region is asked", () => {
    expect(selectEndpoint(rax, { name: "cloudServers" }).url).toBe(
      "https://servers.api.rackspacecloud.com/v1.0/123456",
    );
    expect(
      selectEndpoint(rax, { name: "cloudServers", region: "DFW" }).region,
    ).toBeUndefined();
    // type compute, region IAD: the regional cloudServersOpenStack wins over the global legacy entry
    expect(selectEndpoint(rax, { type: "compute", region: "IAD" }).name).toBe(
      "cloudServersOpenStack",
    );
  });

  it("no match: a typed error listing what the catalog offers", () => {
    const error = (() => {
      try {
        selectEndpoint(rax, { type: "image", region: "MARS" });
      } catch (e) {
        return e;
      }
    })() as EndpointNotFoundError;
    expect(error).toBeInstanceOf(EndpointNotFoundError);
    expect(error.code).toBe("ENDPOINT_NOT_FOUND");
    expect(error.message).toContain("type=image, region=MARS");
    expect(error.message).toContain(
      'image "cloudImages" (public: DFW ORD IAD LON SYD HKG)',
    );
    expect(error.message).toContain(
      'compute "cloudServers" (public: (no region))',
    );
    expect(error.offered).toContainEqual({
      type: "object-store",
      name: "cloudFiles",
      region: "LON",
      interface: "internal",
    });
    expect(() => selectEndpoint(rax, { type: "volume" })).toThrow(
      EndpointNotFoundError,
    );
    expect(() =>
      selectEndpoint(rax, { type: "image", interface: "admin" }),
    ).toThrow(/no endpoint.*interface=admin/i);
    expect(() =>
      selectEndpoint(rax, { type: "image", interface: "private" as never }),
    ).toThrow(/unknown interface/);
    expect(() => selectEndpoint(rax, { region: "DFW" })).toThrow(
      /give a service type or name/,
    );
  });

  it("several regions and none asked: an error naming them", () => {
    expect(() => selectEndpoint(rax, { type: "image" })).toThrow(
      /several regions offer it \(DFW, ORD, IAD, LON, SYD, HKG\)/,
    );
    expect(() => selectEndpoint(ks, { type: "image" })).toThrow(
      /RegionOne, RegionTwo/,
    );
  });
});

describe("IdentitySession token lifecycle", () => {
  it("caches the token and reports the catalog endpoint (version suffix or not, same root)", async () => {
    const state = { issued: 0 };
    const transport = fakeTransport(keystoneHandler(state));
    const session = new IdentitySession({
      auth: keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
        projectId: "p1",
      }),
      transport,
      region: "RegionOne",
    });
    expect(await session.headers()).toEqual({ "x-auth-token": "tok-1" });
    expect(await session.headers()).toEqual({ "x-auth-token": "tok-1" });
    expect(state.issued).toBe(1);
    expect((await session.endpoint({ type: "image" })).url).toBe(
      `${GLANCE}/v2/`,
    );
    expect(await session.endpointResolver({ type: "image" })()).toBe(GLANCE);
    expect(
      await session.endpointResolver({ type: "image", region: "RegionTwo" })(),
    ).toBe("http://glance.two:9292");
  });

  it("renews before expiry, with the margin capped at half the lifetime", async () => {
    let now = Date.parse("2026-11-22T18:00:00Z");
    const state = {
      issued: 0,
      expiresAt: () => new Date(now + 60_000).toISOString(),
    };
    const transport = fakeTransport(keystoneHandler(state));
    const session = new IdentitySession({
      auth: keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
      }),
      transport,
      refreshMarginMs: 120_000,
      now: () => now,
    });
    expect((await session.token()).value).toBe("tok-1");
    now += 29_000; // margin = min(120 s, 60 s / 2) = 30 s: still fresh
    expect((await session.token()).value).toBe("tok-1");
    now += 1_500; // 29.5 s left: renew
    expect((await session.token()).value).toBe("tok-2");
    expect(session.authRequests).toBe(2);
  });

  it("single flight: 100 concurrent callers, exactly one auth request", async () => {
    const state = { issued: 0 };
    const handler = keystoneHandler(state);
    const transport = fakeTransport(async (req) => {
      await new Promise((r) => setTimeout(r, 20));
      return handler(req);
    });
    const session = new IdentitySession({
      auth: keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
      }),
      transport,
    });
    const headers = await Promise.all(
      Array.from({ length: 100 }, () => session.headers()),
    );
    expect(new Set(headers.map((h) => h["x-auth-token"]))).toEqual(
      new Set(["tok-1"]),
    );
    expect(transport.requests).toHaveLength(1);
  });

  it("a failed auth fails every waiter; the next call tries again", async () => {
    let fail = true;
    const ok = keystoneHandler();
    const transport = fakeTransport((req) =>
      fail
        ? { status: 401, body: { error: { code: 401, message: "nope" } } }
        : ok(req),
    );
    const session = new IdentitySession({
      auth: keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
      }),
      transport,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => session.token()),
    );
    expect(
      results.every(
        (r) =>
          r.status === "rejected" && r.reason instanceof AuthenticationError,
      ),
    ).toBe(true);
    expect(transport.requests).toHaveLength(1);
    fail = false;
    expect((await session.token()).value).toBe("tok-1");
  });

  it("a waiter's abort signal stops only that waiter", async () => {
    const transport = fakeTransport(async (req) => {
      await new Promise((r) => setTimeout(r, 30));
      return keystoneHandler()(req);
    });
    const session = new IdentitySession({
      auth: keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
      }),
      transport,
    });
    const controller = new AbortController();
    const aborted = session.token(controller.signal);
    const other = session.token();
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    expect((await other).value).toBe("tok-1");
  });
});

describe("401 → re-authenticate once → replay", () => {
  /** Glance accepting only the newest token; Keystone issuing tok-N. */
  function cloud() {
    const state = { issued: 0 };
    const keystone = keystoneHandler(state);
    const glanceCalls: TransportRequest[] = [];
    const transport = fakeTransport((req) => {
      if (req.url.startsWith("http://keystone.test")) return keystone(req);
      glanceCalls.push(req);
      if (
        req.headers["x-auth-token"] !== `tok-${state.issued}` ||
        state.issued < 2
      )
        return {
          status: 401,
          body: "<html><body>401 Unauthorized</body></html>",
          headers: { "content-type": "text/html" },
        };
      if (req.method === "POST")
        return { status: 201, body: imageBody({ name: "replayed" }) };
      return { status: 200, body: imageBody() };
    });
    const session = new IdentitySession({
      auth: keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
        projectId: "p1",
      }),
      transport,
      region: "RegionOne",
    });
    const client = new ImageClient({
      endpoint: session.endpointResolver({ type: "image" }),
      transport,
      auth: session,
    });
    return { state, transport, session, client, glanceCalls };
  }

  it("replays a bodiless GET and a bytes POST with the new token", async () => {
    const { state, client, glanceCalls } = cloud();
    const image = await client.images.get(
      "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b",
    );
    expect(image.id).toBe("2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b");
    expect(state.issued).toBe(2);
    expect(glanceCalls.map((r) => r.headers["x-auth-token"])).toEqual([
      "tok-1",
      "tok-2",
    ]);
    expect(glanceCalls[0]!.url).toBe(
      `${GLANCE}/v2/images/2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b`,
    );
    expect(client.http.root).toBe(GLANCE);

    state.issued = 1; // make tok-2 stale on the server side only: next call is refused once
    const created = await client.images.create({ name: "replayed" });
    expect(created.name).toBe("replayed");
    const posts = glanceCalls.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    expect(new TextDecoder().decode(posts[1]!.body as Uint8Array)).toContain(
      '"name":"replayed"',
    );
  });

  it("a stream body cannot be replayed: RequestNotReplayableError (still an UnauthorizedError)", async () => {
    const { client, state } = cloud();
    await client.http.resolveRoot();
    state.issued = 5; // the current token (tok-1) is refused
    const body = new Blob([new Uint8Array([1, 2, 3])]).stream();
    const error = await client.http
      .empty({
        operation: "data.upload",
        method: "PUT",
        path: "/v2/images/x/file",
        body,
        expect: [204],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestNotReplayableError);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toMatch(
      /not replayed because its body is a stream/,
    );
  });

  it("replays once only: a second 401 is an UnauthorizedError", async () => {
    const transport = fakeTransport((req) =>
      req.url.startsWith("http://keystone.test")
        ? keystoneHandler()(req)
        : { status: 401, body: { error: { message: "no" } } },
    );
    const session = new IdentitySession({
      auth: keystonePassword({
        authUrl: KEYSTONE,
        userId: "u1",
        password: PASSWORD,
      }),
      transport,
    });
    const client = new ImageClient({
      endpoint: GLANCE,
      transport,
      auth: session,
    });
    const error = await client.images
      .get("2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).not.toBeInstanceOf(RequestNotReplayableError);
    expect(
      transport.requests.filter((r) => r.url.startsWith(GLANCE)),
    ).toHaveLength(2);
    expect(session.authRequests).toBe(2);
  });

  it("100 concurrent calls refused with the same token: one re-authentication", async () => {
    const { state, client, session } = cloud();
    await Promise.all(
      Array.from({ length: 100 }, () =>
        client.images.get("2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b"),
      ),
    );
    expect(state.issued).toBe(2);
    expect(session.authRequests).toBe(2);
  });

  it("a fixed token (no invalidate) is not retried", async () => {
    const transport = fakeTransport(() => ({
      status: 401,
      body: { error: { message: "no" } },
    }));
    const client = new ImageClient({
      endpoint: GLANCE,
      transport,
      token: "fixed-token-value",
    });
    await expect(
      client.images.get("2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b"),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    expect(transport.requests).toHaveLength(1);
  });
});

describe("secrets never show", () => {
  it("JSON.stringify and util.inspect of auth methods, sessions, tokens, clients and errors", async () => {
    const transport = fakeTransport((req) =>
      req.url.startsWith("http://keystone.test")
        ? keystoneHandler()(req)
        : { status: 401, body: { error: { message: "no" } } },
    );
    const objects: unknown[] = [
      keystonePassword({
        authUrl: KEYSTONE,
        username: "alice",
        userDomainName: "Default",
        password: PASSWORD,
        projectName: "demo",
        projectDomainName: "Default",
      }),
      keystoneApplicationCredential({
        authUrl: KEYSTONE,
        applicationCredentialId: "ac1",
        applicationCredentialSecret: SECRET,
      }),
      keystoneToken({ authUrl: KEYSTONE, token: "tok-1", projectId: "p1" }),
      rackspaceApiKey({ username: "demo", apiKey: API_KEY }),
      rackspacePassword({ username: "demo", password: PASSWORD }),
    ];
    const session = new IdentitySession({
      auth: objects[0] as never,
      transport,
    });
    const client = new ImageClient({
      endpoint: GLANCE,
      transport,
      auth: session,
    });
    const error = await client.images
      .get("2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b")
      .catch((e: unknown) => e);
    objects.push(
      session,
      session.current,
      client,
      error,
      transport.requests
        .filter((r) => r.url.startsWith(GLANCE))
        .map((r) => ({ ...r, headers: {} })),
    );
    for (const o of objects) {
      const shown = [
        JSON.stringify(o),
        inspect(o, { depth: 10, showHidden: false }),
        String(o),
        (o as Error)?.message ?? "",
      ].join("\n");
      for (const secret of [PASSWORD, SECRET, API_KEY, "tok-1", "tok-2"])
        expect(shown, inspect(o)).not.toContain(secret);
    }
    expect(inspect(session)).toMatch(
      /IdentitySession \{ auth: keystone-v3 password at http:\/\/keystone.test:5000\/v3, region: -, token: \[REDACTED\]/,
    );
    expect(JSON.stringify(objects[0])).toBe(
      '{"kind":"keystone-v3 password","authUrl":"http://keystone.test:5000/v3","username":"alice","userDomain":"Default","projectName":"demo","projectDomain":"Default"}',
    );
  });
});

describe("identity requests come from the spec", () => {
  it("Keystone: POST /v3/auth/tokens (201), JSON, retried like any idempotent request after a 503", async () => {
    let n = 0;
    const transport = fakeTransport(() => {
      n += 1;
      if (n === 1) return { status: 503, body: { error: { code: 503, message: "busy" } } };
      return { status: 201, headers: { "x-subject-token": "tok-1" }, body: keystoneTokenBody() };
    });
    const auth = keystonePassword({ authUrl: "http://keystone.test:5000/v3", username: "demo", password: PASSWORD, userDomainName: "Default", projectName: "demo", projectDomainName: "Default" });
    const token = await auth.authenticate({ transport, timeoutMs: 10_000 });
    expect(token.value).toBe("tok-1");
    expect(transport.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST http://keystone.test:5000/v3/auth/tokens", "POST http://keystone.test:5000/v3/auth/tokens"]);
    expect(transport.requests[1]!.headers["content-type"]).toBe("application/json");
  });

  it("Rackspace: POST /v2.0/tokens, answered 200 or 203", async () => {
    for (const status of [200, 203]) {
      const transport = fakeTransport(() => ({ status, body: rackspaceAccessBody() }));
      const auth = rackspaceApiKey({ username: "demo", apiKey: API_KEY, authUrl: "http://identity.test/v2.0" });
      await auth.authenticate({ transport, timeoutMs: 10_000 });
      expect(transport.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST http://identity.test/v2.0/tokens"]);
    }
  });
});
