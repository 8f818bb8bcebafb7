export { nodeHashFactory } from "./node-hash-factory.js";
export { NodeFileData, type DownloadToFileOptions } from "./file-data.js";
