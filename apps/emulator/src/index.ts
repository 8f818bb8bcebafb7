/**
 * @packageDocumentation
 * A local Rackspace-flavoured cloud: identity v2.0, Cloud Images, Cloud Files, Cloud Servers
 * next-gen and v1.0, in one in-process HTTP server. Start it with {@link startEmulator}.
 */
import "./services.js";
export { startEmulator, type Emulator } from "./server.js";
export type { EmulatorStats } from "./identity.js";
export { filesAccount, serviceCatalog } from "./identity.js";
export type { FaultInjector, FaultSpec, FaultMatch, InjectedFault } from "./faults.js";
export { DEFAULT_USERS, REGIONS, type EmulatorOptions, type EmulatorUser, type Region, type ResponseRecord } from "./types.js";
