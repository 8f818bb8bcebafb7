import { ValidationError } from "../errors/validation-error.js";
import { redactUrl } from "../errors/redact.js";

/** A checked service endpoint: the URL to send requests to, and the credentials it held. */
export interface CheckedEndpoint {
  /** The endpoint without user-info, as given otherwise. */
  readonly url: string;
  /** `Basic …` credentials from the URL's user-info (`http://user:pw@host`), if any. */
  readonly authorization: string | undefined;
}

/**
 * Checks a service endpoint given by the caller: an absolute `http:` or `https:` URL with a
 * host and no query or fragment. User-info is taken out of the URL and returned as Basic
 * credentials, so that it is sent as a header and never shown with the endpoint.
 *
 * @param operation - names the call in the error, e.g. `createClient`.
 * @param path - where the value sits in the caller's input (default `["endpoint"]`).
 * @throws ValidationError (showing the endpoint redacted) for anything else.
 */
export function checkEndpointUrl(operation: string, value: unknown, path: readonly (string | number)[] = ["endpoint"]): CheckedEndpoint {
  const fail = (message: string): never => {
    throw new ValidationError(operation, [{ path, message }]);
  };
  if (typeof value !== "string") return fail(`must be an http(s) URL string, got ${value === null ? "null" : typeof value}`);
  const shown = JSON.stringify(redactUrl(value).slice(0, 200));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`must be an absolute http(s) URL, got ${shown}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") fail(`must use http or https, got ${shown}`);
  if (url.hostname === "") fail(`must name a host, got ${shown}`);
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(value)) fail(`must not have a query or fragment, got ${shown}`);
  if (url.username === "" && url.password === "") return { url: value, authorization: undefined };
  const authorization = basicAuthorization(url);
  if (authorization === undefined) fail(`has user-info that is not valid percent-encoding, got ${shown}`);
  url.username = "";
  url.password = "";
  return { url: url.toString(), authorization };
}

/**
 * The `Authorization: Basic …` value of a URL's user-info (percent-decoded, UTF-8), or
 * `undefined` when its percent-encoding is broken. Internal: shared by the transports.
 */
export function basicAuthorization(url: URL): string | undefined {
  let pair: string;
  try {
    pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    return undefined;
  }
  let binary = "";
  for (const byte of new TextEncoder().encode(pair)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
