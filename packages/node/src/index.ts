/**
 * @packageDocumentation
 * The cloud-images SDK for Node.js: everything from `@cloud-images/core`, plus the undici
 * transport and a `createClient` that uses it.
 */
export * from "@cloud-images/core";
export { createClient, NodeImageClient, type NodeClientOptions } from "./create-client.js";
export {
  createComputeClient,
  createLegacyComputeClient,
  NodeComputeClient,
  NodeLegacyComputeClient,
  RACKSPACE_COMPUTE_SERVICE,
  RACKSPACE_LEGACY_COMPUTE_SERVICE,
  type NodeComputeClientOptions,
} from "./create-compute-client.js";
export { createCloud, Cloud, type CloudOptions, type PerService } from "./create-cloud.js";
export type { NodeServiceOptions } from "./service-setup.js";
export {
  createUndiciTransport,
  type UndiciTransport,
  type UndiciTransportOptions,
} from "./transport/undici-transport.js";
export {
  nodeHashFactory,
  createWorkerHashFactory,
  NodeImageDataApi,
  type NodeUploadSource,
  type DownloadToFileOptions,
  type WorkerHashFactory,
  type WorkerHashOptions,
} from "./data/index.js";
export {
  CloudConfig,
  PROFILES,
  cloudConfigFromRaw,
  type Plain,
  cloudFromEnv,
  cloudsYamlCandidates,
  createConfiguredDispatcher,
  loadCloudConfig,
  proxyFromEnv,
  secureYamlCandidates,
  type AuthType,
  type ConfigSources,
  type DispatcherConfig,
  type LoadCloudOptions,
} from "./config/index.js";
