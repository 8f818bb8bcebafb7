export {
  CloudConfig,
  PROFILES,
  cloudConfigFromRaw,
  cloudFromEnv,
  cloudsYamlCandidates,
  deepMerge,
  loadCloudConfig,
  secureYamlCandidates,
  type AuthType,
  type ConfigSources,
  type LoadCloudOptions,
} from "./clouds.js";
export {
  createConfiguredDispatcher,
  proxyFromEnv,
  type DispatcherConfig,
} from "./dispatcher.js";
