import { IMAGE_FIELD_NAMES } from "../validation/images.js";
import { propertyPointer } from "./json-pointer.js";
import type { ImagePatchOperation } from "./patch-operation.js";

/**
 * The image's base (schema-defined) attributes, read from the image schema generated from the
 * spec; every other name is a custom property.
 */
const BASE_ATTRIBUTES: ReadonlySet<string> = new Set(IMAGE_FIELD_NAMES);

/**
 * Computes the JSON-patch operations that turn `current` into an image with the `desired`
 * attributes. Only keys present in `desired` are touched:
 * - a value equal to the current one gives no operation;
 * - a new key gives `add`, a changed one `replace`;
 * - `null` removes a custom property (and sets a nullable base attribute such as `name` to null).
 * Names are escaped as RFC 6901 requires (`~` → `~0`, `/` → `~1`).
 */
export function computeImagePatch(
  current: Readonly<Record<string, unknown>>,
  desired: Readonly<Record<string, unknown>>,
): ImagePatchOperation[] {
  const ops: ImagePatchOperation[] = [];
  for (const [name, value] of Object.entries(desired)) {
    if (value === undefined) continue;
    const path = propertyPointer(name);
    const present = Object.prototype.hasOwnProperty.call(current, name);
    if (value === null && !BASE_ATTRIBUTES.has(name)) {
      if (present) ops.push({ op: "remove", path });
      continue;
    }
    if (present && sameValue(current[name], value)) continue;
    ops.push(present ? { op: "replace", path, value } : { op: "add", path, value });
  }
  return ops;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  return a === b;
}
