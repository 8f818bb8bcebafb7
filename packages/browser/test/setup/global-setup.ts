import type {} from "./browser-context.js";
import type { TestProject } from "vitest/node";
import { startGlance, startKeystone, type GlanceServer, type KeystoneServer } from "@cloud-images/test-servers";
import { startThrottleProxy, type ThrottleProxy } from "./throttle-proxy.js";
import { ensureChromium } from "./chromium.js";
import { bundleConsole, startStaticServer, type StaticServer } from "../e2e/harness.js";

/**
 * vitest `globalSetup` of the `browser` project: a REAL Keystone and a Glance behind it (the
 * `keystone` paste flavor), both answering CORS for the origin the test page is served from
 * (`test.browser.api` host and port), two projects with a member each, an application
 * credential, and Glance registered in the catalog; Debian's Chromium installed when missing.
 * Never skipped: a failure fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const api = project.config.browser.api;
  const origin = `http://${String(api.host)}:${String(api.port)}`;
  // Installed before the servers start: vitest launches it once this setup has returned.
  await ensureChromium();
  // The image console, bundled and served from a second origin that CORS allows too (a page of
  // the test server would have Vitest's module runner rewrite its dynamic imports).
  const consoleSite: StaticServer = await startStaticServer();
  consoleSite.serve(await bundleConsole("console-glance-dist"));
  let keystone: KeystoneServer | undefined;
  let glanceStarting: Promise<GlanceServer> | undefined;
  let glance: GlanceServer | undefined;
  let throttled: ThrottleProxy | undefined;
  try {
    keystone = await startKeystone({ corsOrigins: [origin, consoleSite.origin] });
    const ks = keystone;
    glanceStarting = ks.glanceAuthtoken().then((settings) => startGlance({ flavor: "keystone", keystone: settings, corsOrigins: [origin, consoleSite.origin] }));
    glanceStarting.catch(() => undefined); // awaited below
    const demo = await ks.setupDemo();
    glance = await glanceStarting;
    await ks.registerService({ type: "image", name: "glance", url: glance.url });
    project.provide("browserOrigin", origin);
    project.provide("consoleOrigin", consoleSite.origin);
    project.provide("keystoneAuthUrl", ks.authUrl);
    project.provide("keystoneRegion", ks.region);
    project.provide("keystoneGlanceUrl", glance.url);
    // The same Glance with uploads slowed to 16 MB/s, for aborting an upload midway.
    throttled = await startThrottleProxy(glance.url, 16_000_000);
    project.provide("throttledGlanceUrl", throttled.url);
    project.provide("browserAccounts", {
      a: { userId: demo.userA.id, username: demo.userA.name, password: demo.userA.password, projectId: demo.projectA.id, projectName: demo.projectA.name },
      b: { userId: demo.userB.id, username: demo.userB.name, password: demo.userB.password, projectId: demo.projectB.id, projectName: demo.projectB.name },
      appCredA: { id: demo.appCredA.id, name: demo.appCredA.name, secret: demo.appCredA.secret },
    });
  } catch (error) {
    await glanceStarting?.then((g) => g.stop()).catch(() => undefined);
    await keystone?.stop();
    await consoleSite.stop();
    throw new Error(`browser tests: could not start Keystone and Glance with CORS for the test page: ${(error as Error).message}`, { cause: error });
  }
  return async () => {
    await consoleSite.stop();
    await throttled?.stop();
    await glance?.stop();
    await keystone?.stop();
  };
}
