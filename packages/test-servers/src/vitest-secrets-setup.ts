/**
 * vitest `setupFiles` entry for every Node project (root `vitest.config.ts`): the suite-wide
 * secrets check. In each test file's worker it
 *
 * - watches the fixtures' secrets ({@link FIXTURE_SECRETS}), the Keystone accounts' passwords and
 *   application-credential secret when the project provides them, and every credential the SDK
 *   actually sends or receives (`X-Auth-Token`, `X-Subject-Token`, `Authorization`), learnt from
 *   undici's diagnostics channels (the undici transport and Node's fetch both publish there);
 * - sees every error the SDK creates and every event it hands a hook (the core's diagnostics
 *   observer), and every console line;
 * - fails the test during which a watched secret showed in any of them — in the message,
 *   `String()`, `JSON.stringify` or `util.inspect` with `showHidden` and getters.
 *
 * Cheap enough for the whole suite: errors are inspected once, a microtask after they are made
 * (their fields set), and only the SDK's own errors and hooks' events are looked at.
 */
import { subscribe } from "node:diagnostics_channel";
import { format } from "node:util";
import { afterEach, inject } from "vitest";
import { maskSecret, registerTestSecret, secretsIn, secretsShownBy } from "./test-secrets.js";

const OBSERVER = Symbol.for("@cloud-images/diagnostics-observer");
const CREDENTIAL_HEADERS = new Set(["x-auth-token", "x-subject-token", "x-storage-token", "authorization"]);

const violations: string[] = [];

function record(what: string, shown: readonly string[]): void {
  for (const where of shown) violations.push(`${what} showed a secret (${where})`);
}

// --- secrets the servers of this project hand out -------------------------------------------
try {
  const accounts = inject("keystoneAccounts" as never) as
    | Record<string, { password?: string; secret?: string } | undefined>
    | undefined;
  for (const account of Object.values(accounts ?? {})) {
    registerTestSecret(account?.password);
    registerTestSecret(account?.secret);
  }
} catch {
  // not the Keystone project
}

/** Registers a credential header's value (and, for Basic, the password inside it). */
function learnHeader(name: string, value: string): void {
  const lower = name.toLowerCase();
  if (!CREDENTIAL_HEADERS.has(lower)) return;
  const [scheme, rest] = value.split(" ", 2);
  if (lower === "authorization" && scheme?.toLowerCase() === "basic" && rest) {
    registerTestSecret(rest);
    const decoded = Buffer.from(rest, "base64").toString("utf8");
    registerTestSecret(decoded.slice(decoded.indexOf(":") + 1));
    return;
  }
  registerTestSecret(lower === "authorization" && rest ? rest : value);
}

/** undici gives headers as `[name, value, …]` (strings or Buffers) or as one `name: value\r\n` string. */
function learnHeaders(headers: unknown): void {
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) learnHeader(String(headers[i]), String(headers[i + 1]));
  } else if (typeof headers === "string") {
    for (const line of headers.split("\r\n")) {
      const at = line.indexOf(":");
      if (at > 0) learnHeader(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
  }
}

subscribe("undici:request:create", (message) => learnHeaders((message as { request?: { headers?: unknown } }).request?.headers));
subscribe("undici:request:headers", (message) => learnHeaders((message as { response?: { headers?: unknown } }).response?.headers));

// --- what the SDK shows -----------------------------------------------------------------------
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
    const line = format(...args);
    const found = secretsIn(line);
    if (found.length > 0) record(`console.${method}`, found.map((s) => `text: ${maskSecret(s)}`));
    for (const arg of args) if (typeof arg === "object" && arg !== null) record(`console.${method} argument`, secretsShownBy(arg));
    original(...args);
  };
}

/**
 * `globalThis[Symbol.for("@cloud-images/secrets-check.report")](what, shown)`: code that sees
 * things outside this process's console and the SDK — the browser e2e harness, a page's console
 * lines and errors — reports where a secret showed (`shown`, as `secretsShownBy` words it), and
 * the test fails like any other violation.
 */
(globalThis as Record<symbol, unknown>)[Symbol.for("@cloud-images/secrets-check.report")] = (what: string, shown: readonly string[]): void => record(what, shown);

afterEach(async () => {
  // Let the last errors' checks run.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (violations.length === 0) return;
  const report = [...new Set(violations)].join("\n  ");
  violations.length = 0;
  throw new Error(`secrets check: a known secret showed during this test:\n  ${report}`);
});

/** Takes the violations recorded so far (the check's own tests use it to prove it can fail). */
export function drainSecretViolations(): string[] {
  return violations.splice(0, violations.length);
}
