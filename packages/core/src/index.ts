/**
 * @packageDocumentation
 * Transport-agnostic core of the cloud-images SDK: Glance v2 operations, typed errors,
 * pagination and JSON patch. Runtime packages (`@cloud-images/node`, `@cloud-images/browser`)
 * supply the transport.
 */
export * from "./errors/index.js";
export * from "./transport/index.js";
export { ImageClient, type ImageClientConfig } from "./client.js";
export { tokenAuth, serviceHttpClient, DEFAULT_TIMEOUT_MS, type ServiceClientConfig } from "./http/service-client-config.js";
export {
  HttpClient,
  type CallOptions,
  type AuthProvider,
  type OperationRequest,
  type HttpClientConfig,
  type CallResult,
} from "./http/http-client.js";
export { normalizeEndpoint, pathSegment } from "./http/endpoint.js";
export { encodeQuery, type QueryEntries } from "./http/query.js";
export { redactUrl, safeHeaders } from "./http/redact.js";
export { parseErrorMessage } from "./http/error-body.js";
export { ImagesApi, imagePath, announcedImportMethods, announcedStoreIds, type CreateImageInput, type ImagePage } from "./images/images-api.js";
export {
  listImagesQueryEntries,
  type ListImagesQuery,
  type InFilter,
  type DateFilter,
  type DateValue,
  type CompareOperator,
  type SortCriterion,
} from "./images/list-query.js";
export * from "./images/enums.js";
export { VersionsApi, type ApiVersion } from "./versions/versions-api.js";
export { paginate, markerFromNextLink, type Page, type PageIterator } from "./pagination/paginator.js";
export { computeImagePatch } from "./patch/compute-patch.js";
export { escapePointerToken, unescapePointerToken, propertyPointer } from "./patch/json-pointer.js";
export { IMAGE_PATCH_MEDIA_TYPE, type ImagePatchOperation } from "./patch/patch-operation.js";
export { InputChecker, type InputPath } from "./validation/checker.js";
export * from "./schemas/image-v2.js";
export * from "./retry/index.js";
export * from "./waiters/index.js";
export * from "./members/index.js";
export * from "./tasks/index.js";
export * from "./schemas-api/index.js";
export * from "./hashing/index.js";
export * from "./data/index.js";
export * from "./imports/index.js";
export * from "./identity/index.js";
export * from "./schemas/identity.js";
export * from "./schemas/identity-rackspace.js";
export * from "./schemas/object-store.js";
export * from "./compute/index.js";
