/**
 * vitest `setupFiles` entry of the `browser` project: the suite-wide secrets check, in the test
 * page (Chromium) — the page's counterpart of packages/test-servers/src/vitest-secrets-setup.ts,
 * which cannot run here (no `node:diagnostics_channel`, no `util.inspect`). In each test file's
 * page it
 *
 * - watches the fixtures' secrets (`FIXTURE_SECRETS`), the Keystone accounts' passwords and
 *   application-credential secret (`browserAccounts`), and every credential the page sends or
 *   receives (`X-Auth-Token`, `X-Subject-Token`, `Authorization`), learnt by wrapping `fetch`
 *   and `XMLHttpRequest.setRequestHeader` before any test code runs;
 * - sees every error the SDK creates and every event it hands a hook (the core's diagnostics
 *   observer, a global lookup that works the same in a page) and every console line;
 * - fails the test during which a watched secret showed in any of them — in the message,
 *   `String()`, `JSON.stringify`, or an inspect-like walk (hidden and symbol keys, getters,
 *   `cause`, Map/Set entries; an object's own `util.inspect.custom` called as Node would).
 *
 * ./secrets-check.browser.test.ts (test/browser) proves it can fail.
 */
import { afterEach, inject } from "vitest";
import { INSPECT_CUSTOM, learnCredentialHeader, maskSecret, registerTestSecret, secretsIn, secretsShownBy as secretsShownWith } from "@cloud-images/test-servers/secrets-registry";

const OBSERVER = Symbol.for("@cloud-images/diagnostics-observer");

// The page may load this module twice (as the setup file, and under another URL when a test
// imports it): the records live on the page's global object, and the wrappers go in once.
const STATE = Symbol.for("@cloud-images/secrets-check.page");
const state = ((globalThis as Record<symbol, unknown>)[STATE] ??= { violations: [] as string[], installed: false }) as { violations: string[]; installed: boolean };
const violations = state.violations;

function record(what: string, shown: readonly string[]): void {
  for (const where of shown) violations.push(`${what} showed a secret (${where})`);
}

/** What a value shows as text in a page: strings as they are, the rest through JSON, else `String()`. */
function asText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** An object's own `util.inspect.custom`, called as Node's `util.inspect` calls it (depth, options, inspect). */
function renderCustom(value: object): string {
  const custom = (value as { [INSPECT_CUSTOM]: (depth: number, options: object, inspect: (v: unknown) => string) => unknown })[INSPECT_CUSTOM];
  const shown = custom.call(value, 2, { showHidden: true, getters: true, depth: 2 }, asText);
  return asText(shown);
}

/** Where the watched secrets show in `value` (String, JSON.stringify, the inspect-like walk). */
export function secretsShownBy(value: unknown): string[] {
  return secretsShownWith(value, renderCustom);
}

// --- secrets the servers of this project hand out (every instance: the registry may be two too) ---
const accounts = inject("browserAccounts");
for (const account of [accounts.a, accounts.b]) registerTestSecret(account.password);
registerTestSecret(accounts.appCredA.secret);

/** Wraps fetch, XMLHttpRequest and console, and sets the SDK's diagnostics observer (once a page). */
function install(): void {

  function learnHeaders(headers: HeadersInit | undefined): void {
    if (headers === undefined) return;
    try {
      new Headers(headers).forEach((value, name) => learnCredentialHeader(name, value));
    } catch {
      // headers fetch itself will refuse
    }
  }

  const pageFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) learnHeaders(input.headers);
    learnHeaders(init?.headers);
    const response = await pageFetch(input, init);
    learnHeaders(response.headers);
    return response;
  };

  const setRequestHeader = XMLHttpRequest.prototype.setRequestHeader;
  XMLHttpRequest.prototype.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string): void {
    learnCredentialHeader(name, value);
    setRequestHeader.call(this, name, value);
  };

  // --- what the SDK and the page show ----------------------------------------------------------
  (globalThis as Record<symbol, unknown>)[OBSERVER] = (kind: string, value: unknown): void => {
    // An error's subclass fields are set after the base constructor that reports it: look a microtask later.
    queueMicrotask(() => {
      const shown = secretsShownBy(value);
      if (shown.length > 0) {
        const name = kind === "error" ? String((value as { name?: unknown }).name) : "a hook event";
        record(`SDK ${kind} ${name}`, shown);
      }
    });
  };

  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]): void => {
      const line = args.map(asText).join(" ");
      const found = secretsIn(line);
      if (found.length > 0) record(`console.${method}`, found.map((s) => `text: ${maskSecret(s)}`));
      for (const arg of args) if (typeof arg === "object" && arg !== null) record(`console.${method} argument`, secretsShownBy(arg));
      original(...args);
    };
  }
}

if (!state.installed) {
  state.installed = true;
  install();
  afterEach(async () => {
    // Let the last errors' checks run.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (violations.length === 0) return;
    const report = [...new Set(violations)].join("\n  ");
    violations.length = 0;
    throw new Error(`secrets check: a known secret showed during this test:\n  ${report}`);
  });
}

/** Takes the violations recorded so far (the check's own tests use it to prove it can fail). */
export function drainSecretViolations(): string[] {
  return violations.splice(0, violations.length);
}
