// The openstacksdk image guide (see support/openstacksdk-guide.ts) against the real Glance of
// the integ project (trusted-auth headers for projects A and B and the admin).
import { createClient } from "@cloud-images/node";
import { ADMIN_HEADERS, ADMIN_PROJECT, PROJECT_A, PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { Connection } from "../src/openstacksdk/index.js";
import { imageProxyGuide, type Who } from "./support/openstacksdk-guide.js";

const headersFor = (who: Who): Record<string, string> =>
  who === "admin" ? { ...ADMIN_HEADERS } : trustedAuthHeaders({ project: who === "a" ? PROJECT_A : PROJECT_B });

imageProxyGuide({
  name: "real Glance",
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  connect: (who) => new Connection({ session: createClient({ endpoint: inject("glanceUrl"), headers: headersFor(who) }) }),
  projectId: (who) => (who === "a" ? PROJECT_A : who === "b" ? PROJECT_B : ADMIN_PROJECT),
  serve: (name, bytes) => {
    writeFileSync(path.join(inject("sourceDir"), name), bytes);
    return Promise.resolve(`${inject("sourceServerUrl")}/${name}`);
  },
});
