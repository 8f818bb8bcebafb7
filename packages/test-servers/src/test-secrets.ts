import { inspect } from "node:util";
import { secretsShownBy as secretsShownWith } from "./secrets-registry.js";

export { FIXTURE_SECRETS, MIN_SECRET_LENGTH, learnCredentialHeader, maskSecret, registerTestSecret, secretsIn, testSecretCount } from "./secrets-registry.js";

/**
 * Every way `value` can be shown — `String()`, `JSON.stringify`, and what `util.inspect` with
 * `showHidden` and `getters` reveals — searched for watched secrets. Returns where each one
 * showed (e.g. `inspect: s3c…(15 chars)`). See `secretsShownBy` in ./secrets-registry.ts; objects
 * with their own `util.inspect.custom` are shown through Node's `util.inspect`.
 */
export function secretsShownBy(value: unknown): string[] {
  return secretsShownWith(value, (v) => inspect(v, { showHidden: true, getters: true, depth: 2 }));
}
