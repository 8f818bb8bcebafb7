// The browser project's secrets check (test/setup/secrets-setup.browser.ts) can fail: in the page,
// each way a secret may show is recorded — and every test here takes the records away again
// (drainSecretViolations) so that the check itself passes.
import { afterEach, describe, expect, inject, it } from "vitest";
import { ConnectionError, CloudImagesError } from "@cloud-images/browser";
import { drainSecretViolations, secretsShownBy } from "../setup/secrets-setup.browser.js";
import { clientFor } from "./clients.js";

const accounts = inject("browserAccounts");
const PASSWORD = accounts.a.password;
const APP_SECRET = accounts.appCredA.secret;
const INSPECT_CUSTOM = Symbol.for("nodejs.util.inspect.custom");
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  // Nothing left over for the check's own afterEach (each test drains what it provoked).
  expect(drainSecretViolations()).toEqual([]);
});

describe("the page's secrets check can fail", () => {
  it("finds an account's password or application-credential secret in a message, a hidden property, a getter, JSON and a custom inspect", () => {
    expect(secretsShownBy(new Error(`password ${PASSWORD}`)).some((s) => s.startsWith("String"))).toBe(true);
    const hidden = {};
    Object.defineProperty(hidden, "k", { value: APP_SECRET, enumerable: false });
    expect(secretsShownBy(hidden).some((s) => s.startsWith("util.inspect"))).toBe(true);
    expect(secretsShownBy({ get k() { return PASSWORD; } }).some((s) => s.startsWith("util.inspect"))).toBe(true);
    expect(secretsShownBy({ k: APP_SECRET }).some((s) => s.startsWith("JSON.stringify"))).toBe(true);
    expect(secretsShownBy({ [INSPECT_CUSTOM]: () => `Session { secret: ${APP_SECRET} }` }).some((s) => s.startsWith("util.inspect"))).toBe(true);
    expect(secretsShownBy(new Error("nothing here"))).toEqual([]);
  });

  it("records an SDK error made in the page that shows a secret (a field set by its subclass)", async () => {
    const error = new ConnectionError({ method: "GET", url: "http://h/" }, { cause: Object.assign(new Error("plain"), { detail: PASSWORD }) });
    await flush();
    expect(error).toBeInstanceOf(CloudImagesError);
    expect(drainSecretViolations()).toEqual([expect.stringContaining("SDK error ConnectionError showed a secret (util.inspect")]);
  });

  it("records console lines: text, and objects shown by JSON or the inspect-like walk", () => {
    console.log("signing in with", PASSWORD);
    console.warn({ credential: { secret: APP_SECRET } });
    const violations = drainSecretViolations();
    expect(violations).toContainEqual(expect.stringContaining("console.log showed a secret (text:"));
    expect(violations).toContainEqual(expect.stringContaining("console.warn argument showed a secret (JSON.stringify"));
  });

  it("learns the token Keystone hands the page (X-Subject-Token through fetch) and the one the SDK sends", async () => {
    const alice = clientFor("a");
    await alice.images.list({ limit: 1 });
    const token = alice.identity?.current?.value;
    expect(typeof token).toBe("string");
    console.log(`token: ${String(token)}`);
    expect(drainSecretViolations()).toEqual([expect.stringContaining("console.log showed a secret (text:")]);
  });
});
