import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import type { Browser } from "playwright-core";
import { artifactsDir, bundleConsole, launchChromium, startStaticServer, type StaticServer } from "./harness.js";

/**
 * The image console (examples/console) driven end to end in Debian's Chromium against the
 * emulator (Rackspace identity v2.0 and Cloud Images, answering CORS for the page's origin):
 * sign in, upload with the progress bar, filter, download with verification, share.
 */
describe("image console against the emulator", () => {
  let site: StaticServer;
  let emulator: Emulator;
  let browser: Browser;

  beforeAll(async () => {
    const out = await bundleConsole("console-dist");
    site = await startStaticServer();
    site.serve(out);
    // Glance mode: Rackspace mode refuses POST /v2/images (Cloud Images imports through tasks).
    emulator = await startEmulator({ mode: "glance", corsOrigins: [site.origin] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
    await site?.stop();
  });

  it("signs in, uploads with progress, filters, downloads verified and shares; screenshot kept", async () => {
    const [demo, partner] = emulator.users;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    const query = new URLSearchParams({ kind: "rackspace-apikey", authUrl: emulator.identityUrl, username: demo!.username, region: "DFW" });
    await page.goto(`${site.origin}/index.html?${query}`);
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("#apiKey", demo!.apiKey);
    await page.click("#signin button[type=submit]");
    await page.waitForSelector("#workspace:not([hidden])");
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    const name = `console-${Date.now()}`;
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
    await page.setInputFiles("#file", { name: "disk.raw", mimeType: "application/octet-stream", buffer: bytes });
    await page.fill("#upload-name", name);
    await page.click("#upload button[type=submit]");
    await page.waitForSelector("#upload-status.ok, #upload-status.error", { timeout: 60_000 });
    expect(await page.textContent("#upload-status")).toContain("active");
    expect(await page.evaluate(() => (document.getElementById("upload-progress") as HTMLProgressElement).value)).toBe(1);

    await page.fill("#filter", name);
    await page.waitForFunction((n) => [...document.querySelectorAll("#images tbody tr td.name")].map((td) => td.textContent).join() === n, name);

    await page.click("#download");
    await page.waitForSelector("#download-status.ok, #download-status.error", { timeout: 30_000 });
    expect(await page.textContent("#download-status")).toMatch(/verified \((sha512|md5)\)/);

    await page.fill("#share-project", partner!.tenantId);
    await page.click("#share button[type=submit]");
    await page.waitForSelector("#share-status.ok, #share-status.error");
    expect(await page.textContent("#share-status")).toContain("shared with");
    await page.waitForSelector("#members li");
    expect(await page.textContent("#members")).toContain(partner!.tenantId);

    const shot = join(artifactsDir(), "console-emulator.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`console screenshot: ${shot}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
