export { ImportsApi, type ImportMethod, type StoreTargets } from "./imports-api.js";
export { uploadImage, type UploadImageRequest, type UploadImageResult, type UploadMethod } from "./upload-image.js";
export { type WaitForActiveOptions, storeList } from "./wait-for-active.js";
export { ImportFailedError, WaitTimeoutError } from "./errors.js";
