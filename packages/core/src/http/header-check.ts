import type { InputChecker } from "../validation/checker.js";

/** RFC 9110 field names: one or more `tchar`s. */
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers whose values are secrets: their problems are reported without the value. */
const SECRET_NAME = /token|authorization|cookie|key|secret|password/i;

/**
 * Why a header value cannot be sent as it is, or `undefined` when it can: CR, LF and NUL would
 * split or end the header (an injected header or request); characters above U+00FF do not fit
 * the Latin-1 octets HTTP/1.1 headers carry.
 */
export function headerValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0d || c === 0x0a) return "contains a line break (CR or LF), which would inject a header";
    if (c === 0x00) return "contains a NUL character";
    if (c < 0x20 && c !== 0x09) return `contains the control character U+${c.toString(16).padStart(4, "0").toUpperCase()}`;
    if (c === 0x7f) return "contains the control character U+007F";
    if (c > 0xff) return `contains a character outside Latin-1 (U+${c.toString(16).padStart(4, "0").toUpperCase()}); percent-encode it`;
  }
  return undefined;
}

/** Records the problems of one header (name and value); secret values are never echoed. */
export function checkHeader(check: InputChecker, path: readonly (string | number)[], name: string, value: unknown): void {
  if (!FIELD_NAME.test(name)) {
    check.fail(path, `${JSON.stringify(name)} is not a valid header name`);
    return;
  }
  if (typeof value !== "string") {
    check.fail([...path, name], `must be a string, got ${value === null ? "null" : typeof value}`);
    return;
  }
  const problem = headerValueProblem(value);
  if (problem !== undefined) check.fail([...path, name], SECRET_NAME.test(name) ? `(value hidden) ${problem}` : problem);
}

/** Records the problems of a set of headers. */
export function checkHeaders(check: InputChecker, path: readonly (string | number)[], headers: Readonly<Record<string, unknown>> | undefined): void {
  if (headers === undefined) return;
  for (const [name, value] of Object.entries(headers)) checkHeader(check, path, name, value);
}
