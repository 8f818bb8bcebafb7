export { ImportsApi, type ImportMethod, type ImportParams, type StoreTargets } from "./imports-api.js";
export { uploadImage, type UploadImageApis, type UploadImageRequest, type UploadImageResult, type UploadMethod } from "./upload-image.js";
export { UploadImageError, type UploadImageCleanup } from "./upload-image-error.js";
export { ImportFailedError } from "./errors.js";
export { DEFAULT_IMPORT_CONTAINER, importObjectName, uploadViaTask, type TaskUpload, type TaskUploadApis, type TaskUploadResult } from "./upload-via-task.js";
