import type {} from "./vitest-keystone-context.js";
import type { TestProject } from "vitest/node";
import { startGlance, type GlanceServer } from "./glance.js";
import { startKeystone, type KeystoneServer } from "./keystone.js";

/**
 * vitest `globalSetup` for a project whose tests authenticate through a REAL Keystone: starts
 * one Keystone (~5 s) and one Glance with the `keystone` paste flavor (~5 s), creates two
 * projects with a member each and an application credential, registers Glance in the catalog,
 * and provides `keystoneAuthUrl`, `keystoneGlanceUrl` and `keystoneAccounts` (see
 * vitest-keystone-context.d.ts). Meant for a separate vitest project (e.g. `integ-keystone`) so
 * the other integration files do not pay for it. Never skipped: a failure fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let keystone: KeystoneServer | undefined;
  let glance: GlanceServer | undefined;
  try {
    keystone = await startKeystone();
    const demo = await keystone.setupDemo();
    glance = await startGlance({ flavor: "keystone", keystone: await keystone.glanceAuthtoken() });
    await keystone.registerService({ type: "image", name: "glance", url: glance.url });
    project.provide("keystoneAuthUrl", keystone.authUrl);
    project.provide("keystoneGlanceUrl", glance.url);
    project.provide("keystoneAccounts", {
      a: { userId: demo.userA.id, username: demo.userA.name, password: demo.userA.password, projectId: demo.projectA.id },
      b: { userId: demo.userB.id, username: demo.userB.name, password: demo.userB.password, projectId: demo.projectB.id },
      admin: keystone.admin,
      appCredA: { id: demo.appCredA.id, name: demo.appCredA.name, secret: demo.appCredA.secret },
    });
  } catch (error) {
    await glance?.stop();
    await keystone?.stop();
    throw new Error(`could not start Keystone and a Keystone-backed Glance: ${(error as Error).message}`, { cause: error });
  }
  return async () => {
    await glance?.stop();
    await keystone?.stop();
  };
}
