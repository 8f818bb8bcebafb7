// The browser-e2e project's secrets check can fail: the Node check (vitest-secrets-setup.ts) plus
// the harness's page watcher (../setup/page-secrets.ts, on every page launchChromium's browser
// opens). Each test provokes a violation in a real page and takes it away again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { FIXTURE_SECRETS } from "@cloud-images/test-servers";
import { drainSecretViolations } from "@cloud-images/test-servers/vitest-secrets-setup";
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";

const SECRET = FIXTURE_SECRETS.find((s) => s.includes("API-KEY"))!;
let browser: Browser;
let site: StaticServer;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  site = await startStaticServer();
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});
afterEach(async () => {
  await page?.close();
  expect(drainSecretViolations()).toEqual([]);
});

/**
 * The violations recorded once one containing `expected` came in (the page watcher checks console
 * arguments asynchronously: the others of the same line are waited for a little longer too).
 */
async function violationsWith(expected: string): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < 100 && !found.some((v) => v.includes(expected)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    found.push(...drainSecretViolations());
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return [...found, ...drainSecretViolations()];
}

describe("the e2e secrets check can fail", () => {
  it("a page's console line showing a fixture secret, as text and as an object's JSON", async () => {
    page = await browser.newPage();
    await page.evaluate((secret) => console.log(`api key ${secret}`), SECRET);
    expect(await violationsWith("page console.log showed a secret (text:")).toContainEqual(expect.stringContaining("page console.log showed a secret (text:"));
    await page.evaluate((secret) => console.error({ credentials: { apiKey: secret } }), SECRET);
    expect(await violationsWith("page console.error argument")).toContainEqual(expect.stringContaining("page console.error argument showed a secret (JSON.stringify"));
  });

  it("a token the page sent (X-Auth-Token, learnt from its request) showing in an uncaught page error", async () => {
    const context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${site.origin}/missing.html`).catch(() => undefined);
    const token = `e2e-token-${crypto.randomUUID()}`;
    await page.evaluate((t) => fetch("/anything", { headers: { "X-Auth-Token": t } }).then((r) => r.status), token);
    await page.evaluate((t) => setTimeout(() => {
      throw new Error(`request failed with token ${t}`);
    }, 0), token);
    expect(await violationsWith("page error showed a secret")).toContainEqual(expect.stringContaining("page error showed a secret"));
    await context.close();
  });
});
