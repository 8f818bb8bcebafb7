import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { PROJECT_A, PROJECT_B, trustedAuthHeaders } from "../src/index.js";

const glanceUrl = inject("glanceUrl");
const sourceServerUrl = inject("sourceServerUrl");
const sourceDir = inject("sourceDir");

const asA = { ...trustedAuthHeaders({ project: PROJECT_A }), Accept: "application/json" };
const asB = { ...trustedAuthHeaders({ project: PROJECT_B }), Accept: "application/json" };

interface Image {
  id: string;
  name: string;
  status: string;
  visibility: string;
  owner: string | null;
  size: number | null;
  checksum: string | null;
}

async function createImage(headers: Record<string, string>, body: Record<string, unknown>): Promise<Image> {
  const response = await fetch(`${glanceUrl}/v2/images`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ disk_format: "raw", container_format: "bare", ...body }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Image;
}

async function listNames(headers: Record<string, string>): Promise<string[]> {
  const response = await fetch(`${glanceUrl}/v2/images?limit=1000`, { headers });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { images: Image[] };
  return body.images.map((image) => image.name);
}

describe("real Glance started by the integ global setup", () => {
  it("answers GET / with 300 and the v2 versions", async () => {
    const response = await fetch(`${glanceUrl}/`);
    expect(response.status).toBe(300);
    const body = (await response.json()) as { versions: { id: string; status: string }[] };
    const ids = body.versions.map((version) => version.id);
    expect(ids).toContain("v2.0");
    expect(body.versions.some((version) => version.status === "CURRENT")).toBe(true);
  });

  it("keeps a private image of PROJECT_A invisible to PROJECT_B", async () => {
    const name = `private-${randomUUID()}`;
    const image = await createImage(asA, { name, visibility: "private" });
    expect(image.owner).toBe(PROJECT_A);
    expect(image.visibility).toBe("private");

    expect(await listNames(asA)).toContain(name);
    expect(await listNames(asB)).not.toContain(name);
    const byId = await fetch(`${glanceUrl}/v2/images/${image.id}`, { headers: asB });
    expect(byId.status).toBe(404);

    const deleted = await fetch(`${glanceUrl}/v2/images/${image.id}`, { method: "DELETE", headers: asA });
    expect(deleted.status).toBe(204);
  });

  it("imports an image with web-download from the source server until active", async () => {
    const fileName = `${randomUUID()}.img`;
    const bytes = randomBytes(256 * 1024);
    writeFileSync(join(sourceDir, fileName), bytes);

    const image = await createImage(asA, { name: `web-download-${fileName}` });
    const accepted = await fetch(`${glanceUrl}/v2/images/${image.id}/import`, {
      method: "POST",
      headers: { ...asA, "Content-Type": "application/json" },
      body: JSON.stringify({ method: { name: "web-download", uri: `${sourceServerUrl}/${fileName}` } }),
    });
    expect(accepted.status, await accepted.clone().text()).toBe(202);

    let current: Image = image;
    const deadline = Date.now() + 30_000;
    while (current.status !== "active" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      current = (await (await fetch(`${glanceUrl}/v2/images/${image.id}`, { headers: asA })).json()) as Image;
    }
    expect(current.status).toBe("active");
    expect(current.size).toBe(bytes.byteLength);

    const download = await fetch(`${glanceUrl}/v2/images/${image.id}/file`, { headers: asA });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("opens the tasks API to members", async () => {
    const response = await fetch(`${glanceUrl}/v2/tasks`, { headers: asA });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { tasks: unknown[] };
    expect(Array.isArray(body.tasks)).toBe(true);
  });
});
