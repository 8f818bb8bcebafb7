/**
 * A small image console on `@cloud-images/browser`: sign in (Keystone v3 password or application
 * credential, Rackspace API key, or a token), list and filter images, upload a file with a
 * progress bar, download an image with verification, share it with a project.
 *
 * Credentials stay in this page's memory (the SDK never writes them anywhere); reloading the page
 * signs out. Bundle it with any bundler (`esbuild main.ts --bundle --format=esm`), or serve it
 * with Vite, from an origin the cloud's CORS allows.
 */
import {
  CloudImagesError,
  createClient,
  keystoneApplicationCredential,
  keystonePassword,
  rackspaceApiKey,
  type AuthMethod,
  type BrowserImageClient,
  type Image,
} from "@cloud-images/browser";

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
};
const value = (id: string): string => $<HTMLInputElement>(id).value.trim();

let client: BrowserImageClient | undefined;
let selected: Image | undefined;

/** What to show for an error: its message (an HttpError's names the server's request id). */
function describe(error: unknown): string {
  if (error instanceof CloudImagesError) return error.message;
  return String(error);
}

function formatSize(size: number | null | undefined): string {
  if (size === null || size === undefined) return "—";
  if (size < 1024) return `${size} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let n = size / 1024;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit += 1;
  }
  return `${n.toFixed(1)} ${units[unit]}`;
}

// --- Sign in -------------------------------------------------------------------------------

function showFieldsFor(kind: string): void {
  for (const label of document.querySelectorAll<HTMLElement>("#signin label[data-for]")) {
    label.hidden = !(label.dataset.for ?? "").split(" ").includes(kind);
  }
}

function authMethod(kind: string): AuthMethod {
  const authUrl = value("authUrl");
  if (kind === "keystone-appcred") return keystoneApplicationCredential({ authUrl, applicationCredentialId: value("appCredId"), applicationCredentialSecret: value("appCredSecret") });
  if (kind === "rackspace-apikey") return rackspaceApiKey({ authUrl: authUrl || undefined, username: value("username"), apiKey: value("apiKey") });
  const domain = value("domain") || "Default";
  return keystonePassword({ authUrl, username: value("username"), password: $<HTMLInputElement>("password").value, userDomainName: domain, projectName: value("project"), projectDomainName: domain });
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  $("signin-error").textContent = "";
  const kind = $<HTMLSelectElement>("kind").value;
  try {
    const region = value("region") || undefined;
    const next = kind === "token" ? createClient({ endpoint: value("endpoint"), token: value("token") }) : createClient({ identity: authMethod(kind), region });
    await next.images.list({ limit: 1 });
    client = next;
    // The password fields are cleared: the SDK keeps what it needs in memory only.
    for (const id of ["password", "apiKey", "appCredSecret", "token"]) $<HTMLInputElement>(id).value = "";
    $("whoami").textContent = client.projectId ? `project ${client.projectId}` : "signed in";
    $("signin").hidden = true;
    $("workspace").hidden = false;
    await refresh();
  } catch (error) {
    $("signin-error").textContent = describe(error);
  }
}

// --- List and filter -----------------------------------------------------------------------

async function refresh(): Promise<void> {
  if (!client) return;
  const name = value("filter");
  const status = $<HTMLSelectElement>("status-filter").value;
  const rows: HTMLTableRowElement[] = [];
  try {
    for await (const image of client.images.listAll({ sort: [{ key: "created_at", dir: "desc" }], ...(status ? { status: status as Image["status"] } : {}) })) {
      if (name && !(image.name ?? "").toLowerCase().includes(name.toLowerCase())) continue;
      rows.push(imageRow(image));
      if (rows.length >= 200) break;
    }
    $("images").querySelector("tbody")!.replaceChildren(...rows);
    $("count").textContent = `${rows.length} image${rows.length === 1 ? "" : "s"}`;
  } catch (error) {
    $("count").textContent = describe(error);
  }
}

function imageRow(image: Image): HTMLTableRowElement {
  const row = document.createElement("tr");
  row.dataset.id = image.id;
  if (selected?.id === image.id) row.classList.add("selected");
  for (const [text, cls] of [[image.name ?? "(no name)", "name"], [image.status, "status"], [formatSize(image.size), "size"], [image.visibility, "visibility"], [image.id, "id"]] as const) {
    const cell = document.createElement("td");
    cell.className = cls;
    cell.textContent = text;
    row.append(cell);
  }
  row.addEventListener("click", () => void select(image.id));
  return row;
}

// --- Detail, download, share ---------------------------------------------------------------

async function select(id: string): Promise<void> {
  if (!client) return;
  try {
    selected = await client.images.get(id);
  } catch (error) {
    $("count").textContent = describe(error);
    return;
  }
  for (const row of document.querySelectorAll("#images tbody tr")) row.classList.toggle("selected", (row as HTMLElement).dataset.id === id);
  $("detail").hidden = false;
  $("detail-name").textContent = selected.name ?? "(no name)";
  const fields: [string, string][] = [
    ["id", selected.id],
    ["status", selected.status],
    ["size", formatSize(selected.size)],
    ["disk / container", `${selected.disk_format ?? "—"} / ${selected.container_format ?? "—"}`],
    ["checksum (md5)", selected.checksum ?? "—"],
    [`os_hash (${selected.os_hash_algo ?? "—"})`, selected.os_hash_value ?? "—"],
  ];
  $("detail-fields").replaceChildren(...fields.flatMap(([k, v]) => [Object.assign(document.createElement("dt"), { textContent: k }), Object.assign(document.createElement("dd"), { textContent: v })]));
  $("download-status").textContent = "";
  $("download-link").hidden = true;
  $<HTMLProgressElement>("download-progress").value = 0;
  $("share-status").textContent = "";
  await showMembers();
}

async function download(): Promise<void> {
  if (!client || !selected) return;
  const image = selected;
  const bar = $<HTMLProgressElement>("download-progress");
  $("download-status").textContent = "downloading…";
  try {
    const { blob, verified, algorithm, bytes } = await client.data.downloadToBlob(image.id, {
      image,
      onProgress: (p) => (bar.value = p.total ? p.bytes / p.total : 0),
    });
    bar.value = 1;
    $("download-status").textContent = `verified (${verified === "none" ? "no hash to check" : algorithm}) — ${formatSize(bytes)}`;
    $("download-status").className = "ok";
    const link = $<HTMLAnchorElement>("download-link");
    link.href = URL.createObjectURL(blob);
    link.download = `${image.name ?? image.id}.${image.disk_format ?? "img"}`;
    link.hidden = false;
  } catch (error) {
    $("download-status").textContent = describe(error);
    $("download-status").className = "error";
  }
}

async function showMembers(): Promise<void> {
  if (!client || !selected) return;
  try {
    const members = await client.members.list(selected.id);
    $("members").replaceChildren(...members.map((m) => Object.assign(document.createElement("li"), { textContent: `${m.member_id} — ${m.status}` })));
  } catch (error) {
    $("members").replaceChildren(Object.assign(document.createElement("li"), { textContent: describe(error) }));
  }
}

async function share(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (!client || !selected) return;
  try {
    const member = await client.members.add(selected.id, value("share-project"), { makeShared: true });
    $("share-status").textContent = `shared with ${member.member_id} (${member.status})`;
    $("share-status").className = "ok";
    await showMembers();
  } catch (error) {
    $("share-status").textContent = describe(error);
    $("share-status").className = "error";
  }
}

// --- Upload --------------------------------------------------------------------------------

let uploading: AbortController | undefined;

async function upload(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const file = $<HTMLInputElement>("file").files?.[0];
  if (!client || !file) return;
  const bar = $<HTMLProgressElement>("upload-progress");
  const status = $("upload-status");
  uploading = new AbortController();
  $<HTMLButtonElement>("upload-cancel").disabled = false;
  status.className = "";
  status.textContent = "uploading…";
  try {
    const result = await client.uploadImage({
      attributes: { name: value("upload-name") || file.name, disk_format: $<HTMLSelectElement>("disk-format").value as "raw", container_format: "bare" },
      data: file,
      signal: uploading.signal,
      onProgress: (p) => {
        bar.value = p.total ? p.bytes / p.total : 0;
        status.textContent = `${formatSize(p.bytes)} of ${formatSize(p.total)}`;
      },
    });
    status.textContent = `${result.image.name ?? result.image.id}: ${result.image.status}, verified (${result.verified})`;
    status.className = "ok";
    await refresh();
    await select(result.image.id);
  } catch (error) {
    status.textContent = describe(error);
    status.className = "error";
  } finally {
    uploading = undefined;
    $<HTMLButtonElement>("upload-cancel").disabled = true;
  }
}

// --- Wiring --------------------------------------------------------------------------------

$<HTMLSelectElement>("kind").addEventListener("change", (e) => showFieldsFor((e.target as HTMLSelectElement).value));
$("signin").addEventListener("submit", (e) => void signIn(e as SubmitEvent));
$("refresh").addEventListener("click", () => void refresh());
$("filter").addEventListener("input", () => void refresh());
$("status-filter").addEventListener("change", () => void refresh());
$("upload").addEventListener("submit", (e) => void upload(e as SubmitEvent));
$("upload-cancel").addEventListener("click", () => uploading?.abort());
$("download").addEventListener("click", () => void download());
$("share").addEventListener("submit", (e) => void share(e as SubmitEvent));

// Non-secret settings may come from the query string (`?kind=…&authUrl=…&username=…&region=…`).
const query = new URLSearchParams(location.search);
for (const id of ["authUrl", "username", "project", "domain", "region", "endpoint", "appCredId"]) {
  const given = query.get(id);
  if (given !== null) $<HTMLInputElement>(id).value = given;
}
const kind = query.get("kind") ?? "keystone-password";
$<HTMLSelectElement>("kind").value = kind;
showFieldsFor(kind);
document.body.dataset.ready = "true";
