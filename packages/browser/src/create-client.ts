import {
  IdentitySession,
  ImageClient,
  ValidationError,
  type AuthMethod,
  type EndpointInterface,
  type ImageClientConfig,
  type Transport,
} from "@cloud-images/core";
import { createBrowserTransport, type BrowserTransportOptions } from "./transport/browser-transport.js";
import { BrowserImageDataApi } from "./data/browser-data-api.js";
import type { BrowserUploadImageRequest } from "./data/browser-source.js";
import type { UploadImageRequest, UploadImageResult } from "@cloud-images/core";

/**
 * Options of the browser {@link createClient}: the image client's settings (the same as the Node
 * package's, minus what a page has no use for: clouds.yaml, `OS_*` variables, undici) and how to
 * reach the image service: an `endpoint`, or an `identity` whose service catalog has one.
 */
export interface BrowserClientOptions extends Omit<ImageClientConfig, "transport" | "endpoint" | "runtime" | "dataApi"> {
  /**
   * The image service endpoint (`https://glance.example.com:9292`, with or without `/v2`), or a
   * function finding it. Optional with `identity`: then it comes from the service catalog (type
   * `image`, the `region`, `interface` and `serviceName` below). The server must answer CORS for
   * the page's origin (see the package README).
   */
  readonly endpoint?: string | ((signal?: AbortSignal) => Promise<string>) | undefined;
  /**
   * How to get tokens (`keystonePassword(…)`, `keystoneApplicationCredential(…)`, `keystoneToken(…)`),
   * or a shared {@link IdentitySession}. Keystone must answer CORS for the page's origin and expose
   * `X-Subject-Token`. Tokens and credentials stay in memory: nothing is written to `localStorage`.
   */
  readonly identity?: AuthMethod | IdentitySession | undefined;
  /** Region to pick endpoints in (default: the user's default region, if the cloud says). */
  readonly region?: string | undefined;
  /** Endpoint interface (default `public`: the one a page can usually reach). */
  readonly interface?: EndpointInterface | undefined;
  /** Catalog name of the image service (default: any service of type `image`). */
  readonly serviceName?: string | undefined;
  /**
   * The transport (default {@link createBrowserTransport}: `fetch`, and `XMLHttpRequest` for
   * `Blob` uploads so they report progress). Give any {@link Transport} to replace it.
   */
  readonly transport?: Transport | undefined;
  /** Settings of the default transport (`fetch` to use, `credentials`/`mode` of every request). */
  readonly browserTransport?: BrowserTransportOptions | undefined;
}

/** This runtime in the `User-Agent` the SDK would send (browsers send their own instead). */
const BROWSER_RUNTIME = "browser";

/**
 * A Glance v2 client for web pages: the core {@link ImageClient} over the browser transport, with
 * the browser's data API (`data.upload` of a `Blob`/`File`/`ArrayBuffer` with upload progress,
 * `data.downloadToBlob`, `data.downloadToFile` into a `FileSystemFileHandle`).
 */
export class BrowserImageClient extends ImageClient {
  /** The transport requests go through. */
  readonly transport: Transport;
  /** Image data, in the forms a page has (see {@link BrowserImageDataApi}). */
  declare readonly data: BrowserImageDataApi;
  /** The identity session when the client authenticates itself (`identity`). */
  readonly identity: IdentitySession | undefined;

  /** @throws ValidationError for a bad `endpoint`, or neither `endpoint` nor `identity`. */
  constructor(options: BrowserClientOptions) {
    if (typeof options !== "object" || options === null) {
      throw new ValidationError("createClient", [{ path: ["options"], message: "must be an object" }]);
    }
    if (options.endpoint === undefined && options.identity === undefined) {
      throw new ValidationError("createClient", [{ path: ["endpoint"], message: "is needed without identity to find it in the service catalog" }]);
    }
    const transport = options.transport ?? createBrowserTransport(options.browserTransport);
    const session =
      options.identity instanceof IdentitySession
        ? options.identity
        : options.identity
          ? new IdentitySession({ auth: options.identity, transport, region: options.region, interface: options.interface })
          : undefined;
    const whenResolved: { projectId?: (id: string | undefined) => void } = {};
    const fromCatalog = session
      ? async (signal?: AbortSignal): Promise<string> => {
          const root = await session.endpointResolver({ type: "image", name: options.serviceName, region: options.region, interface: options.interface })(signal);
          whenResolved.projectId?.(session.current?.projectId);
          return root;
        }
      : undefined;
    super({
      ...options,
      dataApi: BrowserImageDataApi.create,
      runtime: BROWSER_RUNTIME,
      endpoint: options.endpoint ?? fromCatalog!,
      auth: options.auth ?? session,
      transport,
    });
    whenResolved.projectId = (id) => {
      this.projectId ??= id;
    };
    this.transport = transport;
    this.identity = session;
  }

  /**
   * {@link ImageClient.uploadImage} whose `data` is a `Blob`, `File`, `ArrayBuffer` or bytes
   * (uploaded with progress, hashed while it is sent). A stream is refused: browsers send
   * streamed bodies over HTTP/2 only.
   */
  override async uploadImage(request: BrowserUploadImageRequest): Promise<UploadImageResult> {
    return super.uploadImage(request as UploadImageRequest);
  }

  /** Releases the transport when the client created it (nothing to release for `fetch`). */
  async close(): Promise<void> {
    // The default transport holds no connections of its own: the browser pools them.
  }
}

/**
 * Creates a Glance v2 client for a web page.
 *
 * @example
 * ```ts
 * import { createClient, keystonePassword } from "@cloud-images/browser";
 *
 * const glance = createClient({
 *   identity: keystonePassword({ authUrl: "https://keystone.example.com/v3", username, password, userDomainName: "Default", projectName: "demo", projectDomainName: "Default" }),
 * });
 * for await (const image of glance.images.listAll({ status: "active" })) console.log(image.name);
 * ```
 */
export function createClient(options: BrowserClientOptions): BrowserImageClient {
  return new BrowserImageClient(options);
}
