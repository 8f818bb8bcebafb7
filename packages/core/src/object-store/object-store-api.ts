import type { CallOptions, HttpClient, OperationRequest, ResponseInfo } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import { specRequests } from "../http/spec-request.js";
import type { paths as ObjectStorePaths } from "../generated/object-store-v1.js";
import type { RequestBody } from "../transport/transport.js";
import { NotFoundError } from "../errors/http-errors.js";
import { InputChecker, segmentProblem, type InputPath } from "../validation/checker.js";

/** Longest container name Cloud Files takes, in UTF-8 bytes. */
export const MAX_CONTAINER_NAME_BYTES = 256;
/** Longest object name Cloud Files takes, in UTF-8 bytes. */
export const MAX_OBJECT_NAME_BYTES = 1024;

const storeRequest = specRequests<ObjectStorePaths>();
const ACCOUNT_PREFIX = /^\/v1\/[^/]+/;

/** Stands for the account in the spec's path templates: the client's root already holds `/v1/{account}`. */
const ACCOUNT = "account";

/**
 * A request of `spec/object-store-v1.yaml` (method, template and statuses checked against the
 * generated paths by `storeRequest`) made relative to the account's storage URL: the client's
 * root is the catalog's `publicURL` (`…/v1/MossoCloudFS_…`), which holds the `/v1/{account}`
 * part already, as compute roots hold the tenant.
 */
function belowAccount(request: OperationRequest): OperationRequest {
  return { ...request, path: request.path.replace(ACCOUNT_PREFIX, "") };
}

/** What {@link ObjectStoreApi.putObject} sends with the data. */
export interface PutObjectOptions extends CallOptions {
  /** The MD5 of the data (hex): the store refuses (422) data that does not match it. */
  readonly etag?: string | undefined;
  /** `Content-Type` stored with the object (default `application/octet-stream`). */
  readonly contentType?: string | undefined;
  /** Size in bytes, sent as `Content-Length` (else the body is sent chunked). */
  readonly size?: number | undefined;
}

/** The store's answer to a stored object. */
export interface StoredObject {
  /** The MD5 of what the store received (hex, lower case). */
  readonly etag: string;
  /** The answer's status, headers and request id. */
  readonly response: ResponseInfo;
}

/** What {@link ObjectStoreApi.showContainer} reads from the headers. */
export interface ContainerInfo {
  /** Objects in the container. */
  readonly objectCount: number;
  /** Bytes stored in the container. */
  readonly bytesUsed: number;
}

/** Checks a container name: a safe path segment of at most 256 UTF-8 bytes. */
export function checkContainerName(check: InputChecker, path: InputPath, name: unknown): void {
  checkName(check, path, name, MAX_CONTAINER_NAME_BYTES);
}

/** Checks an object name this SDK writes: a single safe path segment of at most 1024 UTF-8 bytes. */
export function checkObjectName(check: InputChecker, path: InputPath, name: unknown): void {
  checkName(check, path, name, MAX_OBJECT_NAME_BYTES);
}

function checkName(check: InputChecker, path: InputPath, name: unknown, max: number): void {
  if (typeof name !== "string") {
    check.fail(path, `must be a string, got ${name === null ? "null" : typeof name}`);
    return;
  }
  const problem = segmentProblem(name);
  if (problem !== undefined) check.fail(path, problem);
  else if (new TextEncoder().encode(name).byteLength > max) check.fail(path, `must be at most ${max} bytes of UTF-8`);
}

/**
 * The part of Cloud Files (OpenStack Swift v1) that image import needs: make sure a container
 * exists, store an object (streamed), read an object's or container's headers, delete an
 * object. The client's root is the account's storage URL (`…/v1/{account}`), e.g. the service
 * catalog's `object-store` endpoint.
 */
export class ObjectStoreApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The HTTP layer of the store. */
  get http(): HttpClient {
    return this.#http;
  }

  /** Creates a container, or leaves an existing one as it is (`PUT`, 201 created / 202 there already). Returns whether it was created. */
  createContainer(container: string, options?: CallOptions): ApiPromise<boolean> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("objectStore.createContainer");
      checkContainerName(check, ["container"], container);
      check.throwIfInvalid();
      const info = await this.#http.empty(
        belowAccount(storeRequest({ operation: "objectStore.createContainer", method: "put", path: "/v1/{account}/{container}", params: { account: ACCOUNT, container }, expect: [201, 202] })),
        sinkOptions,
      );
      return info.status === 201;
    });
  }

  /** A container's counters (`HEAD`, 204). @throws NotFoundError when it does not exist. */
  showContainer(container: string, options?: CallOptions): ApiPromise<ContainerInfo> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("objectStore.showContainer");
      checkContainerName(check, ["container"], container);
      check.throwIfInvalid();
      const info = await this.#http.empty(
        belowAccount(storeRequest({ operation: "objectStore.showContainer", method: "head", path: "/v1/{account}/{container}", params: { account: ACCOUNT, container }, expect: [204] })),
        sinkOptions,
      );
      return { objectCount: Number(info.headers["x-container-object-count"] ?? 0), bytesUsed: Number(info.headers["x-container-bytes-used"] ?? 0) };
    });
  }

  /**
   * Stores an object (`PUT`, 201), streaming `body`; with `etag` the store checks the data's MD5
   * (422 when it differs). Returns the store's `ETag`, the MD5 of what it received.
   * A streamed body is not replayable: the call is not retried once the body has started.
   */
  putObject(container: string, object: string, body: RequestBody, options: PutObjectOptions = {}): ApiPromise<StoredObject> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("objectStore.putObject");
      checkContainerName(check, ["container"], container);
      checkObjectName(check, ["object"], object);
      if (options.etag !== undefined && !/^[0-9a-fA-F]{32}$/.test(options.etag)) check.fail(["etag"], "must be an MD5 digest in hex");
      if (options.size !== undefined) check.integer(["size"], options.size, { min: 0 });
      check.throwIfInvalid();
      const headers: Record<string, string> = { "content-type": options.contentType ?? "application/octet-stream" };
      if (options.etag !== undefined) headers["etag"] = options.etag.toLowerCase();
      if (options.size !== undefined) headers["content-length"] = String(options.size);
      const response = await this.#http.empty(
        belowAccount(storeRequest({ operation: "objectStore.putObject", method: "put", path: "/v1/{account}/{container}/{object}", params: { account: ACCOUNT, container, object }, headers, body, expect: [201] })),
        sinkOptions,
      );
      return { etag: (response.headers["etag"] ?? "").replace(/"/g, "").toLowerCase(), response };
    });
  }

  /** An object's headers (`HEAD`, 200): its size and MD5. @throws NotFoundError when it does not exist. */
  showObject(container: string, object: string, options?: CallOptions): ApiPromise<{ readonly bytes: number; readonly etag: string }> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("objectStore.showObject");
      checkContainerName(check, ["container"], container);
      checkObjectName(check, ["object"], object);
      check.throwIfInvalid();
      const info = await this.#http.empty(
        belowAccount(storeRequest({ operation: "objectStore.showObject", method: "head", path: "/v1/{account}/{container}/{object}", params: { account: ACCOUNT, container, object }, expect: [200] })),
        sinkOptions,
      );
      return { bytes: Number(info.headers["content-length"] ?? 0), etag: (info.headers["etag"] ?? "").replace(/"/g, "").toLowerCase() };
    });
  }

  /** Deletes an object (`DELETE`, 204). Returns false when it was not there (404). */
  deleteObject(container: string, object: string, options?: CallOptions): ApiPromise<boolean> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("objectStore.deleteObject");
      checkContainerName(check, ["container"], container);
      checkObjectName(check, ["object"], object);
      check.throwIfInvalid();
      try {
        await this.#http.empty(
          belowAccount(storeRequest({ operation: "objectStore.deleteObject", method: "delete", path: "/v1/{account}/{container}/{object}", params: { account: ACCOUNT, container, object }, expect: [204] })),
          sinkOptions,
        );
        return true;
      } catch (error) {
        if (error instanceof NotFoundError) return false;
        throw error;
      }
    });
  }
}
