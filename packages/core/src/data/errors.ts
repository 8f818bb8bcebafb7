import { CloudImagesError } from "../errors/base.js";

/** A digest the SDK computed over the bytes differs from the one Glance recorded or sent. */
export class ChecksumMismatchError extends CloudImagesError {
  static override readonly errorId: string = "ChecksumMismatchError";

  /** The image concerned. */
  readonly imageId: string;
  /** Algorithm compared (`md5`, `sha512`…). */
  readonly algorithm: string;
  /** What the server recorded or announced (hex). */
  readonly expected: string;
  /** What the SDK computed over the bytes sent or received (hex). */
  readonly actual: string;
  /** Whether the bytes were being uploaded or downloaded. */
  readonly direction: "upload" | "download";

  constructor(init: { imageId: string; algorithm: string; expected: string; actual: string; direction: "upload" | "download" }) {
    const who = init.direction === "upload" ? "Glance recorded" : "Glance announced";
    super(
      `${init.algorithm} of image ${init.imageId} ${init.direction === "upload" ? "upload" : "download"} does not match: ${who} ${init.expected}, the SDK computed ${init.actual}`,
      "CHECKSUM_MISMATCH",
    );
    this.imageId = init.imageId;
    this.algorithm = init.algorithm;
    this.expected = init.expected;
    this.actual = init.actual;
    this.direction = init.direction;
  }
}

/** Fewer or more bytes went through than announced (declared upload size, image size, `Content-Length`). */
export class IncompleteDataError extends CloudImagesError {
  static override readonly errorId: string = "IncompleteDataError";

  /** The image concerned. */
  readonly imageId: string;
  /** Bytes announced. */
  readonly expectedBytes: number;
  /** Bytes actually seen (so far, when more than announced). */
  readonly actualBytes: number;
  /** Whether the bytes were being uploaded or downloaded. */
  readonly direction: "upload" | "download";

  constructor(init: { imageId: string; expectedBytes: number; actualBytes: number; direction: "upload" | "download"; cause?: unknown }) {
    const more = init.actualBytes > init.expectedBytes;
    super(
      `${init.direction === "upload" ? "Upload" : "Download"} of image ${init.imageId}: ${more ? "more than" : "only"} ${init.actualBytes} of ${init.expectedBytes} bytes`,
      "INCOMPLETE_DATA",
      { cause: init.cause },
    );
    this.imageId = init.imageId;
    this.expectedBytes = init.expectedBytes;
    this.actualBytes = init.actualBytes;
    this.direction = init.direction;
  }
}

/** The image has no data to download: Glance answered 204 (typically a `queued` image). */
export class NoImageDataError extends CloudImagesError {
  static override readonly errorId: string = "NoImageDataError";

  /** The image concerned. */
  readonly imageId: string;
  /** The server's request id, when sent. */
  readonly requestId: string | undefined;

  constructor(imageId: string, requestId: string | undefined) {
    super(`Image ${imageId} has no data (204 No Content)${requestId ? ` [request ${requestId}]` : ""}`, "NO_IMAGE_DATA");
    this.imageId = imageId;
    this.requestId = requestId;
  }
}

/** The caller's upload source failed while being read (the request was cut off). */
export class UploadSourceError extends CloudImagesError {
  static override readonly errorId: string = "UploadSourceError";

  /** The image concerned. */
  readonly imageId: string;
  /** Bytes read from the source before it failed. */
  readonly bytesRead: number;

  constructor(imageId: string, bytesRead: number, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Reading the data source for image ${imageId} failed after ${bytesRead} bytes: ${detail}`, "UPLOAD_SOURCE", { cause });
    this.imageId = imageId;
    this.bytesRead = bytesRead;
  }
}

/** An {@link ImageDownload} was read a second time (its data can be read once: `stream`, `chunks()` or `bytes()`). */
export class DownloadAlreadyReadError extends CloudImagesError {
  static override readonly errorId: string = "DownloadAlreadyReadError";

  /** The image concerned. */
  readonly imageId: string;

  constructor(imageId: string) {
    super(`The download of image ${imageId} was already read: read it once, through stream, chunks() or bytes()`, "DOWNLOAD_ALREADY_READ");
    this.imageId = imageId;
  }
}
