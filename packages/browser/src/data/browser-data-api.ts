import { ImageDataApi, type ApiPromise, type ImageDataDeps, type PreparedSource, type PrepareSourceOptions, type DownloadOptions, type DownloadResult, type UploadOptions, type UploadResult } from "@cloud-images/core";
import { InputChecker } from "@cloud-images/core/internal";
import { prepareBrowserSource, type BrowserUploadSource } from "./browser-source.js";
import { checkBrowserUploadOptions, uploadBlob } from "./blob-upload.js";
import { downloadToFile, type DownloadTarget, type DownloadToFileOptions } from "./download-to-file.js";

/** A whole image read into a `Blob` by {@link BrowserImageDataApi.downloadToBlob}, verified. */
export interface DownloadedBlob extends DownloadResult {
  /** The image data. */
  readonly blob: Blob;
}

/**
 * The browser client's `data`: the core {@link ImageDataApi} whose one `upload` sends a `Blob`,
 * `File`, `ArrayBuffer` or bytes with upload progress and hashes it while it is sent, plus
 * downloads into a `Blob` ({@link BrowserImageDataApi.downloadToBlob}) or a file of the File
 * System Access API / OPFS ({@link BrowserImageDataApi.downloadToFile}). `download` is the
 * core's: a verified stream, resumed with `Range` after a cut.
 *
 * @example
 * ```ts
 * const blank = await glance.images.create({ disk_format: "qcow2", container_format: "bare" });
 * const file = input.files[0]; // <input type="file">
 * await glance.data.upload(blank.id, file, { onProgress: (p) => (bar.value = p.bytes / (p.total ?? 1)) });
 * const copy = await glance.data.downloadToBlob(blank.id);
 * ```
 */
export class BrowserImageDataApi extends ImageDataApi {
  readonly #deps: ImageDataDeps;

  /** Builds it from a client's parts (see {@link BrowserImageDataApi.create}). */
  constructor(deps: ImageDataDeps) {
    super(deps.http, deps.images, deps.hashFactory);
    this.#deps = deps;
  }

  /** Builds it from a client's parts (what `ImageClientConfig.dataApi` is given). */
  static create(this: void, deps: ImageDataDeps): BrowserImageDataApi {
    return new BrowserImageDataApi(deps);
  }

  /**
   * Takes a `Blob`, `File`, `ArrayBuffer` or `Uint8Array` (returned as a `Blob`); refuses a
   * stream or an iterable with a `ValidationError` (browsers cannot stream request bodies over
   * HTTP/1.1), and a file path (a page has none).
   */
  override async prepareSource(source: unknown, options: PrepareSourceOptions = {}): Promise<PreparedSource> {
    return prepareBrowserSource(source, options);
  }

  /**
   * Uploads image data to a `queued` image (see {@link ImageDataApi.upload}) from a
   * {@link BrowserUploadSource}. `onProgress` follows the bytes the browser has sent (XHR upload
   * events) and ends with `bytes === total`; md5 and the server's `os_hash_algo` (default
   * sha512) are computed from the Blob meanwhile and compared with what Glance records. Aborting
   * `signal` stops the transfer at once; Glance then keeps no data (the image stays `queued`).
   * @throws ValidationError before any request on bad input (a stream, a path, a wrong `size`);
   *   `ChecksumMismatchError` / `IncompleteDataError` when Glance recorded other data.
   */
  override upload(imageId: string, source: BrowserUploadSource, options: UploadOptions = {}): ApiPromise<UploadResult> {
    const operation = options?.stage === true ? "data.stage" : "data.upload";
    let sending: ApiPromise<UploadResult> | undefined;
    const run = async (): Promise<UploadResult> => {
      const check = new InputChecker(operation);
      checkBrowserUploadOptions(check, imageId, options);
      check.throwIfInvalid();
      const prepared = await this.prepareSource(source, { size: options.size, operation });
      sending = uploadBlob(this.#deps, imageId, prepared.data as Blob, options);
      return sending;
    };
    const promise = run();
    return Object.assign(promise, {
      withResponse: async () => {
        await promise;
        return sending!.withResponse();
      },
    });
  }

  /**
   * Downloads a (small) image into a `Blob`, verified before it resolves. The chunks are held in
   * memory until the Blob is made: for large images use {@link BrowserImageDataApi.downloadToFile}.
   * @throws the download's typed errors (`ChecksumMismatchError`, `IncompleteDataError`, `NoImageDataError`…).
   */
  async downloadToBlob(imageId: string, options: DownloadOptions & { readonly type?: string | undefined } = {}): Promise<DownloadedBlob> {
    const { type, ...rest } = options;
    const download = await this.download(imageId, rest);
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for await (const chunk of download.chunks()) parts.push(chunk as Uint8Array<ArrayBuffer>);
    const result = await download.result;
    return { ...result, blob: new Blob(parts, { type: type ?? "application/octet-stream" }) };
  }

  /**
   * Downloads an image into a file (File System Access API or the origin private file system),
   * verified on the way, memory flat; a failed or cut download never leaves a file that looks
   * whole (see {@link DownloadTarget}).
   * @throws ValidationError for a bad target, before anything is sent; the download's typed errors.
   */
  async downloadToFile(imageId: string, target: DownloadTarget, options: DownloadToFileOptions = {}): Promise<DownloadResult> {
    return downloadToFile(this, imageId, target, options);
  }
}
