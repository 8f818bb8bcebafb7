export { nodeHashFactory } from "./node-hash-factory.js";
export { createWorkerHashFactory, type WorkerHashFactory, type WorkerHashOptions } from "./worker-hash-factory.js";
export { NodeFileData, type DownloadToFileOptions } from "./file-data.js";
