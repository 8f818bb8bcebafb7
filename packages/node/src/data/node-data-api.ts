import { ImageDataApi, type ApiPromise, type DownloadResult, type UploadOptions, type UploadResult, type UploadSource } from "@cloud-images/core";
import { type ImageDataDeps, type PreparedSource, type PrepareSourceOptions } from "@cloud-images/core/internal";
import { prepareNodeSource, type NodeUploadSource } from "./node-source.js";
import { downloadToFile, type DownloadToFileOptions } from "./download-to-file.js";

/**
 * The Node client's `data`: the core {@link ImageDataApi} whose one `upload` also reads a file
 * path, a `file:` URL and a Node `Readable`, plus {@link downloadToFile}.
 *
 * @example
 * ```ts
 * const blank = await glance.images.create({ disk_format: "qcow2", container_format: "bare" });
 * await glance.data.upload(blank.id, "./ubuntu.qcow2", { onProgress: (p) => console.log(p.bytes, p.total) });
 * await glance.data.downloadToFile(blank.id, "./copy.qcow2");
 * ```
 */
export class NodeImageDataApi extends ImageDataApi {
  /** Builds it from a client's parts (what `ImageClientConfig.dataApi` is given). */
  static create(deps: ImageDataDeps): NodeImageDataApi {
    return new NodeImageDataApi(deps.http, deps.images, deps.hashFactory);
  }

  /** Also takes a path, a `file:` URL (size from `stat`) or a `Readable`; see {@link NodeUploadSource}. */
  override async prepareSource(source: unknown, options: PrepareSourceOptions = {}): Promise<PreparedSource> {
    return prepareNodeSource(source, options, (s, o) => super.prepareSource(s, o));
  }

  /**
   * Uploads image data (see {@link ImageDataApi.upload}) from any {@link NodeUploadSource}: a
   * file is streamed with its size from `stat` (a missing path is a `ValidationError` before any
   * request); a `Readable` is streamed (give `size` when known).
   */
  override upload(imageId: string, source: NodeUploadSource, options: UploadOptions = {}): ApiPromise<UploadResult> {
    return super.upload(imageId, source as UploadSource, options);
  }

  /**
   * Downloads to a file, verifying on the way. The destination is checked before anything is
   * sent (a `ValidationError`: empty or NUL in the path, an existing directory, a missing or
   * read-only parent directory, a name over 255 bytes). Bytes go to a temporary file in the same
   * directory, renamed to `path` only once complete and verified; on failure the temporary file
   * is deleted (kept as `<path>.partial` with `resume: true`). Memory stays flat.
   */
  async downloadToFile(imageId: string, path: string, options: DownloadToFileOptions = {}): Promise<DownloadResult> {
    return downloadToFile(this, imageId, path, options);
  }
}
