import type { InputChecker } from "../validation/checker.js";

/** One JSON-patch operation on an image (media type `application/openstack-images-v2.1-json-patch`). */
export type ImagePatchOperation =
  | { readonly op: "add"; readonly path: string; readonly value: unknown }
  | { readonly op: "replace"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string };

/** The media type of Glance's image JSON patch. */
export const IMAGE_PATCH_MEDIA_TYPE = "application/openstack-images-v2.1-json-patch";

/** Checks the shape of patch operations (op, path, value presence). */
export function checkPatchShape(check: InputChecker, operations: unknown): operations is readonly ImagePatchOperation[] {
  if (!Array.isArray(operations) || operations.length === 0) {
    check.fail([], "needs a non-empty array of patch operations");
    return false;
  }
  let ok = true;
  operations.forEach((operation: unknown, i) => {
    const o = operation as { op?: unknown; path?: unknown; value?: unknown } | null;
    if (typeof o !== "object" || o === null) {
      check.fail([i], "must be an object { op, path, value? }");
      ok = false;
      return;
    }
    check.oneOf([i, "op"], o.op, ["add", "replace", "remove"]);
    if (typeof o.path !== "string" || !o.path.startsWith("/") || o.path.length < 2) {
      check.fail([i, "path"], `must be a JSON pointer like "/name", got ${JSON.stringify(o.path)}`);
      ok = false;
    }
    if ((o.op === "add" || o.op === "replace") && !("value" in o)) {
      check.fail([i, "value"], `is required for "${String(o.op)}"`);
      ok = false;
    }
  });
  return ok;
}
