import { setOwn } from "@cloud-images/core/internal";

/**
 * Shows `info` on a pyrax resource, as pyrax's `_add_details` does: each attribute an own
 * property (`__proto__` included), and the whole answer, as returned, at `_info`.
 *
 * An attribute named like one of the class's members (`get`, `delete`, `manager`, `toString`…)
 * is not copied, so the member keeps working (plain assignment would throw on a getter such as
 * `manager`, or hide a method); its value is read from `_info`. Own attributes of an earlier
 * answer are replaced.
 */
export function addDetails(target: object, info: Readonly<Record<string, unknown>>): void {
  const record = target as Record<string, unknown>;
  const members = Object.getPrototypeOf(target) as object;
  for (const [key, value] of Object.entries(info)) {
    if (key !== "__proto__" && !Object.hasOwn(target, key) && key in members) continue;
    setOwn(record, key, value);
  }
  Object.defineProperty(target, "_info", { value: info, enumerable: false, writable: true, configurable: true });
}
