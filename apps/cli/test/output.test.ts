/**
 * Output and failure behaviour users script against: golden `-f json` documents, the
 * prettytable layout, exit codes per kind of failure, one error line with the request id, and
 * no secret in any output (`--debug` included). The commands run as spawned processes against
 * the local emulator; the renderers are also checked directly.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pyJson, pyRepr } from "../src/output/pyrepr.js";
import { renderList, renderShow, listColumn, dictColumn, type OutputOptions } from "../src/output/render.js";
import { renderTable } from "../src/output/table.js";
import { cli, cleanEnv, normalize, startLocalCloud, type LocalCloud } from "./support/cli.js";

const OUT: OutputOptions = { format: "table", columns: [], noindent: false, prefix: "", quote: "nonnumeric", printEmpty: false };

describe("renderers (cliff's layout)", () => {
  it("tables: +---+ rules, left-aligned text, right-aligned numeric columns, multi-line cells", () => {
    expect(renderTable(["ID", "Size"], [["a", 6], ["bbb", 1234]])).toBe(
      "+-----+------+\n| ID  | Size |\n+-----+------+\n| a   |    6 |\n| bbb | 1234 |\n+-----+------+\n",
    );
    expect(renderTable(["Field", "Value"], [["x", "one\ntwo"]], true)).toBe("+-------+-------+\n| Field | Value |\n+-------+-------+\n| x     | one   |\n|       | two   |\n+-------+-------+\n");
  });
  it("python json.dumps: indent 2, or ', ' / ': ' without; non-ASCII escaped", () => {
    expect(pyJson({ a: [1, "é"], b: {} }, true)).toBe('{\n  "a": [\n    1,\n    "\\u00e9"\n  ],\n  "b": {}\n}');
    expect(pyJson({ a: [1, true, null] }, false)).toBe('{"a": [1, true, null]}');
    expect(pyRepr({ k: "it's", n: false, l: ["x"] })).toBe(`{'k': "it's", 'n': False, 'l': ['x']}`);
  });
  it("list and dict columns: sorted for people, as they are for machines; -c is case-insensitive", () => {
    const fields = [
      ["tags", listColumn(["b", "a"])],
      ["properties", dictColumn({ z: "1", a: true })],
    ] as const;
    expect(renderShow(fields, OUT)).toContain("| tags       | a, b            |");

    expect(renderShow(fields, { ...OUT, format: "json", noindent: true })).toBe('{"tags": ["b", "a"], "properties": {"z": "1", "a": true}}\n');
    expect(renderList(["ID", "Name"], [["1", "x"]], { ...OUT, format: "value", columns: ["name"] })).toBe("x\n");
    expect(() => renderList(["ID"], [], { ...OUT, columns: ["nope"] })).toThrow(/No recognized column names in \['nope'\]\. Recognized columns are \['ID'\]\./);
    expect(renderList(["ID"], [], OUT)).toBe("");
    expect(renderList(["ID"], [], { ...OUT, printEmpty: true })).toBe("+----+\n| ID |\n+----+\n+----+\n");
  });
});

describe("spawned: golden JSON, exit codes, errors", { timeout: 180_000 }, () => {
  let local: LocalCloud;
  let file: string;
  beforeAll(async () => {
    local = await startLocalCloud();
    file = path.join(local.home, "golden.raw");
    writeFileSync(file, "golden\n");
  });
  afterAll(async () => {
    await local?.stop();
  });
  const run = (...args: string[]) => local.run(["--local", ...args]);

  it("golden -f json for image create/show/list, member add/list; the show table", async () => {
    const created = await run("image", "create", "golden", "--file", file, "--disk-format", "qcow2", "--property", "os_distro=debian", "--tag", "gold", "--min-ram", "256", "-f", "json");
    expect(created.code).toBe(0);
    await expect(normalize(created.stdout)).toMatchFileSnapshot("golden/image-create.json");
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    await expect(normalize((await run("image", "show", "golden", "-f", "json")).stdout)).toMatchFileSnapshot("golden/image-show.json");
    await expect(normalize((await run("image", "show", "golden", "-f", "json", "--noindent")).stdout)).toMatchFileSnapshot("golden/image-show-noindent.json");
    await expect(normalize((await run("image", "list", "--long", "-f", "json")).stdout)).toMatchFileSnapshot("golden/image-list-long.json");
    await expect(normalize((await run("image", "member", "add", id, "654321", "-f", "json")).stdout)).toMatchFileSnapshot("golden/member-add.json");
    await expect(normalize((await run("image", "member", "list", id, "-f", "json")).stdout)).toMatchFileSnapshot("golden/member-list.json");
    await expect(normalize((await run("image", "show", "golden")).stdout)).toMatchFileSnapshot("golden/image-show.table.txt");
  });

  it("exit 2 for usage errors (unknown option, bad choice, missing argument, bad key=value)", async () => {
    for (const args of [["image", "list", "--frobnicate"], ["image", "list", "-f", "xml"], ["image", "show"], ["image", "set", "golden", "--property", "novalue"], ["image", "list", "--limit", "ten"]]) {
      const r = await run(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n").length, args.join(" ")).toBeLessThanOrEqual(2);
    }
  });

  it("exit 3 not found, 4 conflict (two images of that name)", async () => {
    const missing = await run("image", "show", "no-such-image");
    expect(missing).toMatchObject({ code: 3, stdout: "", stderr: "cloud-images: error: No Image found for no-such-image\n" });
    const byId = await run("image", "show", "00000000-0000-4000-8000-000000000000");
    expect(byId.code).toBe(3);
    await run("image", "create", "twin");
    await run("image", "create", "twin");
    const twin = await run("image", "delete", "twin");
    expect(twin.code).toBe(4);
    expect(twin.stderr).toMatch(/More than one Image exists with the name 'twin'/);
  });

  it("exit 5 for refused credentials, with no secret in the output even with --debug", async () => {
    const key = "not-the-right-key-0123456789abcdef";
    const r = await cli(
      ["--os-auth-type", "rackspace_apikey", "--os-auth-url", local.emulator.identityUrl, "--os-username", "demo", "--os-api-key", key, "--debug", "image", "list"],
      { env: cleanEnv(local.home) },
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^cloud-images: error: .*401/m);
    expect(r.stderr + r.stdout).not.toContain(key);
    // the same credentials from OS_* variables, and a good key: the cloud is used, not the emulator's default
    const good = await cli(["image", "list", "-f", "json"], {
      env: cleanEnv(local.home, { OS_AUTH_URL: local.emulator.identityUrl, OS_USERNAME: "demo", OS_API_KEY: local.emulator.users[0]!.apiKey, OS_REGION_NAME: "DFW" }),
    });
    expect(good.code).toBe(0);
    expect((JSON.parse(good.stdout) as { Name: string }[]).map((i) => i.Name)).toContain("golden");
  });

  it("clouds.yaml + secure.yaml with --os-cloud, and --region choosing the catalog region", async () => {
    const dir = path.join(local.home, "cfg");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "clouds.yaml"), `clouds:\n  emu:\n    auth_type: rackspace_apikey\n    auth:\n      auth_url: ${local.emulator.identityUrl}\n      username: demo\n    region_name: ORD\n`);
    writeFileSync(path.join(dir, "secure.yaml"), `clouds:\n  emu:\n    auth:\n      api_key: ${local.emulator.users[0]!.apiKey}\n`);
    const env = cleanEnv(local.home);
    const ord = await cli(["--os-cloud", "emu", "image", "list", "-f", "value", "-c", "Name"], { env, cwd: dir });
    expect(ord).toMatchObject({ code: 0, stdout: "" });
    const dfw = await cli(["--os-cloud", "emu", "--region", "DFW", "image", "list", "--name", "golden", "-f", "value", "-c", "Name"], { env, cwd: dir });
    expect(dfw).toMatchObject({ code: 0, stdout: "golden\n" });
    const unknown = await cli(["--os-cloud", "nope", "image", "list"], { env, cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/cloud "nope" not found/);
    // A name clouds.yaml does not define, even one every JavaScript object answers to.
    for (const name of ["__proto__", "constructor"]) {
      const odd = await cli(["--os-cloud", name, "--os-username", "demo", "image", "list"], { env, cwd: dir });
      expect(odd.code).toBe(2);
      expect(odd.stderr).toContain(`cloud ${JSON.stringify(name)} not found`);
    }
  });

  it("exit 6 for server errors (with the request id) and for an unreachable endpoint", async () => {
    local.emulator.faults.inject({ match: { method: "GET", pathPrefix: "/images/DFW/v2/images" }, status: 500 });
    const r = await run("image", "list");
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^cloud-images: error: GET .* failed with 500: .*\[request req-[0-9a-f-]+\]\n$/);
    const down = await cli(["--os-endpoint", "http://127.0.0.1:9", "--os-token", "t", "image", "list"], { env: cleanEnv(local.home) });
    expect(down.code).toBe(6);
    expect(down.stderr.trim().split("\n")).toHaveLength(1);
    const debug = await cli(["--os-endpoint", "http://127.0.0.1:9", "--os-token", "secret-token-value", "--debug", "image", "list"], { env: cleanEnv(local.home) });
    expect(debug.stderr).toMatch(/\n\s+at /); // the stack, only with --debug
    expect(debug.stderr).not.toContain("secret-token-value");
  });
});
