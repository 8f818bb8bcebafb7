/**
 * Extracts the server's human message from an OpenStack error body: Glance's JSON
 * (`{code, title, message}`), Keystone's (`{error: {message}}`), Nova's
 * (`{itemNotFound: {message}}`), or the HTML page Glance sends when JSON was not negotiated.
 */
export function parseErrorMessage(body: string, contentType: string | undefined): string | undefined {
  const text = body.trim();
  if (text === "") return undefined;
  if ((contentType ?? "").includes("json") || text.startsWith("{")) {
    try {
      const message = messageFromJson(JSON.parse(text));
      if (message) return clean(message);
    } catch {
      // fall through to text handling
    }
  }
  if ((contentType ?? "").includes("html") || text.startsWith("<")) return fromHtml(text);
  return clean(text.slice(0, 1000));
}

function messageFromJson(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const obj = value as Record<string, unknown>;
  for (const key of ["message", "explanation", "detail", "title"]) {
    if (typeof obj[key] === "string" && obj[key] !== "") return obj[key];
  }
  // One-key wrappers: {"error": {...}}, {"itemNotFound": {...}}, {"badRequest": {...}}
  for (const inner of Object.values(obj)) {
    if (typeof inner === "object" && inner !== null) {
      const found = messageFromJson(inner);
      if (found) return found;
    }
  }
  return undefined;
}

function fromHtml(html: string): string | undefined {
  const withoutHead = html.replace(/<head[\s\S]*?<\/head>/i, "").replace(/<h1[\s\S]*?<\/h1>/i, "");
  const text = clean(withoutHead.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, " "));
  return text === "" ? undefined : text;
}

function clean(message: string): string {
  return decodeEntities(message.replace(/<br\s*\/?>/gi, " "))
    .replace(/\s+/g, " ")
    .trim();
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
