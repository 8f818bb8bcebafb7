import type { CallOptions, HttpClient } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import type { ImagesApi } from "../images/images-api.js";
import { InputChecker } from "../validation/checker.js";
import type { HashFactory } from "../hashing/hash-factory.js";
import { checkSource, type PreparedSource, type UploadSource } from "./upload-source.js";
import { checkUploadOptions, sendUpload, type UploadOptions, type UploadResult } from "./upload.js";
import { openDownload, type DownloadOptions, type ImageDownload } from "./download.js";
import { ServerHashing } from "./server-hashing.js";

/** What an {@link ImageDataApi} is built from (what an {@link ImageDataApiFactory} is given). */
export interface ImageDataDeps {
  /** The client's HTTP layer. */
  readonly http: HttpClient;
  /** The client's image records API (uploads re-read the image to verify it). */
  readonly images: ImagesApi;
  /** Hashes for the data (the client's `hashFactory`). */
  readonly hashFactory: HashFactory;
}

/**
 * Builds the data API of a client: how a runtime package installs a subclass of
 * {@link ImageDataApi} that understands more sources (the Node client's file paths and
 * `Readable`s). Given as `ImageClientConfig.dataApi`.
 */
export type ImageDataApiFactory = (deps: ImageDataDeps) => ImageDataApi;

/** Options of {@link ImageDataApi.prepareSource}. */
export interface PrepareSourceOptions {
  /** Declared size in bytes (see {@link UploadOptions.size}). */
  readonly size?: number | undefined;
  /** Operation named in a `ValidationError` (default `data.upload`). */
  readonly operation?: string | undefined;
  /** Name of the source in the caller's input, for error messages (default `source`). */
  readonly field?: string | undefined;
}

/**
 * Image data: ONE upload call (`upload`: `PUT /v2/images/{id}/file`, or `…/stage` for a later
 * `glance-direct` import) taking every source the runtime has, and ONE download call
 * (`download`: `GET …/file`), with hashing on the fly, verification against Glance's
 * `os_hash_value`/`checksum`, progress, and downloads resumed with `Range` after a cut. Data
 * calls have no total deadline unless `timeoutMs` is given (a 10 GiB transfer takes minutes);
 * use `signal` to stop one.
 *
 * @example
 * ```ts
 * const blank = await glance.images.create({ disk_format: "raw", container_format: "bare" });
 * await glance.data.upload(blank.id, new Uint8Array([1, 2, 3]));
 * const { data, verified } = await (await glance.data.download(blank.id)).bytes();
 * console.log(data.byteLength, verified);
 * ```
 */
export class ImageDataApi {
  readonly #deps: ImageDataDeps;
  readonly #hashing = new ServerHashing();

  constructor(http: HttpClient, images: ImagesApi, hashFactory: HashFactory) {
    this.#deps = { http, images, hashFactory };
  }

  /** The hash factory in use. */
  get hashFactory(): HashFactory {
    return this.#deps.hashFactory;
  }

  /**
   * Checks an upload source and its declared size, once, and returns it in the form the upload
   * reads, with its size when known. `upload` and `uploadImage` call it before sending anything;
   * a runtime's subclass overrides it to accept more sources (Node: a path, a `file:` URL, a
   * `Readable`). Preparing a prepared source again gives the same source.
   * @throws ValidationError when the source is not one this runtime reads, or the size is wrong
   *   (negative, different from the source's own, missing for an `AsyncIterable`).
   */
  async prepareSource(source: unknown, options: PrepareSourceOptions = {}): Promise<PreparedSource> {
    const check = new InputChecker(options.operation ?? "data.upload");
    const prepared = checkSource(check, [options.field ?? "source"], source, options.size);
    check.throwIfInvalid();
    return prepared as PreparedSource;
  }

  /**
   * Uploads image data to a `queued` image (`PUT /v2/images/{id}/file`, 204), hashing as it
   * streams, then re-reads the image and compares its `size`, `os_hash_value` and `checksum`.
   * With `stage: true`, stages it instead (`PUT …/stage`) for `imports.glanceDirect`.
   * The source: bytes, a `Blob`, a web `ReadableStream`, or an `AsyncIterable<Uint8Array>` with
   * its `size` (the Node client also takes a path, a `file:` URL or a `Readable`).
   * @throws ValidationError before any request on bad input; `UploadSourceError` when the
   *   source fails mid-stream; `IncompleteDataError` when it yields other than `size` bytes;
   *   `ChecksumMismatchError` when Glance recorded other digests.
   *
   * `.withResponse()` gives the answer to the `PUT` (its request id is the upload's), not to the
   * re-read that verifies it.
   */
  upload(imageId: string, source: UploadSource, options: UploadOptions = {}): ApiPromise<UploadResult> {
    return apiPromise(options, async (sinkOptions) => {
      const operation = options?.stage === true ? "data.stage" : "data.upload";
      const check = new InputChecker(operation);
      check.uuid(["imageId"], imageId);
      checkUploadOptions(check, options);
      check.throwIfInvalid();
      const prepared = await this.prepareSource(source, { size: options.size, operation });
      return sendUpload({ ...this.#deps, hashing: this.#hashing }, imageId, prepared, { ...options, ...sinkOptions });
    });
  }

  /**
   * Opens a download (`GET /v2/images/{id}/file`) and returns it once the answer's headers are
   * in: read it once, through `stream`, `chunks()` or `bytes()` (small images). It verifies as
   * it goes: against `os_hash_value` when the image has one in an algorithm the SDK computes,
   * else against `checksum`/`Content-MD5`; `result.verified` says which (`none` when the server
   * gave no hash). A cut is resumed with `Range` (206, `Content-Range` checked) up to `retries`
   * times.
   * @throws ValidationError on bad input; NoImageDataError when Glance answers 204 (the image has no data).
   */
  async download(imageId: string, options: DownloadOptions = {}): Promise<ImageDownload> {
    const check = new InputChecker("data.download");
    check.uuid(["imageId"], imageId);
    if (options.offset !== undefined) check.integer(["offset"], options.offset, { min: 0 });
    if (options.retries !== undefined) check.integer(["retries"], options.retries, { min: 0, max: 100 });
    if (options.verify !== undefined) check.boolean(["verify"], options.verify);
    if (options.onProgress !== undefined && typeof options.onProgress !== "function") check.fail(["onProgress"], "must be a function");
    const verify = options.verify ?? true;
    if (verify && (options.offset ?? 0) > 0 && options.prefix === undefined) {
      check.fail(["prefix"], "is required with an offset to verify the whole image (or pass verify: false)");
    }
    check.throwIfInvalid();
    const { http, images, hashFactory } = this.#deps;
    const image = options.image ?? (verify ? await images.get(imageId, callOnly(options)) : undefined);
    if (image) this.#hashing.learn(image);
    return openDownload({ http, imageId, verify, image, hashFactory, options });
  }
}

function callOnly(options: CallOptions): CallOptions {
  return { signal: options.signal, headers: options.headers };
}
