export { type AuthType } from "./auth-method.js";
export { CloudConfig } from "./cloud-config.js";
export {
  cloudsYamlCandidates,
  deepMerge,
  secureYamlCandidates,
  type ConfigSources,
} from "./config-files.js";
export { cloudFromEnv } from "./env-cloud.js";
export { PROFILES } from "./profiles.js";
export { cloudConfigFromRaw } from "./raw-cloud.js";
export type { Plain } from "./config-files.js";
export { loadCloudConfig, type LoadCloudOptions } from "./clouds.js";
export {
  createConfiguredDispatcher,
  proxyFromEnv,
  type DispatcherConfig,
} from "./dispatcher.js";
