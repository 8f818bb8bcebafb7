/** Query parameters in order; a name may repeat (`tag=a&tag=b`). */
export type QueryEntries = ReadonlyArray<readonly [name: string, value: string]>;

/** Serializes query entries; spaces as `%20` so every server decodes them alike. */
export function encodeQuery(entries: QueryEntries): string {
  if (entries.length === 0) return "";
  return (
    "?" +
    entries.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&")
  );
}
