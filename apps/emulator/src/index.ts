/**
 * A local Rackspace-flavoured cloud for your tests: Rackspace identity v2.0, Cloud Images
 * (Rackspace or upstream Glance flavour), Cloud Files, Cloud Servers next-gen and v1.0, in one
 * in-process HTTP server on loopback, with seeded data and fault injection. Start it with
 * {@link startEmulator}; see the package README for a vitest example.
 *
 * @packageDocumentation
 */
import "./services.js";
export { startEmulator, type Emulator } from "./server.js";
export type { EmulatorStats } from "./identity.js";
export { filesAccount, serviceCatalog } from "./identity.js";
export type { FaultInjector, FaultSpec, FaultMatch, InjectedFault } from "./faults.js";
export { RACKSPACE_OWNER, seededData, type EmulatorSeed, type SeededDataOptions, type SeededImage, type SeededServer } from "./seeds.js";
export { DEFAULT_USERS, REGIONS, type EmulatorOptions, type EmulatorUser, type Region, type ResponseRecord } from "./types.js";
