import { parseArgs } from "node:util";
import { startEmulator } from "./index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8900" },
    host: { type: "string", default: "127.0.0.1" },
    "data-dir": { type: "string" },
    mode: { type: "string", default: "rackspace" },
    "token-lifetime": { type: "string" },
    latency: { type: "string" },
    "job-duration": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(`cloud-images-emulator: a local Rackspace-flavoured cloud

  --port N             TCP port (default 8900; 0 for any)
  --host ADDR          address to listen on (default 127.0.0.1)
  --data-dir DIR       keep state there across restarts (default: a temporary folder)
  --mode M             rackspace (default) or glance
  --token-lifetime S   token lifetime in seconds (default 86400)
  --latency MS         added to every response
  --job-duration MS    time tasks and snapshots take (default 1500)`);
  process.exit(0);
}

if (values.mode !== "rackspace" && values.mode !== "glance") {
  console.error(`--mode must be rackspace or glance, got ${values.mode}`);
  process.exit(2);
}
const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  mode: values.mode,
  ...(values["data-dir"] ? { dataDir: values["data-dir"] } : {}),
  ...(values["token-lifetime"] ? { tokenLifetimeSeconds: Number(values["token-lifetime"]) } : {}),
  ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
  ...(values["job-duration"] ? { jobDurationMs: Number(values["job-duration"]) } : {}),
});
console.log(`cloud-images emulator (${emulator.mode} mode) listening on ${emulator.url}`);
console.log(`  identity: POST ${emulator.identityUrl}/tokens`);
console.log(`  data:     ${emulator.dataDir}`);
for (const u of emulator.users) console.log(`  user ${u.username} / api key ${u.apiKey} / password ${u.password} (tenant ${u.tenantId}, ${u.defaultRegion})`);
const shutdown = (): void => {
  void emulator.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
