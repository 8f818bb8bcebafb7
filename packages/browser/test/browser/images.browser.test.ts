import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  ChecksumMismatchError,
  ConflictError,
  createClient,
  keystonePassword,
  keystoneToken,
  AuthenticationError,
  NotFoundError,
  RequestAbortedError,
  ValidationError,
  type BrowserImageClient,
  type Image,
  type TransferProgress,
} from "@cloud-images/browser";
import { appCredentialClient, clientFor, patternBlob, sha512Hex } from "./clients.js";

const MiB = 1 << 20;
const created: string[] = [];
let alice: BrowserImageClient;

beforeAll(() => {
  alice = clientFor("a");
});

afterAll(async () => {
  for (const id of created) await alice.images.delete(id).catch(() => undefined);
});

async function blank(name: string, extra: Record<string, unknown> = {}): Promise<Image> {
  const image = await alice.images.create({ name, disk_format: "raw", container_format: "bare", ...extra });
  created.push(image.id);
  return image;
}

describe("a page against real Keystone and Glance (CORS)", () => {
  it("logs in with a Keystone password, finds Glance in the catalog and lists with a filter", async () => {
    const image = await blank(`browser-list-${crypto.randomUUID()}`, { tags: ["browser-list"] });
    const page = await alice.images.list({ tag: ["browser-list"] });
    expect(page.items.map((i) => i.id)).toContain(image.id);
    expect(alice.identity?.current?.projectId).toBe(inject("browserAccounts").a.projectId);
    expect(alice.projectId).toBe(inject("browserAccounts").a.projectId);
    const all: string[] = [];
    for await (const item of alice.images.listAll({ name: image.name ?? "" })) all.push(item.id);
    expect(all).toEqual([image.id]);
  });

  it("logs in with an application credential", async () => {
    const client = appCredentialClient();
    const image = await client.images.create({ name: "browser-appcred", disk_format: "raw", container_format: "bare" });
    created.push(image.id);
    expect(image.owner).toBe(inject("browserAccounts").a.projectId);
    expect(client.identity?.authRequests).toBe(1);
  });

  it("keeps tokens and passwords out of storage, JSON and errors", async () => {
    const a = inject("browserAccounts").a;
    await alice.images.list();
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(document.cookie).toBe("");
    const token = alice.identity!.current!.value;
    for (const shown of [JSON.stringify(alice), JSON.stringify(alice.identity), String(alice.identity)]) {
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(a.password);
    }
    const wrong = createClient({
      identity: keystonePassword({ authUrl: inject("keystoneAuthUrl"), username: a.username, password: "wrong-password-1234", userDomainName: "Default", projectName: a.projectName, projectDomainName: "Default" }),
    });
    const error = await wrong.images.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(`${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ""}`).not.toContain("wrong-password-1234");
  });

  it("works with a token and an endpoint, and with a Keystone token login", async () => {
    await alice.images.list();
    const token = alice.identity!.current!.value;
    const byToken = createClient({ endpoint: inject("keystoneGlanceUrl"), token });
    expect(Array.isArray((await byToken.images.list({ limit: 1 })).items)).toBe(true);
    const rescoped = createClient({
      identity: keystoneToken({ authUrl: inject("keystoneAuthUrl"), token, projectName: inject("browserAccounts").a.projectName, projectDomainName: "Default" }),
    });
    await rescoped.images.list({ limit: 1 });
    expect(rescoped.identity?.current?.projectId).toBe(inject("browserAccounts").a.projectId);
  });

  it("sends one login for concurrent first calls (single flight)", async () => {
    const client = clientFor("a");
    await Promise.all([client.images.list(), client.images.list(), client.images.list()]);
    expect(client.identity?.authRequests).toBe(1);
  });

  it("uploads a 64 MiB Blob with progress up to the total, hashed while sent, and Glance records the same digests", async () => {
    const image = await blank("browser-upload-64");
    const blob = patternBlob(64 * MiB, 7);
    const progress: TransferProgress[] = [];
    const result = await alice.data.upload(image.id, blob, { onProgress: (p) => progress.push(p) });
    expect(result.bytes).toBe(64 * MiB);
    expect(result.verified).toBe("os_hash");
    expect(result.image?.status).toBe("active");
    expect(result.image?.os_hash_algo).toBe("sha512");
    expect(result.digests.sha512).toBe(result.image?.os_hash_value);
    expect(result.digests.md5).toBe(result.image?.checksum);
    expect(result.image?.os_hash_value).toBe(await sha512Hex(blob));
    // XHR upload events: several intermediate reports, growing, ending at the total.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ bytes: 64 * MiB, total: 64 * MiB });
    expect(progress.some((p) => p.bytes > 0 && p.bytes < 64 * MiB)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
  });

  describe("downloads", () => {
    let image: Image;
    let blob: Blob;

    beforeAll(async () => {
      const made = await blank("browser-download");
      blob = patternBlob(8 * MiB + 123, 11);
      image = (await alice.data.upload(made.id, blob)).image!;
    });

    it("streams a download, verified incrementally against os_hash_value, with progress", async () => {
      const progress: TransferProgress[] = [];
      const download = await alice.data.download(image.id, { onProgress: (p) => progress.push(p) });
      let bytes = 0;
      let chunks = 0;
      for await (const chunk of download.chunks()) {
        bytes += chunk.byteLength;
        chunks += 1;
      }
      const result = await download.result;
      expect(bytes).toBe(blob.size);
      expect(chunks).toBeGreaterThan(1);
      expect(result).toMatchObject({ verified: "os_hash", algorithm: "sha512", digest: image.os_hash_value, bytes: blob.size });
      expect(progress.at(-1)).toEqual({ bytes: blob.size, total: blob.size });
    });

    it("reads a Range (206) and verifies the whole image with the prefix held", async () => {
      const offset = 3 * MiB + 5;
      const download = await alice.data.download(image.id, { offset, prefix: blob.slice(0, offset).stream() });
      const got = await download.bytes();
      expect(got.data.byteLength).toBe(blob.size - offset);
      expect(new Uint8Array(got.data.slice(0, 16))).toEqual(new Uint8Array(await blob.slice(offset, offset + 16).arrayBuffer()));
      expect(got.verified).toBe("os_hash");
      const raw = await alice.http.call({ operation: "test.range", method: "GET", path: `/v2/images/${image.id}/file`, headers: { range: "bytes=10-19" }, expect: [206] });
      expect(raw.response.headers["content-range"]).toBe(`bytes 10-19/${blob.size}`);
      expect(raw.response.headers["content-md5"]).toBe(image.checksum);
      expect(await raw.read((r) => r.bytes())).toEqual(new Uint8Array(await blob.slice(10, 20).arrayBuffer()));
      raw.release();
    });

    it("downloads into a Blob", async () => {
      const got = await alice.data.downloadToBlob(image.id, { type: "application/x-raw" });
      expect(got.blob.size).toBe(blob.size);
      expect(got.blob.type).toBe("application/x-raw");
      expect(got.verified).toBe("os_hash");
      expect(await sha512Hex(got.blob)).toBe(image.os_hash_value);
    });

    it("downloads into an OPFS file through <name>.partial, moved into place once verified", async () => {
      const directory = await navigator.storage.getDirectory();
      const name = `image-${crypto.randomUUID()}.raw`;
      const result = await alice.data.downloadToFile(image.id, { directory, name });
      expect(result.verified).toBe("os_hash");
      const file = await (await directory.getFileHandle(name)).getFile();
      expect(file.size).toBe(blob.size);
      expect(await sha512Hex(file)).toBe(image.os_hash_value);
      await expect(directory.getFileHandle(`${name}.partial`)).rejects.toThrow();
      await directory.removeEntry(name);
      // Into a writable the page opened: closed by the SDK once verified.
      const handle = await directory.getFileHandle(`writable-${name}`, { create: true });
      await alice.data.downloadToFile(image.id, await handle.createWritable());
      expect(await sha512Hex(await handle.getFile())).toBe(image.os_hash_value);
      await directory.removeEntry(`writable-${name}`);
    });

    it("leaves no file that looks whole when the data does not match", async () => {
      const directory = await navigator.storage.getDirectory();
      const name = `bad-${crypto.randomUUID()}.raw`;
      const wrong = { ...image, os_hash_value: "0".repeat(128) };
      await expect(alice.data.downloadToFile(image.id, { directory, name }, { image: wrong })).rejects.toBeInstanceOf(ChecksumMismatchError);
      await expect(directory.getFileHandle(name)).rejects.toThrow();
      await expect(directory.getFileHandle(`${name}.partial`)).rejects.toThrow();
      // Into a handle: the writable is aborted, the file keeps what it had (nothing).
      const handle = await directory.getFileHandle(`handle-${name}`, { create: true });
      await expect(alice.data.downloadToFile(image.id, handle, { image: wrong })).rejects.toBeInstanceOf(ChecksumMismatchError);
      expect((await handle.getFile()).size).toBe(0);
      await directory.removeEntry(`handle-${name}`);
    });

    it("resumes a kept .partial file with Range and verifies the whole image", async () => {
      const directory = await navigator.storage.getDirectory();
      const name = `resume-${crypto.randomUUID()}.raw`;
      const partial = await directory.getFileHandle(`${name}.partial`, { create: true });
      const writable = await partial.createWritable();
      await writable.write(blob.slice(0, 2 * MiB));
      await writable.close();
      const progress: TransferProgress[] = [];
      const result = await alice.data.downloadToFile(image.id, { directory, name }, { resume: true, onProgress: (p) => progress.push(p) });
      expect(result).toMatchObject({ verified: "os_hash", bytes: blob.size });
      expect(progress[0]?.bytes ?? 0).toBeGreaterThanOrEqual(0);
      const file = await (await directory.getFileHandle(name)).getFile();
      expect(await sha512Hex(file)).toBe(image.os_hash_value);
      await directory.removeEntry(name);
    });
  });

  it("patches an image (json-patch media type through CORS)", async () => {
    const image = await blank("browser-patch");
    const updated = await alice.images.update(image.id, [
      { op: "replace", path: "/name", value: "browser-patched" },
      { op: "add", path: "/os_distro", value: "debian" },
    ]);
    expect(updated.name).toBe("browser-patched");
    expect(updated["os_distro"]).toBe("debian");
    const again = await alice.images.updateProperties(image.id, { os_version: "12" });
    expect(again["os_version"]).toBe("12");
  });

  it("shares an image with another project, which accepts it", async () => {
    const bob = clientFor("b");
    const bobProject = inject("browserAccounts").b.projectId;
    const image = await blank("browser-share", { visibility: "shared" });
    const member = await alice.members.add(image.id, bobProject);
    expect(member).toMatchObject({ member_id: bobProject, status: "pending" });
    await bob.images.list(); // fills bob.projectId from his token
    const accepted = await bob.members.accept(image.id);
    expect(accepted.status).toBe("accepted");
    expect((await alice.members.list(image.id)).map((m) => [m.member_id, m.status])).toEqual([[bobProject, "accepted"]]);
    const seen: string[] = [];
    for await (const shared of bob.members.sharedWithMe("accepted")) seen.push(shared.id);
    expect(seen).toContain(image.id);
    await alice.members.remove(image.id, bobProject);
    expect(await alice.members.list(image.id)).toEqual([]);
  });

  it("deletes an image", async () => {
    const image = await blank("browser-delete");
    await alice.images.delete(image.id);
    await expect(alice.images.get(image.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("maps an error to its class with the request id readable through CORS", async () => {
    const missing = crypto.randomUUID();
    const error = await alice.images.get(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as NotFoundError).requestId).toMatch(/^req-[0-9a-f-]{36}$/);
    const image = await blank("browser-forbidden");
    const bobError = await clientFor("b").images.delete(image.id).catch((e: unknown) => e);
    expect(bobError).toBeInstanceOf(NotFoundError);
    const conflict = await alice.images.update(image.id, [{ op: "remove", path: "/no_such_property" }]).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).requestId).toMatch(/^req-/);
  });

  it("aborts an upload midway: the request stops and the image is not left active", async () => {
    const image = await blank("browser-abort");
    const controller = new AbortController();
    const blob = patternBlob(64 * MiB, 3);
    // Loopback takes 64 MiB before any abort can land: this client goes through a 16 MB/s proxy.
    const slow = createClient({ endpoint: inject("throttledGlanceUrl"), identity: alice.identity });
    const error = await slow.data
      .upload(image.id, blob, {
        signal: controller.signal,
        onProgress: (p) => {
          // The first report between 0 and the total (Chromium reports every 50 ms).
          if (p.bytes > 0 && p.bytes < blob.size) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    // Glance reverts the image to `queued` once it sees the cut connection.
    let status = (await alice.images.get(image.id)).status;
    for (let i = 0; i < 50 && status !== "queued"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await alice.images.get(image.id)).status;
    }
    expect(status).toBe("queued");
    const after = await alice.images.get(image.id);
    expect(after.size).toBeNull();
    expect(after.checksum).toBeNull();
  });

  it("refuses a stream body with a typed error before sending anything", async () => {
    const image = await blank("browser-stream");
    const stream = new Blob([new Uint8Array(10)]).stream();
    const error = await alice.data.upload(image.id, stream as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as ValidationError).message)).toMatch(/HTTP\/2/);
    expect((await alice.images.get(image.id)).status).toBe("queued");
  });

  it("uploadImage: creates, uploads a File with progress, waits until active and verifies", async () => {
    const file = new File([patternBlob(2 * MiB, 5)], "disk.raw");
    let last: TransferProgress | undefined;
    const result = await alice.uploadImage({ attributes: { name: "browser-uploadImage", disk_format: "raw", container_format: "bare" }, data: file, onProgress: (p) => (last = p) });
    created.push(result.image.id);
    expect(result.image.status).toBe("active");
    expect(last).toEqual({ bytes: file.size, total: file.size });
  });
});
