export { BrowserImageDataApi, type DownloadedBlob } from "./browser-data-api.js";
export { isBrowserUploadSource, type BrowserUploadSource, type BrowserUploadImageRequest } from "./browser-source.js";
export { downloadToFile, PARTIAL_SUFFIX, type DownloadTarget, type DirectoryTarget, type DownloadToFileOptions } from "./download-to-file.js";
