/**
 * Escapes one JSON pointer reference token (RFC 6901): `~` becomes `~0`, `/` becomes `~1`.
 */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Reverses {@link escapePointerToken}. */
export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The JSON pointer of a top-level image property, e.g. `a/b~c` → `/a~1b~0c`. */
export function propertyPointer(name: string): string {
  return `/${escapePointerToken(name)}`;
}
