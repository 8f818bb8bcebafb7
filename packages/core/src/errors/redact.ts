const SECRET_PARAM = /token|sig|signature|secret|password|passwd|credential|api[-_]?key|^key$/i;

/**
 * Returns the URL with user-info and secret-looking query parameters (tokens, signatures,
 * keys, passwords) replaced by `REDACTED`, safe to put into an error or a log line.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//REDACTED@");
  }
  if (parsed.username || parsed.password) {
    parsed.username = "REDACTED";
    parsed.password = "";
  }
  let changed = false;
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_PARAM.test(name)) {
      parsed.searchParams.set(name, "REDACTED");
      changed = true;
    }
  }
  return changed || parsed.username ? parsed.toString() : url;
}

const SECRET_HEADER = /^(x-auth-token|x-subject-token|authorization|proxy-authorization|cookie|set-cookie|x-auth-key|x-storage-token|x-service-token)$/i;

/** Copies headers, dropping every header that can carry a credential. */
export function safeHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
