/**
 * Every documentation example is compiled and run: each ```ts block of `README.md` and each
 * ```ts block inside a TSDoc `@example` of `packages/core/src` and `packages/node/src`.
 *
 * - **Compiled**: each block is written as a module into `packages/node/.tmp/docs-examples/`
 *   (`@cloud-images/node` and `@cloud-images/core` resolved to their sources) and one tsc run
 *   checks them all; the test fails with tsc's diagnostics, each naming its block.
 * - **Run**: each block's default export is called with a fresh context against the embedded
 *   emulator (Glance flavour, Rackspace identity); the test fails when the example throws.
 *
 * The convention for authors of examples:
 * - A block may use these free variables without declaring them (it may also declare its own
 *   names, shadowing them): `endpoint` and `token` (the emulator's image endpoint and a token for
 *   it), `glance` (a client of them), `image` (an active image with 4 KiB of data, made for the
 *   block), `identity` (a Rackspace API-key login to the emulator's identity service), `compute`
 *   (a compute client of the same account), `serverId` (a server of the account), `container` (a
 *   Cloud Files container of the account). Their types: `DOC_CONTEXT_TYPE` in
 *   `support/docs-examples.ts`.
 * - The current directory is a scratch folder holding `ubuntu.qcow2` (4 KiB); relative paths
 *   land there.
 * - `import` declarations are kept as written (`from "@cloud-images/node"`); top-level `await`
 *   is fine (the block becomes the body of an async function); `console.log` output is dropped.
 * - A block that cannot run here (a real Keystone, a clouds.yaml, placeholders) is marked
 *   ```` ```ts compile-only ```` and is only compiled.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createClient,
  createComputeClient,
  createUndiciTransport,
  IdentitySession,
  rackspaceApiKey,
  type AuthMethod,
  type NodeComputeClient,
  type NodeImageClient,
} from "../src/index.js";
import { allDocBlocks, compileExamples, explainDiagnostics, REPO_ROOT, writeExampleModules } from "./support/docs-examples.js";

// One folder per process: the runtimes script runs the unit suite on two Node versions side by side in one checkout.
const OUT_DIR = path.join(REPO_ROOT, `packages/node/.tmp/docs-examples/${process.pid}`);
const modules = writeExampleModules(allDocBlocks(), OUT_DIR);
// tsc runs in a child process while the examples run here.
const compiled = compileExamples(OUT_DIR);

const transport = createUndiciTransport();
let emulator: Emulator;
let identity: AuthMethod;
let session: IdentitySession;
let glance: NodeImageClient;
let compute: NodeComputeClient;
let endpoint: string;
let token: string;
let serverId: string;
const container = "docs-exports";
const startDir = process.cwd();
let scratch: string;

beforeAll(async () => {
  emulator = await startEmulator({ mode: "glance", jobDurationMs: 200 });
  const demo = emulator.users[0]!;
  identity = rackspaceApiKey({ authUrl: emulator.identityUrl, username: demo.username, apiKey: demo.apiKey });
  session = new IdentitySession({ auth: identity, transport, region: "DFW" });
  token = (await session.token()).value;
  endpoint = (await session.endpoint({ type: "image" })).url;
  glance = createClient({ endpoint, token, transport });
  compute = createComputeClient({ identity: session, transport });
  serverId = (await compute.images.listServers())[0]!.id;
  const files = (await session.endpoint({ type: "object-store" })).url;
  const made = await fetch(`${files}/${container}`, { method: "PUT", headers: { "x-auth-token": token } });
  expect(made.status).toBeLessThan(300);
});

afterAll(async () => {
  process.chdir(startDir);
  await Promise.all([glance?.close(), compute?.close()]);
  await transport.close();
  await emulator?.stop();
});

beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "docs-example-"));
  writeFileSync(path.join(scratch, "ubuntu.qcow2"), new Uint8Array(4096).fill(7));
  process.chdir(scratch);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.chdir(startDir);
  rmSync(scratch, { recursive: true, force: true });
});

describe("documentation examples", () => {
  it("finds the README's blocks and the TSDoc examples", () => {
    expect(modules.filter((m) => m.block.where.startsWith("README.md")).length).toBeGreaterThanOrEqual(5);
    expect(modules.filter((m) => m.block.where.startsWith("packages/")).length).toBeGreaterThanOrEqual(5);
  });

  const runnable = modules.filter((m) => m.runs);
  it.each(runnable.map((m) => [m.block.where, m] as const))("runs %s", { timeout: 30_000 }, async (_where, m) => {
    const { image } = await glance.uploadImage({
      attributes: { name: "docs-example", disk_format: "raw", container_format: "bare" },
      data: new Uint8Array(4096).fill(1),
      wait: { minDelayMs: 50 },
    });
    const example = (await import(m.file)) as { default: (ctx: unknown) => Promise<void> };
    try {
      await example.default({ endpoint, token, glance, image, identity, compute, serverId, container });
    } finally {
      // A snapshot left SAVING would make the server refuse the next block's createImage.
      for (const i of (await compute.images.listDetail({ server: serverId })).images) {
        if (i.status === "SAVING") await compute.waitFor.image(i.id, { minDelayMs: 50 });
      }
    }
  });

  it("compiles every example (one tsc run)", { timeout: 60_000 }, async () => {
    const { code, output } = await compiled;
    expect(explainDiagnostics(output, modules)).toBe("");
    expect(code).toBe(0);
  });
});
