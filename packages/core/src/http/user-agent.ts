/** Version of this SDK, sent in `User-Agent` (kept equal to package.json's by a test). */
export const SDK_VERSION = "0.0.0";

/** A `product/version` token of a `User-Agent`, or free text in parentheses. */
const PRODUCT = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+)?$/;

/**
 * The `User-Agent` of the SDK: `cloud-images/<version>`, then the runtime (`node/20.20.2`, given
 * by the runtime package), then the application's own suffix (`my-app/1.2`).
 */
export function buildUserAgent(runtime: string | undefined, suffix: string | undefined): string {
  return [`cloud-images/${SDK_VERSION}`, runtime, suffix].filter((part) => part !== undefined && part !== "").join(" ");
}

/** Whether `value` is usable as a `User-Agent` suffix (`product/version` tokens separated by spaces). */
export function isUserAgentSuffix(value: string): boolean {
  return value.split(" ").every((token) => PRODUCT.test(token));
}
