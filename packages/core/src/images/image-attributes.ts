import type { InputChecker, InputPath } from "../validation/checker.js";
import {
  CONTAINER_FORMATS,
  DISK_FORMATS,
  MAX_TAG_LENGTH,
  READ_ONLY_IMAGE_ATTRIBUTES,
  VISIBILITIES,
} from "./enums.js";

/** Base attributes a caller may set, with their checks. Everything else is a custom property. */
const WRITABLE_BASE: Record<string, (check: InputChecker, path: InputPath, value: unknown) => void> = {
  id: (c, p, v) => c.uuid(p, v),
  name: (c, p, v) => v === null || c.string(p, v, { min: 0, max: 255 }),
  disk_format: (c, p, v) => v === null || c.oneOf(p, v, DISK_FORMATS),
  container_format: (c, p, v) => v === null || c.oneOf(p, v, CONTAINER_FORMATS),
  visibility: (c, p, v) => c.oneOf(p, v, VISIBILITIES),
  protected: (c, p, v) => c.boolean(p, v),
  os_hidden: (c, p, v) => c.boolean(p, v),
  min_disk: (c, p, v) => c.integer(p, v, { min: 0 }),
  min_ram: (c, p, v) => c.integer(p, v, { min: 0 }),
  owner: (c, p, v) => v === null || c.string(p, v, { max: 255 }),
  tags: (c, p, v) => checkTags(c, p, v),
  locations: () => undefined,
};

/** Whether `name` is a base (schema-defined) image attribute rather than a custom property. */
export function isBaseAttribute(name: string): boolean {
  return name in WRITABLE_BASE || (READ_ONLY_IMAGE_ATTRIBUTES as readonly string[]).includes(name);
}

/** Checks a list of tags: strings of 1..255 characters. */
export function checkTags(check: InputChecker, path: InputPath, value: unknown): void {
  if (!Array.isArray(value)) {
    check.fail(path, "must be an array of strings");
    return;
  }
  value.forEach((tag, i) => check.string([...path, i], tag, { max: MAX_TAG_LENGTH }));
}

/**
 * Checks one attribute the caller wants to set: read-only attributes are refused, base
 * attributes are checked against their type, custom properties must be strings (Glance stores
 * every custom property as a string) with a name of at most 255 characters.
 */
export function checkImageAttribute(
  check: InputChecker,
  path: InputPath,
  name: string,
  value: unknown,
  mode: "create" | "update",
): void {
  if ((READ_ONLY_IMAGE_ATTRIBUTES as readonly string[]).includes(name)) {
    check.fail(path, `\`${name}\` is read-only: the server sets it`);
    return;
  }
  if (mode === "update" && name === "id") {
    check.fail(path, "`id` cannot change after creation");
    return;
  }
  // Own keys only: a property named like an Object.prototype member ("valueOf") is a custom property.
  const base = Object.prototype.hasOwnProperty.call(WRITABLE_BASE, name) ? WRITABLE_BASE[name] : undefined;
  if (base) {
    base(check, path, value);
    return;
  }
  if (name.length === 0 || name.length > 255) check.fail(path, "custom property names must be 1..255 characters long");
  if (typeof value !== "string") {
    check.fail(path, `custom property \`${name}\` must be a string (Glance stores custom properties as strings), got ${typeof value}`);
  } else if (value.length > 65535) {
    check.fail(path, "custom property values must be at most 65535 characters long");
  }
}

/** Names of the base attributes a caller may set on create. */
export const WRITABLE_BASE_ATTRIBUTES: readonly string[] = Object.keys(WRITABLE_BASE);

/** The known attribute closest to a misspelt name (at most 2 edits away), for "did you mean". */
export function closestAttribute(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of [...WRITABLE_BASE_ATTRIBUTES, ...READ_ONLY_IMAGE_ATTRIBUTES, "properties"]) {
    const d = editDistance(name.toLowerCase(), known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/** Damerau–Levenshtein distance (adjacent swaps count one edit: `fromat` → `format`). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
