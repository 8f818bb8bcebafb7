import type {} from "./vitest-context.js";
/**
 * `@cloud-images/test-servers`: starts and stops REAL servers for integration tests and
 * benchmarks — Debian's Glance 25.1 and a loopback HTTP source server for imports.
 * Private and never built: consumed from source by vitest and tsx.
 *
 * @packageDocumentation
 */
export { ensureDebianPackages, ensurePolicyRcD, isDebianPackageInstalled } from "./apt.js";
export {
  ADMIN_HEADERS,
  ADMIN_PROJECT,
  GLANCE_DEBIAN_PACKAGE,
  PROJECT_A,
  PROJECT_B,
  getFreePort,
  startGlance,
  trustedAuthHeaders,
  type GlanceFlavor,
  type GlanceServer,
  type StartGlanceOptions,
  type TrustedAuthIdentity,
} from "./glance.js";
export {
  directorySource,
  startSourceServer,
  type SourceContent,
  type SourceResolver,
  type SourceServer,
  type SourceServerOptions,
} from "./source-server.js";
export {
  KEYSTONE_DEBIAN_PACKAGES,
  startKeystone,
  type KeystoneAnswer,
  type KeystoneApplicationCredential,
  type KeystoneDemo,
  type KeystoneProject,
  type KeystoneServer,
  type KeystoneUser,
  type StartKeystoneOptions,
} from "./keystone.js";
export { retryAfterDate, retryAfterSeconds, startFaultProxy, type Fault, type ShortUploadFraming, type FaultMatch, type FaultProxy, type FaultProxyOptions, type FaultRule, type InjectedFaultRule, type ProxiedRequest } from "./fault-proxy.js";
export { FIXTURE_SECRETS, MIN_SECRET_LENGTH, learnCredentialHeader, maskSecret, registerTestSecret, secretsIn, secretsShownBy, testSecretCount } from "./test-secrets.js";
