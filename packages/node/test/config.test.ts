import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { Agent, EnvHttpProxyAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  ConnectionError,
  KeystoneApplicationCredentialAuth,
  KeystonePasswordAuth,
  type KeystoneTokenAuth,
  RACKSPACE_IDENTITY_US,
  RackspaceApiKeyAuth,
  RackspacePasswordAuth,
  cloudsYamlCandidates,
  createClient,
  createComputeClient,
  createConfiguredDispatcher,
  loadCloudConfig,
  proxyFromEnv,
  type TransportRequest,
} from "../src/index.js";

const PASSWORD = "s3cret-PASSWORD-in-yaml";
const APP_SECRET = "s3cret-APP-CRED";
const API_KEY = "s3cret-API-KEY-0123456789";
const TOKEN = "s3cret-TOKEN-gAAAA";
const SECRETS = [PASSWORD, APP_SECRET, API_KEY, TOKEN];

let root: string;
let cwd: string;
let home: string;
let etcDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cloud-images-config-"));
  cwd = join(root, "work");
  home = join(root, "home");
  etcDir = join(root, "etc-openstack");
  for (const d of [cwd, join(home, ".config", "openstack"), etcDir])
    mkdirSync(d, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string): string => {
  writeFileSync(path, text);
  return path;
};
const sources = (env: Record<string, string> = {}) => ({
  env,
  cwd,
  home,
  etcDir,
});

const CLOUDS = `
clouds:
  devstack:
    auth:
      auth_url: http://keystone.test:5000/v3
      username: alice
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: internal
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: http://keystone.test:5000/v3
      application_credential_id: ac-1
  rax:
    profile: rackspace
    auth:
      username: demo
    region_name: LON
`;

describe("clouds.yaml search order (openstacksdk's)", () => {
  it("OS_CLIENT_CONFIG_FILE, then the current folder, ~/.config/openstack, /etc/openstack", () => {
    const list = cloudsYamlCandidates({
      env: { OS_CLIENT_CONFIG_FILE: "custom/c.yaml" },
      cwd,
      home,
      etcDir,
    });
    expect(list).toEqual([
      join(cwd, "custom/c.yaml"),
      join(cwd, "clouds.yaml"),
      join(cwd, "clouds.yml"),
      join(home, ".config/openstack/clouds.yaml"),
      join(home, ".config/openstack/clouds.yml"),
      join(etcDir, "clouds.yaml"),
      join(etcDir, "clouds.yml"),
    ]);
  });

  it("the first existing file wins", () => {
    write(
      join(etcDir, "clouds.yaml"),
      "clouds:\n  c: {auth: {auth_url: http://etc/v3, user_id: u, password: p}}\n",
    );
    expect(loadCloudConfig({ ...sources(), cloud: "c" }).auth.auth_url).toBe(
      "http://etc/v3",
    );
    write(
      join(home, ".config/openstack/clouds.yaml"),
      "clouds:\n  c: {auth: {auth_url: http://home/v3, user_id: u, password: p}}\n",
    );
    expect(loadCloudConfig({ ...sources(), cloud: "c" }).auth.auth_url).toBe(
      "http://home/v3",
    );
    write(
      join(cwd, "clouds.yaml"),
      "clouds:\n  c: {auth: {auth_url: http://cwd/v3, user_id: u, password: p}}\n",
    );
    expect(loadCloudConfig({ ...sources(), cloud: "c" }).file).toBe(
      join(cwd, "clouds.yaml"),
    );
    const custom = write(
      join(root, "mine.yaml"),
      "clouds:\n  c: {auth: {auth_url: http://custom/v3, user_id: u, password: p}}\n",
    );
    expect(
      loadCloudConfig({
        ...sources({ OS_CLIENT_CONFIG_FILE: custom }),
        cloud: "c",
      }).auth.auth_url,
    ).toBe("http://custom/v3");
  });
});

describe("cloud resolution", () => {
  beforeEach(() => {
    write(join(home, ".config/openstack/clouds.yaml"), CLOUDS);
    write(
      join(home, ".config/openstack/secure.yaml"),
      `clouds:\n  devstack:\n    auth:\n      password: ${PASSWORD}\n  appcred:\n    auth:\n      application_credential_secret: ${APP_SECRET}\n  rax:\n    auth:\n      api_key: ${API_KEY}\n`,
    );
  });

  it("by name, with secure.yaml merged over clouds.yaml", () => {
    const c = loadCloudConfig({ ...sources(), cloud: "devstack" });
    expect(c).toMatchObject({
      name: "devstack",
      authType: "password",
      region: "RegionOne",
      interface: "internal",
      file: join(home, ".config/openstack/clouds.yaml"),
    });
    expect(c.secretKeys).toEqual(["password"]);
    const auth = c.authMethod() as KeystonePasswordAuth;
    expect(auth).toBeInstanceOf(KeystonePasswordAuth);
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

  it("by OS_CLOUD", () => {
    expect(loadCloudConfig(sources({ OS_CLOUD: "appcred" })).name).toBe(
      "appcred",
    );
    const auth = loadCloudConfig(
      sources({ OS_CLOUD: "appcred" }),
    ).authMethod() as KeystoneApplicationCredentialAuth;
    expect(auth).toBeInstanceOf(KeystoneApplicationCredentialAuth);
    expect(auth.requestBody()).toEqual({
      identity: {
        methods: ["application_credential"],
        application_credential: { id: "ac-1", secret: APP_SECRET },
      },
    });
  });

  it("the rackspace profile: US identity, api key, user's default region unless region_name", () => {
    const c = loadCloudConfig({ ...sources(), cloud: "rax" });
    expect(c).toMatchObject({
      authType: "rackspace_apikey",
      region: "LON",
      imageServiceName: "cloudImages",
      interface: "public",
    });
    const auth = c.authMethod() as RackspaceApiKeyAuth;
    expect(auth).toBeInstanceOf(RackspaceApiKeyAuth);
    expect(auth.authUrl).toBe(RACKSPACE_IDENTITY_US);
    expect(auth.requestBody()).toEqual({
      auth: {
        "RAX-KSKEY:apiKeyCredentials": { username: "demo", apiKey: API_KEY },
      },
    });
    write(
      join(cwd, "clouds.yaml"),
      `clouds:\n  r:\n    profile: rackspace\n    auth_type: password\n    auth: {username: demo, password: ${PASSWORD}}\n`,
    );
    const pw = loadCloudConfig({ ...sources(), cloud: "r" });
    expect(pw.region).toBeUndefined();
    expect(pw.authMethod()).toBeInstanceOf(RackspacePasswordAuth);
  });

  it("unknown cloud: an error naming the file and the clouds, no secrets", () => {
    const error = (() => {
      try {
        loadCloudConfig({ ...sources(), cloud: "nope" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toContain(
      `cloud "nope" not found in ${join(home, ".config/openstack/clouds.yaml")}; clouds defined: devstack, appcred, rax`,
    );
  });

  it("names like __proto__ and constructor are keys of the YAML, never Object.prototype's members", () => {
    // Not found, as any other name the file does not define (Object.prototype is no cloud).
    for (const cloud of ["__proto__", "constructor", "toString"])
      expect(() => loadCloudConfig({ ...sources(), cloud })).toThrow(`cloud ${JSON.stringify(cloud)} not found`);
    expect(() =>
      loadCloudConfig({ ...sources(), cloud: "devstack", env: { OS_CLIENT_CONFIG_FILE: write(join(root, "p.yaml"), "clouds:\n  devstack: {profile: constructor, auth: {auth_url: http://k/v3}}\n") } }),
    ).toThrow('unknown profile "constructor"');
    expect(() =>
      loadCloudConfig({ ...sources(), cloud: "devstack", env: { OS_CLIENT_CONFIG_FILE: write(join(root, "t.yaml"), "clouds:\n  devstack: {auth_type: constructor, auth: {auth_url: http://k/v3}}\n") } }),
    ).toThrow('auth_type "constructor" is not supported');
    // A cloud named __proto__ is a cloud; a __proto__ key in auth is one more auth value, also
    // when only secure.yaml has it (merged over a mapping without it).
    write(
      join(cwd, "clouds.yaml"),
      `clouds:\n  __proto__:\n    auth: {auth_url: http://k/v3, user_id: u}\n`,
    );
    write(join(cwd, "secure.yaml"), `clouds:\n  __proto__:\n    auth: {password: ${PASSWORD}, __proto__: x}\n`);
    const c = loadCloudConfig({ ...sources(), cloud: "__proto__" });
    expect(c.name).toBe("__proto__");
    expect(Object.getOwnPropertyDescriptor(c.auth, "__proto__")?.value).toBe("x");
    expect(Object.getPrototypeOf(c.auth)).toBe(Object.prototype);
    expect(c.authMethod()).toBeInstanceOf(KeystonePasswordAuth);
  });

  it("several clouds and no choice: an error; one cloud: used", () => {
    expect(() => loadCloudConfig(sources())).toThrow(
      /several clouds .*devstack, appcred, rax.*OS_CLOUD/,
    );
    write(
      join(cwd, "clouds.yaml"),
      "clouds:\n  only: {auth: {auth_url: http://k/v3, user_id: u, password: p}}\n",
    );
    write(join(cwd, "secure.yaml"), "clouds: {}\n"); // found before the home one, which would add its clouds
    expect(loadCloudConfig(sources()).name).toBe("only");
  });

  it("missing auth keys and unknown auth types are ConfigurationErrors", () => {
    write(
      join(cwd, "clouds.yaml"),
      "clouds:\n  a: {auth: {user_id: u, password: p}}\n  b: {auth_type: kerberos, auth: {auth_url: http://k}}\n  c: {auth: {auth_url: http://k, username: u, password: p}}\n",
    );
    expect(() =>
      loadCloudConfig({ ...sources(), cloud: "a" }).authMethod(),
    ).toThrow(/cloud "a" .*needs auth.auth_url/);
    expect(() => loadCloudConfig({ ...sources(), cloud: "b" })).toThrow(
      /auth_type "kerberos" is not supported/,
    );
    expect(() =>
      loadCloudConfig({ ...sources(), cloud: "c" }).authMethod(),
    ).toThrow(ConfigurationError);
  });

  it("secrets never show in inspect, JSON or errors", () => {
    const shown: string[] = [];
    for (const name of ["devstack", "appcred", "rax"]) {
      const c = loadCloudConfig({ ...sources(), cloud: name });
      shown.push(
        inspect(c, { depth: 10 }),
        JSON.stringify(c),
        inspect(c.authMethod(), { depth: 10 }),
        JSON.stringify(c.authMethod()),
      );
    }
    write(
      join(cwd, "clouds.yaml"),
      `clouds:\n  bad: {auth: {auth_url: http://k, username: alice, password: ${PASSWORD}}}\n`,
    );
    try {
      loadCloudConfig({ ...sources(), cloud: "bad" }).authMethod();
    } catch (e) {
      shown.push((e as Error).message, inspect(e, { depth: 10 }));
    }
    write(
      join(cwd, "clouds.yaml"),
      `clouds:\n  broken: {auth: {password: "${PASSWORD}\n`,
    );
    try {
      loadCloudConfig({ ...sources(), cloud: "broken" });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      shown.push((e as Error).message, inspect(e, { depth: 10 }));
    }
    const text = shown.join("\n");
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).toContain("[REDACTED]");
  });
});

describe("OS_* variables", () => {
  it("password with project name and domains, region and interface", () => {
    const c = loadCloudConfig(
      sources({
        OS_AUTH_URL: "http://keystone.test:5000/v3",
        OS_USERNAME: "alice",
        OS_PASSWORD: PASSWORD,
        OS_PROJECT_NAME: "demo",
        OS_USER_DOMAIN_NAME: "Default",
        OS_PROJECT_DOMAIN_NAME: "Default",
        OS_REGION_NAME: "RegionOne",
        OS_INTERFACE: "internal",
      }),
    );
    expect(c).toMatchObject({
      name: "envvars",
      authType: "password",
      region: "RegionOne",
      interface: "internal",
    });
    expect(
      (c.authMethod() as KeystonePasswordAuth).requestBody(),
    ).toMatchObject({
      scope: { project: { name: "demo", domain: { name: "Default" } } },
    });
  });

  it("project id; application credential; token; api key", () => {
    const base = { OS_AUTH_URL: "http://keystone.test:5000/v3" };
    expect(
      (
        loadCloudConfig(
          sources({
            ...base,
            OS_USER_ID: "u1",
            OS_PASSWORD: PASSWORD,
            OS_PROJECT_ID: "p1",
          }),
        ).authMethod() as KeystonePasswordAuth
      ).requestBody().scope,
    ).toEqual({ project: { id: "p1" } });
    const ac = loadCloudConfig(
      sources({
        ...base,
        OS_APPLICATION_CREDENTIAL_ID: "ac1",
        OS_APPLICATION_CREDENTIAL_SECRET: APP_SECRET,
      }),
    );
    expect(ac.authType).toBe("v3applicationcredential");
    expect(ac.authMethod()).toBeInstanceOf(KeystoneApplicationCredentialAuth);
    const tok = loadCloudConfig(
      sources({ ...base, OS_TOKEN: TOKEN, OS_PROJECT_ID: "p2" }),
    );
    expect(tok.authType).toBe("v3token");
    expect((tok.authMethod() as KeystoneTokenAuth).requestBody()).toEqual({
      identity: { methods: ["token"], token: { id: TOKEN } },
      scope: { project: { id: "p2" } },
    });
    const rax = loadCloudConfig(
      sources({
        OS_AUTH_TYPE: "rackspace_apikey",
        OS_USERNAME: "demo",
        OS_API_KEY: API_KEY,
      }),
    );
    expect(rax.authMethod()).toBeInstanceOf(RackspaceApiKeyAuth);
    expect(rax.authMethod().authUrl).toBe(RACKSPACE_IDENTITY_US);
  });

  it("OS_CLOUD wins over OS_* variables; without OS_CLOUD the variables win over a lone clouds.yaml cloud", () => {
    write(
      join(cwd, "clouds.yaml"),
      "clouds:\n  only: {auth: {auth_url: http://file/v3, user_id: u, password: p}}\n",
    );
    const env = {
      OS_AUTH_URL: "http://env/v3",
      OS_USER_ID: "u",
      OS_PASSWORD: PASSWORD,
    };
    expect(loadCloudConfig(sources(env)).auth.auth_url).toBe("http://env/v3");
    expect(
      loadCloudConfig(sources({ ...env, OS_CLOUD: "only" })).auth.auth_url,
    ).toBe("http://file/v3");
  });

  it("nothing configured: an error that says what to set", () => {
    expect(() => loadCloudConfig(sources())).toThrow(
      /no cloud configured: set OS_CLOUD/,
    );
  });
});

describe("proxies and CA bundle", () => {
  it("reads HTTPS_PROXY / NO_PROXY in either case", () => {
    expect(
      proxyFromEnv({
        HTTPS_PROXY: "http://proxy:3128",
        NO_PROXY: "localhost,127.0.0.1",
      }),
    ).toEqual({
      httpsProxy: "http://proxy:3128",
      noProxy: "localhost,127.0.0.1",
    });
    expect(proxyFromEnv({ http_proxy: "http://p:1" })).toEqual({
      httpProxy: "http://p:1",
      httpsProxy: "http://p:1",
    });
    expect(proxyFromEnv({})).toEqual({});
  });

  it("an EnvHttpProxyAgent with a proxy, an Agent without; an unreadable cacert is a ConfigurationError", async () => {
    const proxied = createConfiguredDispatcher({
      env: { HTTPS_PROXY: "http://127.0.0.1:9" },
    });
    expect(proxied).toBeInstanceOf(EnvHttpProxyAgent);
    const direct = createConfiguredDispatcher({ env: {} });
    expect(direct).toBeInstanceOf(Agent);
    await Promise.all([proxied.close(), direct.close()]);
    const ca = write(
      join(root, "ca.pem"),
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    );
    await createConfiguredDispatcher({ cacert: ca, env: {} }).close();
    expect(() =>
      createConfiguredDispatcher({
        cacert: join(root, "missing.pem"),
        env: {},
      }),
    ).toThrow(ConfigurationError);
  });
});

describe("createClient with a cloud", () => {
  it("authenticates with the cloud's credentials and takes the image endpoint from the catalog", async () => {
    write(join(cwd, "clouds.yaml"), CLOUDS);
    write(
      join(cwd, "secure.yaml"),
      `clouds:\n  devstack:\n    auth:\n      password: ${PASSWORD}\n`,
    );
    const requests: TransportRequest[] = [];
    const transport = {
      async request(req: TransportRequest) {
        requests.push(req);
        const isAuth = req.url.endsWith("/v3/auth/tokens");
        const body = isAuth
          ? {
              token: {
                methods: ["password"],
                expires_at: "2099-01-01T00:00:00Z",
                user: { id: "u1", name: "alice" },
                project: { id: "p1", name: "demo" },
                catalog: [
                  {
                    type: "image",
                    name: "glance",
                    endpoints: [
                      {
                        interface: "internal",
                        region_id: "RegionOne",
                        url: "http://glance.internal:9292/v2",
                      },
                    ],
                  },
                ],
              },
            }
          : { images: [], schema: "/v2/schemas/images", first: "/v2/images" };
        const text = JSON.stringify(body);
        return {
          status: isAuth ? 201 : 200,
          headers: {
            "content-type": "application/json",
            ...(isAuth ? { "x-subject-token": TOKEN } : {}),
          },
          text: async () => text,
          bytes: async () => new TextEncoder().encode(text),
          stream: () => new Blob([text]).stream(),
          discard: async () => undefined,
        };
      },
    };
    const client = createClient({
      cloud: "devstack",
      configSources: sources(),
      transport,
    });
    expect(inspect(client)).toBe(
      "ImageClient { endpoint: '(from the service catalog)' }",
    );
    const page = await client.images.list();
    expect(page.images).toEqual([]);
    expect(requests.map((r) => r.url)).toEqual([
      "http://keystone.test:5000/v3/auth/tokens",
      "http://glance.internal:9292/v2/images",
    ]);
    expect(requests[1]!.headers["x-auth-token"]).toBe(TOKEN);
    expect(client.projectId).toBe("p1");
    expect(inspect(client)).toBe(
      "ImageClient { endpoint: 'http://glance.internal:9292' }",
    );
    for (const shown of [
      inspect(client, { depth: 10 }),
      JSON.stringify(client),
      inspect(client.identity, { depth: 10 }),
      JSON.stringify(client.identity),
      inspect(client.cloud),
    ]) {
      for (const s of SECRETS) expect(shown).not.toContain(s);
    }
    await client.close();
  });
});

describe("endpoint overrides and compute settings of a cloud", () => {
  it("compute_service_name (cloudServersOpenStack from the rackspace profile), compute_endpoint_override and OS_COMPUTE_ENDPOINT_OVERRIDE", () => {
    write(join(cwd, "clouds.yaml"), `${CLOUDS}  nova:\n    auth: {auth_url: http://keystone.test:5000/v3, user_id: u, password: p}\n    compute_service_name: nova-east\n    compute_endpoint_override: http://nova.test:8774/v2.1/p1\n`);
    expect(loadCloudConfig({ ...sources(), cloud: "rax" }).computeServiceName).toBe("cloudServersOpenStack");
    const nova = loadCloudConfig({ ...sources(), cloud: "nova" });
    expect(nova).toMatchObject({ computeServiceName: "nova-east", computeEndpointOverride: "http://nova.test:8774/v2.1/p1" });
    const env = loadCloudConfig({ ...sources({ OS_AUTH_URL: "http://k/v3", OS_USER_ID: "u", OS_PASSWORD: "p", OS_COMPUTE_ENDPOINT_OVERRIDE: "http://nova.env/v2/1" }) });
    expect(env.computeEndpointOverride).toBe("http://nova.env/v2/1");
    const compute = createComputeClient({ cloud: nova, transport: { request: () => Promise.reject(new ConfigurationError("not sent")) } });
    expect(compute.http.root).toBe("http://nova.test:8774/v2.1/p1");
  });

  it("a bad image_endpoint_override is a ConfigurationError naming the cloud and key, without the password in it", () => {
    write(join(cwd, "clouds.yaml"), `clouds:\n  bad:\n    auth: {auth_url: http://keystone.test:5000/v3, user_id: u, password: p}\n    image_endpoint_override: "ftp://admin:${PASSWORD}@glance"\n`);
    const error = (() => {
      try {
        createClient({ cloud: "bad", configSources: sources() });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/cloud "bad".*image_endpoint_override must use http or https/);
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
  });
});

describe("cacert: a private CA over real TLS", () => {
  it("trusts the cloud's CA bundle for auth and image calls; refuses the server without it", async () => {
    const key = join(root, "key.pem");
    const cert = join(root, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    let base = "";
    const server = createHttpsServer(
      { key: readFileSync(key), cert: readFileSync(cert) },
      (req, res) => {
        if (req.method === "POST" && req.url === "/v3/auth/tokens") {
          req.resume();
          res.writeHead(201, {
            "content-type": "application/json",
            "x-subject-token": TOKEN,
          });
          res.end(
            JSON.stringify({
              token: {
                methods: ["password"],
                expires_at: "2099-01-01T00:00:00Z",
                user: { id: "u1" },
                project: { id: "p1" },
                catalog: [
                  {
                    type: "image",
                    name: "glance",
                    endpoints: [
                      {
                        interface: "public",
                        region_id: "R1",
                        url: `${base}/v2`,
                      },
                    ],
                  },
                ],
              },
            }),
          );
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            images: [],
            schema: "/v2/schemas/images",
            first: "/v2/images",
          }),
        );
      },
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const yaml = (withCa: boolean) =>
        `clouds:\n  tls:\n    auth: {auth_url: ${base}/v3, user_id: u1, password: ${PASSWORD}, project_id: p1}\n${withCa ? `    cacert: ${cert}\n` : ""}`;
      write(join(cwd, "clouds.yaml"), yaml(true));
      const trusted = createClient({ cloud: "tls", configSources: sources() });
      expect((await trusted.images.list()).images).toEqual([]);
      expect(trusted.http.root).toBe(base);
      await trusted.close();

      write(join(cwd, "clouds.yaml"), yaml(false));
      const untrusted = createClient({
        cloud: "tls",
        configSources: sources(),
      });
      const error = await untrusted.images.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/self[- ]signed|certificate/i);
      expect((error as Error).message).not.toContain(PASSWORD);
      await untrusted.close();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
