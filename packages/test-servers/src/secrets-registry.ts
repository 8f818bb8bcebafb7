// The secrets registry and the search, with no Node import: the Node setup
// (vitest-secrets-setup.ts, through test-secrets.ts) and the browser project's page setup share it.

/**
 * Secrets the test suites use in fixtures (passwords, API keys, application-credential secrets,
 * fixed tokens, URL user-info passwords), collected from the test files and the emulator's
 * default users. The suite-wide secrets check ({@link ./vitest-secrets-setup.ts}) fails a test
 * when one of them shows in an SDK error or a log line. Values shorter than
 * {@link MIN_SECRET_LENGTH} are not tracked (they would match ordinary text).
 */
export const FIXTURE_SECRETS: readonly string[] = Object.freeze([
  // apps/emulator DEFAULT_USERS (the demo user's API key, 0123456789abcdef×2, is left out: the
  // core fixtures use the same 32 hex digits as a project id, which errors rightly show)
  "demo-password",
  "partner-password",
  "fedcba9876543210fedcba9876543210",
  // packages/*/test fixtures
  "0123456789abcdef-API-KEY-never-shown",
  "s3cret-API-KEY-0123456789",
  "s3cret-APP-CRED",
  "pa55-WORD-never-shown",
  "s3cret-PASSWORD-in-yaml",
  "s3cret-endpoint-PASSWORD",
  "s3cret-pw-in-url",
  "app-cred-SECRET-never-shown",
  "s3cret-TOKEN-gAAAA",
  "tok-secret",
  "tok-SECRET",
  "fixed-token-value",
  "s3cr3t",
]);

/** Shorter values are not tracked: they would match ordinary text. */
export const MIN_SECRET_LENGTH = 6;

const secrets = new Set<string>(FIXTURE_SECRETS);

/** Adds a secret to watch for (a token a server issued, a generated password). Short values are ignored. */
export function registerTestSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return;
  secrets.add(value);
  // Also as it would show percent-encoded in a URL.
  const encoded = encodeURIComponent(value);
  if (encoded !== value) secrets.add(encoded);
}

/** How many secrets are watched. */
export function testSecretCount(): number {
  return secrets.size;
}

/** A secret as a report may show it: its first characters and length. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 3)}…(${secret.length} chars)`;
}

/** The watched secrets found in `text`. */
export function secretsIn(text: string): string[] {
  const found: string[] = [];
  for (const secret of secrets) if (text.includes(secret)) found.push(secret);
  return found;
}

/**
 * Renders an object that has its own `util.inspect.custom` the way `util.inspect` (with
 * `showHidden` and getters) shows it. Node passes `util.inspect`; a page, where there is none,
 * calls the custom function itself (see packages/browser/test/setup/secrets-setup.browser.ts).
 */
export type CustomInspect = (value: object) => string;

/** `util.inspect.custom`, as Node and the SDK name it (a registered symbol, the same in a page). */
export const INSPECT_CUSTOM: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/**
 * Every way `value` can be shown — `String()`, `JSON.stringify`, and what `util.inspect` with
 * `showHidden` and `getters` reveals — searched for watched secrets. Returns where each one
 * showed (e.g. `inspect: s3c…(15 chars)`).
 *
 * The inspect view is a walk over the same properties `util.inspect` shows (own keys, hidden
 * and symbol ones included, own getters evaluated, the `cause` chain, Map/Set entries, depth 6),
 * except `stack`: formatting every error's stack through source maps would make the check too
 * slow for a suite that makes tens of thousands of errors (the stack repeats the message, which
 * is checked, plus file paths). Objects with their own `util.inspect.custom` are shown through it.
 */
export function secretsShownBy(value: unknown, renderCustom: CustomInspect): string[] {
  const shown: string[] = [];
  const check = (how: string, text: string): void => {
    for (const secret of secretsIn(text)) shown.push(`${how}: ${maskSecret(secret)}`);
  };
  try {
    check("String", String(value));
  } catch {
    // a throwing toString shows nothing
  }
  try {
    check("JSON.stringify", JSON.stringify(value) ?? "");
  } catch {
    // a cycle or a throwing toJSON: nothing shown that way
  }
  const texts: string[] = [];
  collectShown(value, 6, new Set(), texts, renderCustom);
  for (const text of texts) check("util.inspect", text);
  return [...new Set(shown)];
}

/** The strings `util.inspect(value, { showHidden: true, getters: true })` would show, stack aside. */
function collectShown(value: unknown, depth: number, seen: Set<object>, out: string[], renderCustom: CustomInspect): void {
  if (typeof value === "string") {
    out.push(value);
    return;
  }
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    if (value !== undefined) out.push(String(value));
    return;
  }
  if (seen.has(value) || depth < 0) return;
  seen.add(value);
  const custom = (value as { [INSPECT_CUSTOM]?: unknown })[INSPECT_CUSTOM];
  if (typeof custom === "function") {
    try {
      out.push(renderCustom(value));
    } catch {
      // a throwing custom inspect shows nothing
    }
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      collectShown(k, depth - 1, seen, out, renderCustom);
      collectShown(v, depth - 1, seen, out, renderCustom);
    }
  }
  if (value instanceof Set) for (const v of value) collectShown(v, depth - 1, seen, out, renderCustom);
  if (ArrayBuffer.isView(value)) return;
  for (const key of Reflect.ownKeys(value)) {
    if (key === "stack") continue;
    if (typeof key === "string") out.push(key);
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor) continue;
    let property: unknown = descriptor.value;
    if (descriptor.get) {
      try {
        property = descriptor.get.call(value);
      } catch {
        continue;
      }
    }
    collectShown(property, depth - 1, seen, out, renderCustom);
  }
}

const CREDENTIAL_HEADERS = new Set(["x-auth-token", "x-subject-token", "x-storage-token", "authorization"]);

/**
 * Watches a credential header's value (`X-Auth-Token`, `X-Subject-Token`, `X-Storage-Token`,
 * `Authorization` — for Basic, the password inside it too); other headers are ignored.
 */
export function learnCredentialHeader(name: string, value: string): void {
  const lower = name.toLowerCase();
  if (!CREDENTIAL_HEADERS.has(lower)) return;
  const [scheme, rest] = value.split(" ", 2);
  if (lower === "authorization" && scheme?.toLowerCase() === "basic" && rest) {
    registerTestSecret(rest);
    try {
      const decoded = atob(rest);
      registerTestSecret(decoded.slice(decoded.indexOf(":") + 1));
    } catch {
      // not base64: the whole value is watched already
    }
    return;
  }
  registerTestSecret(lower === "authorization" && rest ? rest : value);
}
