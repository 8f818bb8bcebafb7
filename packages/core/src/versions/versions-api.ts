import type { CallOptions, HttpClient } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import { imageOp } from "../images/images-api.js";
import type { VersionsDocument } from "../schemas/image-v2.js";
import { versionsDocument as VersionsDocumentSchema } from "../validation/versions.js";

/** One API version the server offers, with its minor number parsed. */
export interface ApiVersion {
  /** The id as sent, e.g. `v2.15`. */
  readonly id: string;
  /** `CURRENT`, `SUPPORTED`, `DEPRECATED`, `EXPERIMENTAL`. */
  readonly status: string;
  /** Major version, e.g. 2. */
  readonly major: number;
  /** Minor version, e.g. 15. */
  readonly minor: number;
}

/** Discovers which image API versions the server supports (`GET /`, answered with 300). */
export class VersionsApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The raw versions document. */
  list(options?: CallOptions): ApiPromise<VersionsDocument> {
    return apiPromise(options, async (sinkOptions) => {
      const { data } = await this.#http.json(imageOp({ operation: "versions.list", method: "get", path: "/", params: {}, expect: [200, 300] }), VersionsDocumentSchema, sinkOptions);
      return data;
    });
  }

  /** Every version with major/minor parsed, highest first. */
  supported(options?: CallOptions): ApiPromise<ApiVersion[]> {
    return apiPromise(options, async (sinkOptions) => {
      const doc = await this.list(sinkOptions);
      return doc.versions
        .map((v) => {
          const m = /^v?(\d+)(?:\.(\d+))?$/.exec(v.id);
          return { id: v.id, status: v.status, major: Number(m?.[1] ?? 0), minor: Number(m?.[2] ?? 0) };
        })
        .sort((a, b) => b.major - a.major || b.minor - a.minor);
    });
  }

  /**
   * Whether the server supports image API `2.minor` or later (e.g. `supports(6)` for
   * interoperable import). Deprecated versions count; only listed ones do.
   */
  supports(minor: number, options?: CallOptions): ApiPromise<boolean> {
    return apiPromise(options, async (sinkOptions) => {
      const versions = await this.supported(sinkOptions);
      return versions.some((v) => v.major === 2 && v.minor >= minor);
    });
  }
}
