/**
 * @packageDocumentation
 * Transport-agnostic core of the cloud-images SDK: the image, compute and identity clients,
 * typed errors, pagination, waiters and JSON patch. Runtime packages (`@cloud-images/node`,
 * `@cloud-images/browser`) supply the transport.
 *
 * The zod schemas of every API are exported from `@cloud-images/core/schemas`; the building
 * blocks the runtime packages share (HTTP pipeline, input checks, encoders) from
 * `@cloud-images/core/internal`, which is not for applications.
 */

// ── Errors ──────────────────────────────────────────────────────────────────────────────────
export {
  CloudImagesError,
  ValidationError,
  TransportError,
  ConnectionError,
  RequestTimeoutError,
  RequestAbortedError,
  HttpError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  TooManyRequestsError,
  ServerError,
  ServiceUnavailableError,
  ResponseValidationError,
  RequestNotReplayableError,
  type CloudImagesErrorClass,
  type ValidationIssue,
  type RequestDescription,
  type HttpErrorDetails,
} from "./errors/index.js";

// ── Transport (what a custom transport implements) ──────────────────────────────────────────
export {
  createFetchTransport,
  type FetchTransportOptions,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type RequestBody,
} from "./transport/index.js";

// ── The image client and its call options ───────────────────────────────────────────────────
export { ImageClient, type ImageClientConfig } from "./client.js";
// The bare-bones client (images, versions, http) the full one is built on: for bundles that must stay small.
export { ImageServiceClient, type ImageServiceClientConfig } from "./image-service-client.js";
export { type ServiceClientConfig } from "./http/service-client-config.js";
export { type CallOptions, type AuthProvider } from "./http/http-client.js";
// The low-level HTTP layer (`client.http`), for operations the SDK does not wrap.
export type { HttpClient, HttpClientConfig, OperationRequest, CallResult } from "./http/http-client.js";
export type { QueryEntries } from "./http/query.js";
// What `client.http.json()` takes to check an answer: an SDK validator or a zod schema, and the type it gives.
export type { ResponseSchema, Infer as ResponseSchemaOutput } from "./validation/validator.js";
export { type ApiPromise, type WithResponse } from "./http/api-promise.js";
export { type ResponseInfo } from "./http/http-client.js";
export { type RequestHooks, type RequestEvent, type ResponseEvent, type RequestRetryEvent } from "./http/hooks.js";
export { DEFAULT_REQUEST_RETRY, type RequestRetrySettings } from "./http/request-retry.js";
export { MAX_TIMEOUT_MS, MAX_RETRIES_LIMIT } from "./http/call-options.js";
export { DEFAULT_TIMEOUT_MS } from "./http/service-client-config.js";
export { SDK_VERSION } from "./http/user-agent.js";

// ── Images ──────────────────────────────────────────────────────────────────────────────────
export { ImagesApi, announcedImportMethods, announcedStoreIds, type CreateImageInput, type ImagePage } from "./images/images-api.js";
export {
  type ListImagesQuery,
  type InFilter,
  type DateFilter,
  type DateValue,
  type CompareOperator,
  type SortCriterion,
} from "./images/list-query.js";
export {
  IMAGE_STATUSES,
  DISK_FORMATS,
  CONTAINER_FORMATS,
  VISIBILITIES,
  MEMBER_STATUSES,
  IMAGE_SORT_KEYS,
  SORT_DIRECTIONS,
  READ_ONLY_IMAGE_ATTRIBUTES,
  MAX_TAG_LENGTH,
  type ImageStatus,
  type DiskFormat,
  type ContainerFormat,
  type Visibility,
  type MemberStatus,
  type ImageSortKey,
  type SortDirection,
} from "./images/enums.js";
export { VersionsApi, type ApiVersion } from "./versions/versions-api.js";
export { type Page, type PageIterator, type LinkedPage } from "./pagination/paginator.js";
export { computeImagePatch } from "./patch/compute-patch.js";
export { propertyPointer } from "./patch/json-pointer.js";
export { IMAGE_PATCH_MEDIA_TYPE, type ImagePatchOperation } from "./patch/patch-operation.js";

// ── Resource types (their zod schemas: @cloud-images/core/schemas) ───────────────────────────
export type {
  Image,
  ImageList,
  ImageCreateRequest,
  ImagePatch,
  ImageLocation,
  Member,
  MemberList,
  MemberCreateRequest,
  MemberUpdateRequest,
  Task,
  TaskList,
  TaskStatus,
  TaskCreateRequest,
  ImageTask,
  ImageTaskList,
  ImportInfo,
  ImportRequest,
  StoresInfo,
  StoresDetailInfo,
  UsageInfo,
  CachedImageList,
  JsonSchemaDocument,
  ErrorResponse,
  Link,
  Version,
  VersionsDocument,
} from "./schemas/image-v2.js";
export type {
  ComputeImage,
  ComputeImageList,
  ComputeImageResponse,
  ComputeImageStatus,
  ComputeImageSummary,
  ComputeImageSummaryList,
  ComputeFault,
  ComputeLink,
  ImageMetadata,
  ImageMetadataItem,
  ServerSummaryList,
} from "./schemas/compute-v2-images.js";
export type {
  LegacyImageData,
  LegacyImageList,
  LegacyImageResponse,
  LegacyImageStatus,
  LegacyFault,
  LegacyServerList,
} from "./schemas/compute-v1.0.js";
// Wire types of the identity and object-store answers (KeystoneTokenResponse, Rackspace*,
// ObjectStore*, LegacyAuthHeaders) stay behind ./schemas: no public signature takes them.

// ── Retries ─────────────────────────────────────────────────────────────────────────────────
export {
  DEFAULT_RETRY_POLICY,
  DEFAULT_RETRY_BACKOFF,
  NO_RETRY,
  RetryAbortedError,
  type RetryPolicy,
  type BackoffPolicy,
  type RetryEvent,
} from "./retry/index.js";

// ── Waiters──────
export {
  waitFor,
  DEFAULT_WAIT_TIMEOUT_MS,
  DEFAULT_MIN_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  WaiterTimeoutError,
  WaiterAbortedError,
  WaitFailedError,
  ImageWaitFailedError,
  ComputeImageWaitFailedError,
  ImageWaiters,
  ComputeWaiters,
  type WaitForSpec,
  type WaitOptions,
  type WaitProgress,
  type WaiterState,
  type AwaitableImageStatus,
  type WaitForImageOptions,
  type WaitForComputeImageOptions,
  type WaiterSettings,
  type ImageReader,
  type TaskReader,
  type ComputeImageReader,
} from "./waiters/index.js";

// ── Sharing ─────────────────────────────────────────────────────────────────────────────────
export {
  MembersApi,
  SharingForbiddenError,
  NotImageOwnerError,
  NotImageMemberError,
  ImageNotShareableError,
  type AddMemberOptions,
  type UpdateMemberStatusOptions,
  type SharedImagesFilter,
  type SharedImagesPage,
  type ProjectIdSource,
  type SharingRefusalReason,
  type SharingModel,
  type VisibilitySource,
} from "./members/index.js";
// visibilitiesFromImageSchema (members/sharing-model.ts) is in ./internal.

// ── Tasks ───────────────────────────────────────────────────────────────────────────────────
export {
  TasksApi,
  TaskFailedError,
  TASK_STATUSES,
  TASK_TYPES,
  TASK_SORT_KEYS,
  type TaskType,
  type TaskSortKey,
  type ImportTaskInput,
  type ExportTaskInput,
  type CreateTaskInput,
  type ListTasksQuery,
  type TaskPage,
} from "./tasks/index.js";

// ── Schemas API (the server's JSON schemas, not the zod ones) ────────────────────────────────
export { SchemasApi, SCHEMA_NAMES, type SchemaName, type GetSchemaOptions } from "./schemas-api/index.js";

// ── Hashing ─────────────────────────────────────────────────────────────────────────────────
export {
  HASH_ALGORITHMS,
  DEFAULT_OS_HASH_ALGO,
  isHashAlgorithm,
  wasmHashFactory,
  HashStateError,
  type HashAlgorithm,
  type HashFactory,
  type IncrementalHash,
  type MultiHash,
  type HashDigests,
} from "./hashing/index.js";

// ── Image data (upload, download) ───────────────────────────────────────────────────────────
export {
  ImageDataApi,
  ChecksumMismatchError,
  DownloadAlreadyReadError,
  IncompleteDataError,
  NoImageDataError,
  UploadSourceError,
  type UploadOptions,
  type UploadResult,
  type UploadSource,
  type DownloadOptions,
  type DownloadResult,
  type DownloadedBytes,
  type ImageDownload,
  type TransferProgress,
  type ProgressCallback,
  type Verification,
  type Digests,
  type ImageDataApiFactory,
  type ImageDataDeps,
  type PreparedSource,
  type PrepareSourceOptions,
} from "./data/index.js";

// ── Imports and the one-call upload ─────────────────────────────────────────────────────────
export {
  ImportsApi,
  ImportFailedError,
  UploadImageError,
  type ImportMethod,
  type StoreTargets,
  type ImportParams,
  type UploadImageRequest,
  type UploadImageResult,
  type UploadImageCleanup,
  type UploadMethod,
} from "./imports/index.js";

// ── Cloud Files (the task path of uploadImage) ──────────────────────────────────────────────
export { ObjectStoreApi, type PutObjectOptions, type StoredObject, type ContainerInfo } from "./object-store/index.js";
export { DEFAULT_IMPORT_CONTAINER } from "./imports/index.js";

// ── Identity ────────────────────────────────────────────────────────────────────────────────
export {
  IdentitySession,
  DEFAULT_AUTH_TIMEOUT_MS,
  DEFAULT_REFRESH_MARGIN_MS,
  AccessToken,
  keystonePassword,
  keystoneApplicationCredential,
  keystoneToken,
  KeystonePasswordAuth,
  KeystoneApplicationCredentialAuth,
  KeystoneTokenAuth,
  rackspaceApiKey,
  rackspacePassword,
  RackspaceApiKeyAuth,
  RackspacePasswordAuth,
  RACKSPACE_IDENTITY_US,
  RACKSPACE_IDENTITY_UK,
  RACKSPACE_REGIONS,
  RACKSPACE_IMAGE_SERVICE,
  ENDPOINT_INTERFACES,
  selectEndpoint,
  AuthenticationError,
  EndpointNotFoundError,
  ConfigurationError,
  type IdentitySessionOptions,
  type AccessTokenInfo,
  type AuthMethod,
  type AuthContext,
  type KeystonePasswordOptions,
  type KeystoneApplicationCredentialOptions,
  type KeystoneTokenOptions,
  type KeystoneScopeOptions,
  type RackspaceApiKeyOptions,
  type RackspacePasswordOptions,
  type RackspaceRegion,
  type ServiceCatalog,
  type CatalogService,
  type CatalogEndpoint,
  type EndpointCriteria,
  type EndpointInterface,
  type SelectedEndpoint,
  type CatalogOffer,
  type KeystoneAuth,
  type KeystoneUserOptions,
  type RackspaceAuth,
  type RackspaceCommonOptions,
} from "./identity/index.js";
export type { AuthMethodBase } from "./identity/methods.js";

// ── Compute images ──────────────────────────────────────────────────────────────────────────
export {
  ComputeClient,
  LegacyComputeClient,
  ComputeImagesApi,
  LegacyImage,
  LegacyImageManager,
  LegacyImageNotFoundError,
  LegacyImageNotUniqueError,
  type ComputeClientConfig,
  type ListComputeImagesQuery,
  type CreateServerImageParams,
  type ComputeImagePage,
  type ComputeImageSummaryPage,
  type LegacyImageAttributes,
  type LegacyListOptions,
} from "./compute/index.js";
