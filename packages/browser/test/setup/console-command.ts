import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext } from "playwright-core";
import type { BrowserCommand } from "vitest/node";

/** What {@link driveConsole} signs in with and does. */
export interface ConsoleRun {
  /** Origin serving the bundled console (see global-setup.ts), allowed by CORS. */
  readonly origin: string;
  readonly authUrl: string;
  readonly username: string;
  readonly password: string;
  readonly project: string;
  readonly region: string;
  /** Project to share the uploaded image with. */
  readonly shareWith: string;
  /** Name of the image to upload. */
  readonly name: string;
}

/** What the console showed. */
export interface ConsoleOutcome {
  readonly uploadStatus: string;
  readonly uploadProgress: number;
  readonly rows: string[];
  readonly downloadStatus: string;
  readonly shareStatus: string;
  readonly members: string;
  readonly storedItems: number;
  readonly pageErrors: string[];
  /**
   * What the page showed on its console: each line's text and each argument's JSON value. This
   * command runs in vitest's main process, outside the page's secrets check: the test checks
   * these lines and `pageErrors` there, with the credentials below learnt first.
   */
  readonly consoleLines: string[];
  /** The credential headers (`[name, value]`) the page's requests and answers carried. */
  readonly credentials: [string, string][];
  readonly screenshot: string;
}

const CREDENTIAL_HEADERS = new Set(["x-auth-token", "x-subject-token", "authorization"]);
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../.artifacts");

/**
 * Browser command (runs in Node): opens the image console (examples/console, bundled and served
 * by global-setup.ts from an origin Keystone's and Glance's CORS allow) in a new tab of the
 * test browser, signs in with a Keystone password, uploads a 3 MiB file with the progress bar,
 * filters, downloads with verification, shares with a project, and keeps a screenshot.
 */
export const driveConsole: BrowserCommand<[ConsoleRun]> = async (ctx, run) => {
  const context = (ctx as unknown as { context: BrowserContext }).context;
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  const consoleLines: string[] = [];
  const credentials: [string, string][] = [];
  page.on("console", (message) => {
    consoleLines.push(message.text());
    for (const arg of message.args()) arg.jsonValue().then((value: unknown) => consoleLines.push(JSON.stringify(value) ?? String(value)), () => undefined);
  });
  const learn = (headers: Record<string, string>): void => {
    for (const [name, value] of Object.entries(headers)) if (CREDENTIAL_HEADERS.has(name.toLowerCase())) credentials.push([name, value]);
  };
  page.on("request", (request) => learn(request.headers()));
  page.on("response", (response) => learn(response.headers()));
  try {
    await page.setViewportSize({ width: 1200, height: 900 });
    const query = new URLSearchParams({ kind: "keystone-password", authUrl: run.authUrl, username: run.username, project: run.project, region: run.region });
    await page.goto(`${run.origin}/index.html?${query}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    await page.fill("#password", run.password);
    await page.click("#signin button[type=submit]");
    await page.waitForSelector("#workspace:not([hidden]), #signin-error:not(:empty)", { timeout: 30_000 });
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
    await page.setInputFiles("#file", { name: "disk.raw", mimeType: "application/octet-stream", buffer: bytes });
    await page.fill("#upload-name", run.name);
    await page.click("#upload button[type=submit]");
    await page.waitForSelector("#upload-status.ok, #upload-status.error", { timeout: 60_000 });
    await page.fill("#filter", run.name);
    await page.waitForFunction((n) => [...document.querySelectorAll("#images tbody tr td.name")].some((td) => td.textContent === n), run.name, { timeout: 30_000 });
    await page.click("#download");
    await page.waitForSelector("#download-status.ok, #download-status.error", { timeout: 60_000 });
    await page.fill("#share-project", run.shareWith);
    await page.click("#share button[type=submit]");
    await page.waitForSelector("#share-status.ok, #share-status.error", { timeout: 30_000 });
    await page.waitForSelector("#members li", { timeout: 30_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = join(ARTIFACTS, "console-glance.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`console screenshot (real Keystone + Glance): ${screenshot}`);
    return {
      uploadStatus: (await page.textContent("#upload-status")) ?? "",
      uploadProgress: await page.evaluate(() => (document.getElementById("upload-progress") as HTMLProgressElement).value),
      rows: await page.evaluate(() => [...document.querySelectorAll("#images tbody tr td.name")].map((td) => td.textContent ?? "")),
      downloadStatus: (await page.textContent("#download-status")) ?? "",
      shareStatus: (await page.textContent("#share-status")) ?? "",
      members: (await page.textContent("#members")) ?? "",
      storedItems: await page.evaluate(() => localStorage.length + sessionStorage.length),
      pageErrors,
      consoleLines,
      credentials,
      screenshot,
    } satisfies ConsoleOutcome;
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, "console-glance-failure.png");
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    const shown = await page.evaluate(() => ["signin-error", "upload-status", "count", "download-status", "share-status"].map((id) => `${id}: ${document.getElementById(id)?.textContent ?? ""}`).join("; ")).catch(() => "");
    throw new Error(`console run failed (${shown}; screenshot ${shot}; page errors: ${pageErrors.join(" | ")}): ${String(error)}`, { cause: error });
  } finally {
    await page.close();
  }
};
