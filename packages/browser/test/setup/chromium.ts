import { ensureDebianPackages } from "@cloud-images/test-servers";

/** Debian's Chromium package: `/usr/bin/chromium`, the only browser the tests launch (never a downloaded one). */
export const CHROMIUM_DEBIAN_PACKAGE = "chromium";

/**
 * Installs Debian's Chromium when it is missing (apt-get, as for Glance and Keystone), so that a
 * fresh machine runs the browser tests instead of failing on a missing `/usr/bin/chromium`.
 */
export async function ensureChromium(): Promise<void> {
  await ensureDebianPackages([CHROMIUM_DEBIAN_PACKAGE]);
}

/** vitest `globalSetup` of the `browser-e2e` project: Chromium installed before any test launches it. */
export default async function setup(): Promise<void> {
  await ensureChromium();
}
