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
  const base = WRITABLE_BASE[name];
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
