/**
 * Sets `key` on a record as an own data property, `__proto__` included (plain assignment would
 * go through the `__proto__` accessor and drop that key). The emulator has no runtime
 * dependencies, so it keeps this one-liner rather than importing the SDK's own.
 */
export function defineKey(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
