/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies are read loosely in tests */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/index.js";
import { checkFiles, specRecorder } from "./spec-check.js";

const spec = specRecorder();
let emulator: Emulator;
let demo: { token: string; files: string };

async function login(username: string, apiKey: string) {
  const res = await fetch(`${emulator.identityUrl}/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: { "RAX-KSKEY:apiKeyCredentials": { username, apiKey } },
    }),
  });
  const { access } = (await res.json()) as any;
  const files = access.serviceCatalog
    .find((s: any) => s.name === "cloudFiles")
    .endpoints.find((e: any) => e.region === "DFW").publicURL as string;
  return { token: access.token.id as string, files };
}

async function call(
  method: string,
  url: string,
  init: {
    body?: string | Uint8Array;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
) {
  const token = init.token === undefined ? demo.token : init.token;
  const res = await fetch(url, {
    method,
    headers: { ...(token ? { "x-auth-token": token } : {}), ...init.headers },
    body: init.body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

beforeAll(async () => {
  emulator = await startEmulator({ onResponse: spec.onResponse });
  demo = await login("demo", emulator.users[0]!.apiKey);
});
afterAll(async () => {
  await emulator.stop();
});

describe("Cloud Files against spec/object-store-v1.yaml", () => {
  it("account: HEAD counters, empty plain listing 204, JSON listing", async () => {
    const head = await call("HEAD", demo.files);
    expect(head.status).toBe(204);
    expect(head.headers.get("x-account-container-count")).toBe("0");
    expect(head.headers.get("x-trans-id")).toMatch(
      /^tx[0-9a-f]{21}-[0-9a-f]{10}$/,
    );
    expect(head.headers.get("x-timestamp")).toMatch(/^\d{10}\.\d{5}$/);
    expect((await call("GET", demo.files)).status).toBe(204);
    const empty = await call("GET", `${demo.files}?format=json`);
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual([]);
  });

  it("containers: create 201, again 202 with metadata, HEAD, POST metadata, name too long 400", async () => {
    expect(
      (
        await call("PUT", `${demo.files}/alpha`, {
          headers: { "x-container-meta-team": "web" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call("PUT", `${demo.files}/alpha`, {
          headers: { "x-container-meta-owner": "ops" },
        })
      ).status,
    ).toBe(202);
    for (const name of ["beta", "gamma", "delta"])
      expect((await call("PUT", `${demo.files}/${name}`)).status).toBe(201);
    let head = await call("HEAD", `${demo.files}/alpha`);
    expect(head.status).toBe(204);
    expect(head.headers.get("x-container-meta-team")).toBe("web");
    expect(head.headers.get("x-container-meta-owner")).toBe("ops");
    expect(head.headers.get("x-container-object-count")).toBe("0");
    expect(
      (
        await call("POST", `${demo.files}/alpha`, {
          headers: { "x-container-meta-team": "data" },
        })
      ).status,
    ).toBe(204);
    head = await call("HEAD", `${demo.files}/alpha`);
    expect(head.headers.get("x-container-meta-team")).toBe("data");
    expect((await call("HEAD", `${demo.files}/missing`)).status).toBe(404);
    expect((await call("POST", `${demo.files}/missing`)).status).toBe(404);
    const long = await call("PUT", `${demo.files}/${"c".repeat(257)}`);
    expect(long.status).toBe(400);
    expect(long.text).toBe("Container name length of 257 longer than 256");
  });

  it("account listing: plain and JSON, limit, marker, end_marker, prefix; limit above 10000 is 412", async () => {
    const plain = await call("GET", demo.files);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(plain.text).toBe("alpha\nbeta\ndelta\ngamma\n");
    const listing = await call("GET", `${demo.files}?format=json`);
    expect(listing.json.map((c: any) => c.name)).toEqual([
      "alpha",
      "beta",
      "delta",
      "gamma",
    ]);
    expect(listing.json[0]).toMatchObject({ count: 0, bytes: 0 });
    expect(listing.json[0].last_modified).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/,
    );
    expect(
      (await call("GET", `${demo.files}?format=json&limit=2`)).json.map(
        (c: any) => c.name,
      ),
    ).toEqual(["alpha", "beta"]);
    expect(
      (await call("GET", `${demo.files}?format=json&marker=beta`)).json.map(
        (c: any) => c.name,
      ),
    ).toEqual(["delta", "gamma"]);
    expect(
      (
        await call("GET", `${demo.files}?format=json&end_marker=delta`)
      ).json.map((c: any) => c.name),
    ).toEqual(["alpha", "beta"]);
    expect(
      (await call("GET", `${demo.files}?format=json&prefix=g`)).json.map(
        (c: any) => c.name,
      ),
    ).toEqual(["gamma"]);
    expect(
      (
        await call("GET", demo.files, {
          headers: { accept: "application/json" },
        })
      ).json,
    ).toHaveLength(4);
    expect((await call("GET", `${demo.files}?limit=0`)).status).toBe(204);
    expect((await call("GET", `${demo.files}?marker=gamma`)).status).toBe(204);
    const tooMany = await call("GET", `${demo.files}?format=json&limit=10001`);
    expect(tooMany.status).toBe(412);
    expect(tooMany.text).toBe("Maximum limit is 10000");
  });

  it("objects: PUT with ETag and metadata, bad ETag 422, missing container 404; GET and HEAD headers; POST replaces metadata", async () => {
    const put = await call("PUT", `${demo.files}/alpha/dir/one.txt`, {
      body: "hello",
      headers: {
        etag: md5("hello"),
        "content-type": "text/plain",
        "x-object-meta-color": "blue",
      },
    });
    expect(put.status).toBe(201);
    expect(put.headers.get("etag")).toBe(md5("hello"));
    expect(put.headers.get("last-modified")).toBeTruthy();
    expect(
      (
        await call("PUT", `${demo.files}/alpha/dir/two.bin`, {
          body: new TextEncoder().encode("twotwo"),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call("PUT", `${demo.files}/alpha/three`, {
          body: "3",
          headers: { etag: `"${md5("3")}"` },
        })
      ).status,
    ).toBe(201);
    const bad = await call("PUT", `${demo.files}/alpha/bad`, {
      body: "data",
      headers: { etag: md5("other") },
    });
    expect(bad.status).toBe(422);
    expect((await call("HEAD", `${demo.files}/alpha/bad`)).status).toBe(404);
    expect(
      (await call("PUT", `${demo.files}/missing/x`, { body: "x" })).status,
    ).toBe(404);
    expect(
      (
        await call("PUT", `${demo.files}/alpha/${"o".repeat(1025)}`, {
          body: "x",
        })
      ).status,
    ).toBe(400);

    const get = await call("GET", `${demo.files}/alpha/dir/one.txt`);
    expect(get.status).toBe(200);
    expect(get.text).toBe("hello");
    expect(get.headers.get("etag")).toBe(md5("hello"));
    expect(get.headers.get("content-type")).toBe("text/plain");
    expect(get.headers.get("content-length")).toBe("5");
    expect(get.headers.get("x-object-meta-color")).toBe("blue");
    expect(get.headers.get("x-timestamp")).toMatch(/^\d{10}\.\d{5}$/);
    expect(get.headers.get("last-modified")).toBe(
      put.headers.get("last-modified"),
    );
    const head = await call("HEAD", `${demo.files}/alpha/dir/two.bin`);
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("6");
    expect(head.headers.get("content-type")).toBe("application/octet-stream");
    expect((await call("GET", `${demo.files}/alpha/nope`)).status).toBe(404);

    expect(
      (
        await call("POST", `${demo.files}/alpha/dir/one.txt`, {
          headers: { "x-object-meta-size": "small" },
        })
      ).status,
    ).toBe(202);
    const after = await call("HEAD", `${demo.files}/alpha/dir/one.txt`);
    expect(after.headers.get("x-object-meta-size")).toBe("small");
    expect(after.headers.get("x-object-meta-color")).toBeNull();
    expect((await call("POST", `${demo.files}/alpha/nope`)).status).toBe(404);

    const account = await call("HEAD", demo.files);
    expect(account.headers.get("x-account-object-count")).toBe("3");
    expect(account.headers.get("x-account-bytes-used")).toBe("12");
  });

  it("container listing: JSON entries, plain text, prefix, delimiter subdirs, paging", async () => {
    const listing = await call("GET", `${demo.files}/alpha?format=json`);
    expect(listing.status).toBe(200);
    expect(listing.headers.get("x-container-object-count")).toBe("3");
    expect(listing.headers.get("x-container-bytes-used")).toBe("12");
    expect(listing.json.map((o: any) => o.name)).toEqual([
      "dir/one.txt",
      "dir/two.bin",
      "three",
    ]);
    expect(listing.json[0]).toMatchObject({
      hash: md5("hello"),
      bytes: 5,
      content_type: "text/plain",
    });
    expect(listing.json[0].last_modified).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/,
    );
    expect((await call("GET", `${demo.files}/alpha`)).text).toBe(
      "dir/one.txt\ndir/two.bin\nthree\n",
    );
    expect(
      (
        await call("GET", `${demo.files}/alpha?format=json&prefix=dir/`)
      ).json.map((o: any) => o.name),
    ).toEqual(["dir/one.txt", "dir/two.bin"]);
    expect(
      (await call("GET", `${demo.files}/alpha?format=json&delimiter=/`)).json,
    ).toEqual([expect.objectContaining({ name: "three" }), { subdir: "dir/" }]);
    expect((await call("GET", `${demo.files}/alpha?delimiter=/`)).text).toBe(
      "dir/\nthree\n",
    );
    expect(
      (
        await call(
          "GET",
          `${demo.files}/alpha?format=json&limit=1&marker=dir/one.txt`,
        )
      ).json.map((o: any) => o.name),
    ).toEqual(["dir/two.bin"]);
    expect(
      (
        await call(
          "GET",
          `${demo.files}/alpha?format=json&end_marker=dir/two.bin`,
        )
      ).json.map((o: any) => o.name),
    ).toEqual(["dir/one.txt"]);
    expect((await call("GET", `${demo.files}/beta`)).status).toBe(204);
    expect((await call("GET", `${demo.files}/beta?format=json`)).json).toEqual(
      [],
    );
    expect((await call("GET", `${demo.files}/alpha?limit=20000`)).status).toBe(
      412,
    );
    expect(
      (await call("GET", `${demo.files}/missing?format=json`)).status,
    ).toBe(404);
  });

  it("deletes: a container with objects is 409, objects 204 then 404, the empty container 204 then 404", async () => {
    const conflict = await call("DELETE", `${demo.files}/alpha`);
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get("content-type")).toMatch(/^text\/html/);
    for (const name of ["dir/one.txt", "dir/two.bin", "three"])
      expect((await call("DELETE", `${demo.files}/alpha/${name}`)).status).toBe(
        204,
      );
    expect((await call("DELETE", `${demo.files}/alpha/three`)).status).toBe(
      404,
    );
    expect((await call("DELETE", `${demo.files}/alpha`)).status).toBe(204);
    expect((await call("DELETE", `${demo.files}/alpha`)).status).toBe(404);
    expect(
      (await call("HEAD", demo.files)).headers.get("x-account-container-count"),
    ).toBe("3");
  });

  it("refuses a missing token (401) and another account (403)", async () => {
    expect((await call("GET", demo.files, { token: null })).status).toBe(401);
    const other = demo.files.replace(/[^/]+$/, "MossoCloudFS_someone-else");
    expect((await call("GET", other)).status).toBe(403);
    expect((await call("PUT", `${other}/c`)).status).toBe(403);
  });

  it("the check itself flags a status, header or body the spec does not allow", () => {
    const base = {
      method: "DELETE",
      path: "/files/DFW/v1/MossoCloudFS_x/c",
      query: "",
      body: Buffer.alloc(0),
    };
    const ok = { "x-trans-id": "tx1", date: "Thu, 01 Jan 2026 00:00:00 GMT" };
    expect(checkFiles({ ...base, status: 204, headers: ok })).toEqual([]);
    expect(checkFiles({ ...base, status: 200, headers: ok })[0]).toMatch(
      /status not in the spec for deleteContainer/,
    );
    expect(
      checkFiles({ ...base, status: 204, headers: { date: ok.date } })[0],
    ).toMatch(/header X-Trans-Id/);
    const listing = {
      ...base,
      method: "GET",
      status: 200,
      headers: {
        ...ok,
        "content-type": "application/json",
        "x-container-object-count": "1",
        "x-container-bytes-used": "1",
        "x-timestamp": "1700000000.00000",
      },
    };
    expect(
      checkFiles({
        ...listing,
        body: Buffer.from(
          '[{"name":"a","hash":"h","bytes":1,"content_type":"x","last_modified":"t"}]',
        ),
      }),
    ).toEqual([]);
    expect(
      checkFiles({ ...listing, body: Buffer.from('[{"name":"a","bytes":1}]') })
        .length,
    ).toBeGreaterThan(0);
    expect(
      checkFiles({ ...base, method: "PATCH", status: 405, headers: ok })[0],
    ).toMatch(/no container operation/);
  });

  it("every Cloud Files response matched the spec", () => {
    expect(spec.problems).toEqual([]);
  });
});
