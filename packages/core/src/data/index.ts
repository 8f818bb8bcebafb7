export { ImageDataApi, parseContentRange, type UploadOptions, type UploadResult, type DownloadOptions, type DownloadResult, type ImageDownload } from "./image-data-api.js";
export { ChecksumMismatchError, IncompleteDataError, NoImageDataError, UploadSourceError } from "./errors.js";
export { isUploadData, knownSize, type UploadData, type TransferProgress, type ProgressCallback } from "./upload-source.js";
export { verifyAgainstImage, type Verification, type Digests } from "./verify.js";
