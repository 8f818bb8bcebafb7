/**
 * `@cloud-images/core/internal`: the building blocks the SDK's own runtime packages
 * (`@cloud-images/node`, `@cloud-images/browser`) and the repository's emulator and tests use:
 * the HTTP pipeline, input checks, query and path encoding, catalog parsing, hashing and upload
 * helpers.
 *
 * Not for applications: nothing here is covered by semantic versioning and any of it may change
 * in a patch release. Everything an application needs is exported from the package root.
 *
 * @packageDocumentation
 * @internal
 */

// Input checks and the request pipeline.
export { InputChecker, type InputPath } from "./validation/checker.js";
// The SDK's response validators of image records (what images.get/list check answers with), for benchmarks and tests.
export { image as imageValidator, imageList as imageListValidator } from "./validation/images.js";
export {
  HttpClient,
  type AuthProvider,
  type CallResult,
  type HttpClientConfig,
  type OperationRequest,
  type ResponseInfo,
} from "./http/http-client.js";
export { serviceHttpClient, tokenAuth, DEFAULT_TIMEOUT_MS } from "./http/service-client-config.js";
export { normalizeEndpoint } from "./http/endpoint.js";
export { encodeQuery, type QueryEntries } from "./http/query.js";
export { redactUrl, safeHeaders } from "./errors/redact.js";
export { parseErrorMessage } from "./http/error-body.js";
export { createHttpError, parseRetryAfter } from "./errors/index.js";
export { checkEndpointUrl, type CheckedEndpoint } from "./transport/index.js";

// Records built from caller or server keys (custom properties, filters, config), `__proto__` kept as a key.
export { setOwn, assignOwn, ownValue } from "./records/own-keys.js";

// Request building of the resource APIs.
export { listImagesQueryEntries } from "./images/list-query.js";
export { listTasksQueryEntries, assertTaskSucceeded, parseTaskErrorCode } from "./tasks/index.js";
export { paginate, markerFromNextLink } from "./pagination/paginator.js";
export { escapePointerToken, unescapePointerToken } from "./patch/json-pointer.js";
export { checkJsonSchema, checkProperty, imagePatchProblems, type JsonSchemaNode, type SchemaProblem } from "./schemas-api/index.js";

// Retries outside the request pipeline (waiters, logins).
export { withRetry, backoffDelay, retryAfterMs, retryDelayFor, type WithRetryOptions } from "./retry/index.js";

// Identity: parsing of token answers and catalogs.
export {
  AuthMethodBase,
  catalogFromKeystoneV3,
  catalogFromV2,
  catalogOffers,
  keystoneAccessToken,
  keystoneScope,
  normalizeInterface,
  parseIdentityDate,
  rackspaceAccessToken,
} from "./identity/index.js";

// Data: what a runtime package needs to add its own sources (files, Node streams) and hashes.
export { HashSet } from "./hashing/index.js";
export {
  isUploadSource,
  knownSize,
  parseContentRange,
  readsIntoCallerBuffers,
  verifyAgainstImage,
  type ImageDataApiFactory,
  type ImageDataDeps,
  type PreparedSource,
  type PrepareSourceOptions,
} from "./data/index.js";
export { uploadImage, type UploadImageApis } from "./imports/index.js";

// Sharing: which visibilities the server's image schema allows.
export { visibilitiesFromImageSchema } from "./members/index.js";
/** An abortable sleep: resolves after `ms`, rejects with the signal's reason when it aborts (at once if it already has). */
export { delay } from "./http/deadline.js";
