/**
 * Every command against the local emulator (glance mode), run as a user runs it: the built
 * CLI in a spawned process with `--local`, reading and writing through the served emulator.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContainer, startLocalCloud, type LocalCloud } from "./support/cli.js";

let local: LocalCloud;
const DATA = Buffer.from("cloud-images test data\n".repeat(100));
let dataFile: string;

beforeAll(async () => {
  local = await startLocalCloud();
  dataFile = path.join(local.home, "data.raw");
  writeFileSync(dataFile, DATA);
});
afterAll(async () => {
  await local?.stop();
});

const run = (...args: string[]) => local.run(["--local", ...args]);
const json = async (...args: string[]): Promise<Record<string, unknown>> => {
  const r = await run(...args, "-f", "json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};
const ok = async (...args: string[]): Promise<string> => {
  const r = await run(...args);
  expect(r.stderr, args.join(" ")).toBe("");
  expect(r.code, args.join(" ")).toBe(0);
  return r.stdout;
};

describe.sequential("image commands against the emulator", { timeout: 180_000 }, () => {
  let id = "";

  it("image create uploads --file and shows the active image (Field | Value)", async () => {
    const out = await ok("image", "create", "cli-one", "--file", dataFile, "--disk-format", "qcow2", "--container-format", "bare", "--property", "os_distro=ubuntu", "--tag", "lts", "--min-ram", "512", "--private");
    expect(out.split("\n")[1]).toMatch(/^\| Field +\| Value +\|$/);
    expect(out).toMatch(/\| status +\| active +\|/);
    expect(out).toMatch(/\| size +\| 2300 +\|/);
    expect(out).toMatch(/\| properties +\| .*os_distro='ubuntu'/);
    expect(out).toMatch(/\| tags +\| lts +\|/);
    id = /\| id +\| ([0-9a-f-]{36}) +\|/.exec(out)![1]!;
  });

  it("image create reads the data from standard input when there is no --file", async () => {
    const r = await local.run(["--local", "image", "create", "cli-stdin", "-f", "json"], { input: DATA });
    expect(r.code).toBe(0);
    const image = JSON.parse(r.stdout) as { status: string; size: number; disk_format: string };
    expect(image).toMatchObject({ status: "active", size: DATA.length, disk_format: "raw" });
  });

  it("image create without data leaves a queued image", async () => {
    const image = await json("image", "create", "cli-empty");
    expect(image.status).toBe("queued");
  });

  it("image list: ID | Name | Status, sorted by name; filters, --long, --limit, -c", async () => {
    const out = await ok("image", "list");
    const lines = out.trim().split("\n");
    expect(lines[1]).toMatch(/^\| ID +\| Name +\| Status \|$/);
    expect(lines.filter((l) => l.startsWith("| ") && !l.startsWith("| ID")).map((l) => l.split("|")[2]!.trim())).toEqual(["cli-empty", "cli-one", "cli-stdin"]);
    expect(await json("image", "list", "--tag", "lts")).toEqual([{ ID: id, Name: "cli-one", Status: "active" }]);
    expect(await json("image", "list", "--property", "os_distro=ubuntu", "--status", "active")).toHaveLength(1);
    expect(await json("image", "list", "--private")).toHaveLength(1);
    expect(await json("image", "list", "--sort", "name:desc", "--limit", "2")).toEqual([
      expect.objectContaining({ Name: "cli-stdin" }),
      expect.objectContaining({ Name: "cli-one" }),
    ]);
    const long = await ok("image", "list", "--long", "--name", "cli-one");
    expect(long.split("\n")[1]).toMatch(/^\| ID +\| Name +\| Disk Format \| Container Format \| Size \| Checksum +\| Status \| Visibility \| Protected \| Project \| Tags \|$/);
    expect(await ok("image", "list", "--name", "cli-one", "-f", "value", "-c", "id")).toBe(`${id}\n`);
    expect(await ok("image", "list", "--name", "cli-one", "-f", "csv")).toBe(`"ID","Name","Status"\n"${id}","cli-one","active"\n`);
  });

  it("image show by name and by ID; -c picks columns case-insensitively; --human-readable", async () => {
    expect((await json("image", "show", "cli-one")).id).toBe(id);
    expect(await json("image", "show", id, "-c", "NAME", "-c", "Status")).toEqual({ name: "cli-one", status: "active" });
    expect(await ok("image", "show", id, "-f", "shell", "-c", "name", "--prefix", "img_")).toBe('img_name="cli-one"\n');
    expect(await ok("image", "show", id, "-c", "size", "--human-readable", "-f", "value")).toBe("2.2 KiB\n");
    expect(await ok("image", "show", id, "-c", "tags", "-f", "yaml")).toBe("tags:\n- lts\n");
  });

  it("image set / unset: attributes, properties, tags; image tag add/remove", async () => {
    await ok("image", "set", "cli-one", "--name", "cli-one", "--property", "os_version=24.04", "--os-distro", "debian", "--tag", "x86_64", "--min-disk", "3", "--protected");
    let image = await json("image", "show", id);
    expect(image).toMatchObject({ min_disk: 3, protected: true, tags: expect.arrayContaining(["lts", "x86_64"]) });
    expect(image.properties).toMatchObject({ os_version: "24.04", os_distro: "debian" });
    await ok("image", "unset", id, "--property", "os_version", "--tag", "x86_64");
    await ok("image", "tag", "add", id, "blue");
    await ok("image", "tag", "remove", id, "lts");
    await ok("image", "set", id, "--unprotected");
    image = await json("image", "show", id);
    expect(image.tags).toEqual(["blue"]);
    expect(image.properties).not.toHaveProperty("os_version");
    const missing = await run("image", "unset", id, "--property", "nope");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/property nope not set/);
  });

  it("properties named like Object.prototype's members: --property __proto__=… is set and shown; unset of an absent constructor says not set", async () => {
    await ok("image", "set", id, "--property", "__proto__=p", "--property", "toString=t");
    const image = await json("image", "show", id);
    expect(Object.getOwnPropertyDescriptor(image.properties as object, "__proto__")?.value).toBe("p");
    expect(image.properties).toMatchObject({ toString: "t" });
    const missing = await run("image", "unset", id, "--property", "constructor");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/property constructor not set/);
    await ok("image", "unset", id, "--property", "__proto__", "--property", "toString");
    expect(Object.hasOwn((await json("image", "show", id)).properties as object, "__proto__")).toBe(false);
  });

  it("image save/download to a file and to standard output, byte for byte", async () => {
    const file = path.join(local.home, "copy.raw");
    await ok("image", "save", "cli-one", "--file", file);
    expect(readFileSync(file).equals(DATA)).toBe(true);
    const r = await run("image", "download", id);
    expect(r.code).toBe(0);
    expect(r.bytes.equals(DATA)).toBe(true);
  });

  it("image deactivate / reactivate are admin actions (exit 5 with the server's reason); image wait", async () => {
    for (const args of [["image", "deactivate", id], ["image", "reactivate", id], ["image", "set", id, "--deactivate"]]) {
      const r = await run(...args);
      expect(r.code, args.join(" ")).toBe(5);
      expect(r.stderr).toMatch(/^cloud-images: error: .*403: You are not authorized to complete (de|re)activate action\. \[request req-[0-9a-f-]+\]\n$/);
    }
    expect((await json("image", "wait", id, "--status", "active")).status).toBe("active");
  });

  it("image upload into a queued image; image stage + image import glance-direct --wait", async () => {
    const empty = await json("image", "create", "cli-up");
    await ok("image", "upload", String(empty.id), "--file", dataFile);
    expect(await json("image", "show", String(empty.id), "-c", "status", "-c", "size")).toEqual({ size: DATA.length, status: "active" });
    const staged = await json("image", "create", "cli-staged");
    await ok("image", "stage", String(staged.id), "--file", dataFile);
    const imported = await json("image", "import", "glance-direct", String(staged.id), "--wait");
    expect(imported).toMatchObject({ id: staged.id, status: "active", size: DATA.length });
  });

  it("image import web-download needs a URL (usage error before any request)", async () => {
    const r = await run("image", "import", "web-download", id);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/web-download needs the URL/);
  });

  it("sharing: member add (and its aliases), list, show; accept/reject as the partner; pending; remove", async () => {
    const partner = local.emulator.users[1]!.tenantId;
    const added = await json("image", "member", "add", id, partner);
    expect(added).toMatchObject({ image_id: id, member_id: partner, status: "pending" });
    expect(await json("image", "member", "list", id)).toEqual([{ "Image ID": id, "Member ID": partner, Status: "pending" }]);
    expect((await json("image", "member", "show", id, partner)).status).toBe("pending");
    const asPartner = (...args: string[]) => local.run(["--local", "--os-username", "partner", ...args]);
    const pending = await asPartner("image", "member", "pending", "-f", "value", "-c", "ID");
    expect(pending.stdout).toBe(`${id}\n`);
    const accepted = await asPartner("image", "member", "accept", id, "-f", "json");
    expect(JSON.parse(accepted.stdout)).toMatchObject({ status: "accepted" });
    expect((await asPartner("image", "list", "-f", "value", "-c", "Name")).stdout).toBe("cli-one\n");
    expect((await asPartner("image", "set", "--reject", id)).code).toBe(0);
    expect((await json("image", "member", "show", id, partner)).status).toBe("rejected");
    expect((await asPartner("image", "set", "--accept", id)).code).toBe(0);
    await ok("image", "member", "remove", id, partner);
    expect(await json("image", "member", "list", id)).toEqual([]);
    // openstack's and glance's names for the same operations
    expect((await json("image", "add", "project", id, partner)).status).toBe("pending");
    await ok("image", "remove", "project", id, partner);
    expect((await json("member-create", id, partner)).status).toBe("pending");
    expect(await json("member-list", id)).toHaveLength(1);
    await ok("member-delete", id, partner);
  });

  it("the glance client's names: image-create --progress, image-list, image-show, image-upload, image-download", async () => {
    const created = await json("image-create", "cli-glance", "--file", dataFile, "--progress", "--disk-format", "raw");
    expect(created.status).toBe("active");
    expect(await json("image-list", "--name", "cli-glance")).toEqual([{ ID: created.id, Name: "cli-glance", Status: "active" }]);
    expect((await json("image-show", String(created.id))).name).toBe("cli-glance");
    const blank = await json("image-create", "cli-glance-2");
    await ok("image-upload", String(blank.id), "--file", dataFile);
    const file = path.join(local.home, "glance.raw");
    await ok("image-download", String(blank.id), "--file", file, "--progress");
    expect(readFileSync(file).equals(DATA)).toBe(true);
  });

  it("image task import / export / list / show, with --wait", async () => {
    await createContainer(local, "exports");
    const exported = await json("image", "task", "export", id, "--container", "exports", "--wait");
    expect(exported).toMatchObject({ type: "export", status: "success" });
    const tasks = (await json("image", "task", "list", "--type", "export")) as unknown as { ID: string; Type: string; Status: string }[];
    expect(tasks.map((t) => t.ID)).toContain(exported.id);
    expect((await json("image", "task", "show", String(exported.id))).status).toBe("success");
    const started = await json("image", "task", "import", "--from", `exports/${id}.vhd`, "--import-from-format", "vhd", "--property", "name=cli-imported");
    expect(started).toMatchObject({ type: "import" });
    const done = await json("image", "task", "show", String(started.id));
    expect(["pending", "processing", "success"]).toContain(done.status);
  });

  it("image stores, image usage, image import-info, image schema show", async () => {
    expect(await ok("image", "stores")).toMatch(/^\+/);
    // The emulator has no /v2/info/usage (real Glance does: see glance.integ.test.ts): a 404 is exit 3.
    const usage = await run("image", "usage");
    expect(usage.code).toBe(3);
    expect(usage.stderr).toMatch(/^cloud-images: error: GET .*\/v2\/info\/usage failed with 404: .*\[request req-/);
    expect((await json("image", "import-info"))["import-methods"]).toEqual(expect.arrayContaining(["glance-direct", "web-download"]));
    const schema = await json("image", "schema", "show", "image");
    expect(schema.name).toBe("image");
    expect(schema.properties).toHaveProperty("disk_format");
    expect((await run("image", "schema", "show", "nope")).code).toBe(2);
  });

  it("server list, server image create --wait, server image list/show/delete (next-gen compute)", async () => {
    const servers = (await json("server", "list")) as unknown as { ID: string; Name: string }[];
    expect(servers.length).toBeGreaterThan(0);
    const snapshot = await json("server", "image", "create", servers[0]!.Name, "--name", "cli-snap", "--property", "purpose=test", "--wait");
    expect(snapshot).toMatchObject({ name: "cli-snap", status: "ACTIVE" });
    const listed = (await json("server", "image", "list", "--long")) as unknown as { ID: string; Name: string }[];
    expect(listed.map((i) => i.Name)).toContain("cli-snap");
    expect((await json("server", "image", "show", String(snapshot.id))).name).toBe("cli-snap");
    await ok("server", "image", "delete", String(snapshot.id));
  });

  it("legacy image list/show/create --wait/delete and legacy server list (v1.0)", async () => {
    const images = (await json("legacy", "image", "list")) as unknown as { ID: number; Name: string }[];
    expect(images.length).toBeGreaterThan(0);
    expect((await json("legacy", "image", "show", String(images[0]!.ID))).name).toBe(images[0]!.Name);
    const servers = (await json("legacy", "server", "list")) as unknown as { ID: number }[];
    const snap = await json("legacy", "image", "create", String(servers[0]!.ID), "--name", "cli-legacy", "--wait");
    expect(snap).toMatchObject({ name: "cli-legacy", status: "ACTIVE" });
    await ok("legacy", "image", "delete", String(snap.id));
  });

  it("image delete: several at once, by name or ID", async () => {
    await ok("image", "delete", "cli-stdin", "cli-empty");
    expect((await json("image", "list", "--name", "cli-stdin"))).toEqual([]);
    const r = await run("image", "delete", "cli-up", "does-not-exist");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No Image found for does-not-exist/);
    expect(r.stderr).toMatch(/Failed to delete 1 of 2 images/);
  });
});

describe("help, version, completion", { timeout: 180_000 }, () => {
  it("--help on every command shows an example; --version prints the version", async () => {
    const { buildProgram } = await import("../src/program.js");
    const program = buildProgram("1.2.3");
    const leaves: string[][] = [];
    const walk = (cmd: Command, p: string[]): void => {
      if (cmd.commands.length === 0) leaves.push(p);
      for (const c of cmd.commands) walk(c, [...p, c.name()]);
    };
    walk(program, []);
    expect(leaves.length).toBeGreaterThan(50);
    for (const leaf of [["image", "list"], ["image", "create"], ["image", "member", "accept"], ["server", "image", "create"], ["legacy", "image", "list"], ["emulator", "start"]]) {
      const r = await local.run([...leaf, "--help"]);
      expect(r.code, leaf.join(" ")).toBe(0);
      expect(r.stdout, leaf.join(" ")).toMatch(/Example:\n {2}\$ cloud-images /);
    }
    // Every leaf command's help has an example (checked on the tree, without a process each).
    for (const leaf of leaves) {
      let cmd = program;
      for (const name of leaf) cmd = cmd.commands.find((c) => c.name() === name)!;
      let help = "";
      cmd.configureOutput({ writeOut: (s) => (help += s) });
      cmd.outputHelp();
      expect(help, leaf.join(" ")).toMatch(/(Example|Examples|Same as):/);
    }
    const v = await local.run(["--version"]);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("completion bash and zsh list the commands and options", async () => {
    const bash = await local.run(["completion", "bash"]);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toMatch(/complete -F _cloud_images cloud-images/);
    expect(bash.stdout).toMatch(/"image member"\) words="[^"]*\baccept\b/);
    expect(bash.stdout).toMatch(/"image create"\) words="[^"]*--disk-format/);
    const zsh = await local.run(["completion", "zsh"]);
    expect(zsh.stdout).toMatch(/^#compdef cloud-images/);
    expect((await local.run(["completion", "fish"])).code).toBe(2);
  });
});
