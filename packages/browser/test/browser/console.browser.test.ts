import type {} from "../setup/browser-commands.js";
import { afterAll, expect, inject, it } from "vitest";
import { commands } from "vitest/browser";
import { learnCredentialHeader, maskSecret, secretsIn } from "@cloud-images/test-servers/secrets-registry";
import { clientFor } from "./clients.js";

const name = `console-glance-${crypto.randomUUID().slice(0, 8)}`;

afterAll(async () => {
  const alice = clientFor("a");
  for await (const image of alice.images.listAll({ name })) await alice.images.delete(image.id);
});

it("the image console works against real Keystone and Glance: sign in, upload with progress, filter, verified download, share", async () => {
  const a = inject("browserAccounts").a;
  const b = inject("browserAccounts").b;
  const outcome = await commands.driveConsole({
    origin: inject("consoleOrigin"),
    authUrl: inject("keystoneAuthUrl"),
    username: a.username,
    password: a.password,
    project: a.projectName,
    region: inject("keystoneRegion"),
    shareWith: b.projectId,
    name,
  });
  expect(outcome.uploadStatus).toMatch(/active, verified \(os_hash\)/);
  expect(outcome.uploadProgress).toBe(1);
  expect(outcome.rows).toEqual([name]);
  expect(outcome.downloadStatus).toMatch(/^verified \(sha512\)/);
  expect(outcome.shareStatus).toContain(`shared with ${b.projectId}`);
  expect(outcome.members).toContain(`${b.projectId} — pending`);
  expect(outcome.storedItems).toBe(0);
  expect(outcome.pageErrors).toEqual([]);
  // The page's secrets check for the console's own tab (driven from Node): nothing it logged or
  // threw shows a password, secret or token it used.
  for (const [name, value] of outcome.credentials) learnCredentialHeader(name, value);
  expect(outcome.credentials.length).toBeGreaterThan(0);
  expect([...outcome.consoleLines, ...outcome.pageErrors].flatMap((line) => secretsIn(line).map(maskSecret))).toEqual([]);
});
