export { autoHashFactory, WORKER_HASH_MIN_BYTES } from "./auto-hash-factory.js";
export { nodeHashFactory } from "./node-hash-factory.js";
export { createWorkerHashFactory, defaultHashWorkers, type WorkerHashFactory, type WorkerHashOptions } from "./worker-hash-factory.js";
export { NodeImageDataApi } from "./node-data-api.js";
export { type NodeUploadSource } from "./node-source.js";
export { type DownloadToFileOptions } from "./download-to-file.js";
