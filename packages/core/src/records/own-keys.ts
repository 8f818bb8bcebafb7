/**
 * Sets `key` on `target` as an own, enumerable data property, whatever the key is.
 *
 * Plain assignment (`target[key] = value`) and `Object.assign` go through the `__proto__`
 * accessor for that one key: a custom property, filter or config key named `__proto__` would
 * silently vanish (or replace the object's prototype). Custom property names are the caller's or
 * the server's, so every record built from them is built with this.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Copies the own enumerable string-keyed entries of `source` onto `target` with {@link setOwn} (an `Object.assign` that keeps `__proto__`). */
export function assignOwn(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(source)) setOwn(target, key, value);
}

/**
 * `record[key]` when `key` is the record's own property, else `undefined`: a name such as
 * `constructor` or `toString` reads the record's entry, never a member of `Object.prototype`.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
