/** The request headers, with the URL's user-info as Basic credentials unless `authorization` is set. */
export function withUserinfo(url: URL, headers: Readonly<Record<string, string>>): Record<string, string> {
  if ((url.username === "" && url.password === "") || "authorization" in headers) return headers as Record<string, string>;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { ...headers, authorization: `Basic ${Buffer.from(pair, "utf8").toString("base64")}` };
}
