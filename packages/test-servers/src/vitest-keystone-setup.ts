import type {} from "./vitest-keystone-context.js";
import type { TestProject } from "vitest/node";
import { startGlance, type GlanceServer } from "./glance.js";
import { startKeystone, type KeystoneServer } from "./keystone.js";

/**
 * vitest `globalSetup` for a project whose tests authenticate through a REAL Keystone: starts
 * one Keystone (~5 s) and one Glance with the `keystone` paste flavor (~5 s), creates two
 * projects with a member each and an application credential, registers Glance in the catalog,
 * and provides `keystoneAuthUrl`, `keystoneRegion`, `keystoneGlanceUrl` and `keystoneAccounts` (see
 * vitest-keystone-context.d.ts). Meant for a separate vitest project (e.g. `integ-keystone`) so
 * the other integration files do not pay for it. Never skipped: a failure fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let keystone: KeystoneServer | undefined;
  let glance: GlanceServer | undefined;
  let glanceStarting: Promise<GlanceServer> | undefined;
  try {
    keystone = await startKeystone();
    const ks = keystone;
    // Glance (~5 s of python start-up) starts while Keystone gets the demo projects and users.
    glanceStarting = ks.glanceAuthtoken().then((settings) => startGlance({ flavor: "keystone", keystone: settings }));
    glanceStarting.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
    const [demo, adminProjects] = await Promise.all([ks.setupDemo(), ks.request("GET", "/v3/projects?name=admin")]);
    glance = await glanceStarting;
    await ks.registerService({ type: "image", name: "glance", url: glance.url });
    const adminProjectId = (adminProjects.body as { projects?: { id: string }[] } | undefined)?.projects?.[0]?.id;
    if (!adminProjectId) throw new Error(`Keystone has no project "admin": ${adminProjects.status} ${JSON.stringify(adminProjects.body)}`);
    project.provide("keystoneAuthUrl", ks.authUrl);
    project.provide("keystoneRegion", ks.region);
    project.provide("keystoneGlanceUrl", glance.url);
    project.provide("keystoneAccounts", {
      a: { userId: demo.userA.id, username: demo.userA.name, password: demo.userA.password, projectId: demo.projectA.id },
      b: { userId: demo.userB.id, username: demo.userB.name, password: demo.userB.password, projectId: demo.projectB.id },
      admin: { ...ks.admin, projectId: adminProjectId },
      appCredA: { id: demo.appCredA.id, name: demo.appCredA.name, secret: demo.appCredA.secret },
    });
  } catch (error) {
    await glanceStarting?.then((g) => g.stop()).catch(() => undefined);
    await keystone?.stop();
    throw new Error(`could not start Keystone and a Keystone-backed Glance: ${(error as Error).message}`, { cause: error });
  }
  return async () => {
    await glance?.stop();
    await keystone?.stop();
  };
}
