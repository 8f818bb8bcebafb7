// openstacksdk's connect() against a real Keystone and a Glance behind it (the integ-keystone
// project): inline auth and clouds.yaml, the image endpoint from the catalog, an upload with a
// client-chosen id, sharing accepted by a second user, a streamed download, delete.
import type {} from "@cloud-images/test-servers/vitest-keystone-setup";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, inject, it } from "vitest";
import { connect, ResourceNotFound, type Connection } from "../src/openstacksdk/index.js";

const conns: Connection[] = [];
afterAll(async () => {
  for (const c of conns) await c.close();
});

it("connect(auth=…) and connect(cloud=…) on Keystone: create_image, members, download, delete", async () => {
  const accounts = inject("keystoneAccounts");
  const conn = connect({
    auth: { auth_url: inject("keystoneAuthUrl"), username: accounts.a.username, password: accounts.a.password, project_id: accounts.a.projectId, user_domain_name: "Default" },
    region_name: inject("keystoneRegion"),
  });
  conns.push(conn);
  const dir = mkdtempSync(path.join(tmpdir(), "osdk-keystone-"));
  writeFileSync(
    path.join(dir, "clouds.yaml"),
    [
      "clouds:",
      "  bob:",
      "    auth:",
      `      auth_url: ${inject("keystoneAuthUrl")}`,
      `      username: ${accounts.b.username}`,
      `      password: ${accounts.b.password}`,
      `      project_id: ${accounts.b.projectId}`,
      "      user_domain_name: Default",
      `    region_name: ${inject("keystoneRegion")}`,
      "",
    ].join("\n"),
  );
  const bob = connect({ cloud: "bob", config_sources: { cwd: dir, home: dir, etcDir: dir, env: {} } });
  conns.push(bob);

  const id = randomUUID();
  const data = "openstacksdk over keystone\n".repeat(50);
  const image = await conn.image.create_image("osdk-keystone", { id, data, disk_format: "raw", container_format: "bare", visibility: "shared" });
  expect(image.id).toBe(id);
  expect(image.owner).toBe(accounts.a.projectId);
  expect(image.checksum).toBe(createHash("md5").update(data).digest("hex"));

  await conn.image.add_member(image, { member_id: accounts.b.projectId });
  expect((await bob.image.update_member(accounts.b.projectId, image, { status: "accepted" })).status).toBe("accepted");
  const seen: string[] = [];
  for await (const shared of bob.image.images({ visibility: "shared", member_status: "accepted" })) seen.push(shared.id);
  expect(seen).toContain(id);

  const response = await bob.image.download_image(id, { stream: true });
  const md5 = createHash("md5");
  for await (const chunk of response.iter_content(4096)) md5.update(chunk);
  expect(response.headers["Content-MD5"]).toBe(md5.digest("hex"));

  await conn.image.delete_image(image, { ignore_missing: false });
  await expect(bob.image.get_image(id)).rejects.toBeInstanceOf(ResourceNotFound);
});
