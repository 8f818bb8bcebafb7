// Mounts every service on the emulator. Services not built yet answer 501 (after the token check).
import { fault } from "./http.js";
import { registerService } from "./server.js";

for (const prefix of ["images", "files", "servers", "servers-v1"]) {
  registerService(prefix, () => ({
    handle: async () => fault(501, "notImplemented", `The emulator does not serve /${prefix} yet.`),
  }));
}
