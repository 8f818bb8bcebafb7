import { request } from "undici";
import { describe, expect, it } from "vitest";
import { FIXTURE_SECRETS, registerTestSecret, secretsShownBy } from "@cloud-images/test-servers";
import { drainSecretViolations } from "@cloud-images/test-servers/vitest-secrets-setup";
import { CloudImagesError, ConnectionError } from "../../src/index.js";

const SECRET = FIXTURE_SECRETS[0]!;
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("the suite-wide secrets check can fail", () => {
  it("finds a secret in a message, a hidden property, a getter, and JSON", () => {
    expect(secretsShownBy(new Error(`token ${SECRET}`))).toContain("String: dem…(13 chars)");
    const hidden = {};
    Object.defineProperty(hidden, "k", { value: SECRET, enumerable: false });
    expect(secretsShownBy(hidden).some((s) => s.startsWith("util.inspect"))).toBe(true);
    expect(secretsShownBy({ get k() { return SECRET; } }).some((s) => s.startsWith("util.inspect"))).toBe(true);
    expect(secretsShownBy({ k: SECRET }).some((s) => s.startsWith("JSON.stringify"))).toBe(true);
    expect(secretsShownBy(new Error("nothing here"))).toEqual([]);
  });

  it("records an SDK error (a field set by its subclass) that shows a secret", async () => {
    const error = new ConnectionError({ method: "GET", url: "http://h/" }, { cause: Object.assign(new Error("plain"), { detail: SECRET }) });
    await flush();
    expect(error).toBeInstanceOf(CloudImagesError);
    expect(drainSecretViolations()).toEqual([expect.stringContaining("SDK error ConnectionError showed a secret (util.inspect")]);
  });

  it("records a console line with a secret, and one learnt at run time", async () => {
    registerTestSecret("runtime-token-abcdef");
    console.log("sending runtime-token-abcdef");
    await flush();
    expect(drainSecretViolations()).toEqual([expect.stringContaining("console.log showed a secret")]);
  });

  it("learns the tokens the SDK sends (undici diagnostics channel)", async () => {
    await request("http://127.0.0.1:9/", { headers: { "x-auth-token": "learnt-from-the-wire" } }).catch(() => undefined);
    console.log("learnt-from-the-wire");
    await flush();
    expect(drainSecretViolations()).toEqual([expect.stringContaining("console.log showed a secret")]);
  });
});
