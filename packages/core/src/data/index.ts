export { ImageDataApi, type ImageDataApiFactory, type ImageDataDeps, type PrepareSourceOptions } from "./image-data-api.js";
export { type UploadOptions, type UploadResult } from "./upload.js";
export { readsIntoCallerBuffers, type DownloadOptions, type DownloadResult, type DownloadedBytes, type ImageDownload } from "./download.js";
export { parseContentRange } from "./range.js";
export { ChecksumMismatchError, DownloadAlreadyReadError, IncompleteDataError, NoImageDataError, UploadSourceError } from "./errors.js";
export { isUploadSource, knownSize, type PreparedSource, type UploadSource, type TransferProgress, type ProgressCallback } from "./upload-source.js";
export { verifyAgainstImage, type Verification, type Digests } from "./verify.js";
