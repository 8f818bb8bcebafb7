/** `cloud-images emulator start`: serves the local emulator (the data folder of `--local`) until Ctrl-C. */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { localDataDir, SERVED_FILE, type ServedEmulator } from "../connect.js";
import type { Run } from "../run-types.js";

/** Serves the emulator; while it runs, `--local` commands on the same data folder use it. */
export async function start(run: Run): Promise<void> {
  const { startEmulator } = await import("@cloud-images/emulator");
  const dataDir = localDataDir(run.globals);
  const emulator = await startEmulator({
    dataDir,
    port: run.opts.port as number,
    host: String(run.opts.host),
    mode: run.opts.mode as "glance" | "rackspace",
    ...(run.opts.jobDuration !== undefined ? { jobDurationMs: run.opts.jobDuration as number } : {}),
  });
  const served: ServedEmulator = { url: emulator.url, pid: process.pid, users: emulator.users.map((u) => ({ username: u.username, apiKey: u.apiKey, tenantId: u.tenantId })) };
  const file = path.join(dataDir, SERVED_FILE);
  writeFileSync(file, `${JSON.stringify(served)}\n`);
  const lines = [
    `cloud-images emulator (${emulator.mode} mode) listening on ${emulator.url}`,
    `  identity: ${emulator.identityUrl} (POST /tokens)`,
    `  data:     ${dataDir}`,
    ...emulator.users.map((u) => `  user ${u.username}: api key ${u.apiKey}, tenant ${u.tenantId}, default region ${u.defaultRegion}`),
    `  try:      cloud-images --local image list   (or: --os-auth-type rackspace_apikey --os-auth-url ${emulator.identityUrl} --os-username demo --os-api-key …)`,
  ];
  run.print(`${lines.join("\n")}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    run.signal.addEventListener("abort", stop, { once: true });
  });
  rmSync(file, { force: true });
  await emulator.stop();
}
