import type { Browser, BrowserContext, Page } from "playwright-core";
import { learnCredentialHeader, maskSecret, registerTestSecret, secretsIn, secretsShownBy } from "@cloud-images/test-servers";

/** Receives what a watched page showed: `what` it was, and where the secrets showed in it. */
export type PageSecretReport = (what: string, shown: readonly string[]) => void;

/** The Node secrets check's entry for things shown outside the SDK (vitest-secrets-setup.ts), when loaded. */
const REPORT = Symbol.for("@cloud-images/secrets-check.report");

/**
 * The secrets check for a page driven from Node with Playwright (the `browser-e2e` project): learns every credential the page's requests
 * and answers carry (`X-Auth-Token`, `X-Subject-Token`, `Authorization`, and the token id of a
 * Rackspace identity v2.0 login answer), and reports every console line — its text and each
 * argument's JSON value — and every uncaught page error (message and stack) in which a watched
 * secret shows.
 */
export function watchPageSecrets(page: Page, report: PageSecretReport): void {
  page.on("request", (request) => {
    for (const [name, value] of Object.entries(request.headers())) learnCredentialHeader(name, value);
  });
  page.on("response", (response) => {
    for (const [name, value] of Object.entries(response.headers())) learnCredentialHeader(name, value);
    if (response.request().method() === "POST" && /\/v2\.0\/tokens$/.test(new URL(response.url()).pathname)) {
      response.json().then(
        (body: { access?: { token?: { id?: unknown } } }) => registerTestSecret(body.access?.token?.id),
        () => undefined,
      );
    }
  });
  page.on("console", (message) => {
    const found = secretsIn(message.text());
    if (found.length > 0) report(`page console.${message.type()}`, found.map((s) => `text: ${maskSecret(s)}`));
    for (const arg of message.args()) {
      arg.jsonValue().then(
        (value: unknown) => {
          const shown = secretsShownBy(value);
          if (shown.length > 0) report(`page console.${message.type()} argument`, shown);
        },
        () => undefined,
      );
    }
  });
  page.on("pageerror", (error) => {
    const shown = [...secretsShownBy(error), ...secretsIn(error.stack ?? "").map((s) => `stack: ${maskSecret(s)}`)];
    if (shown.length > 0) report("page error", shown);
  });
}

/**
 * Watches every page `browser` opens (`newPage`, and the pages of every `newContext`) with
 * {@link watchPageSecrets}, reporting to the Node secrets check of this test file's worker.
 * Throws when that check is not loaded: a project driving pages must have it in `setupFiles`.
 */
export function watchBrowserSecrets(browser: Browser): Browser {
  const report = (globalThis as Record<symbol, unknown>)[REPORT] as PageSecretReport | undefined;
  if (typeof report !== "function") {
    throw new Error("the secrets check is not loaded in this worker: add packages/test-servers/src/vitest-secrets-setup.ts to the project's setupFiles");
  }
  const watched = new WeakSet<Page>();
  const watch = (page: Page): Page => {
    if (!watched.has(page)) {
      watched.add(page);
      watchPageSecrets(page, report);
    }
    return page;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context: BrowserContext = await newContext(...args);
    context.on("page", watch);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args: Parameters<Browser["newPage"]>) => watch(await newPage(...args));
  return browser;
}
