import type { AuthMethod, EndpointInterface } from "@cloud-images/core";
import { authMethodFromKeys, SECRET_KEYS, type AuthType } from "./auth-method.js";
import { setOwn } from "@cloud-images/core/internal";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * One cloud's settings after clouds.yaml, secure.yaml, the profile and the environment were
 * combined. Secrets are held privately: `JSON.stringify`/`util.inspect` show `[REDACTED]`.
 */
export class CloudConfig {
  /** Cloud name (`envvars` when it came from `OS_*` variables). */
  readonly name: string;
  /** The clouds.yaml file it came from, if any. */
  readonly file: string | undefined;
  /** `auth_type`: how to authenticate (`password`, `v3applicationcredential`, `token`, `rackspace_apikey`…). */
  readonly authType: AuthType;
  /** `region_name`; `undefined` lets the SDK use the user's default region (Rackspace) or the only one. */
  readonly region: string | undefined;
  /** `interface`: which catalog endpoints to use (default `public`). */
  readonly interface: EndpointInterface;
  /** Path of a CA bundle (`cacert`). */
  readonly cacert: string | undefined;
  /** `verify: false` / `insecure: true`: do not check TLS certificates. */
  readonly insecure: boolean;
  /** Name of the image service to pick from the catalog (`cloudImages` for Rackspace), if set. */
  readonly imageServiceName: string | undefined;
  /** `image_endpoint_override`: use this image endpoint instead of the catalog's. */
  readonly imageEndpointOverride: string | undefined;
  /** `compute_service_name`: the compute (next-gen) service to pick from the catalog (`cloudServersOpenStack` for Rackspace), if set. */
  readonly computeServiceName: string | undefined;
  /** `compute_endpoint_override`: use this compute endpoint instead of the catalog's. */
  readonly computeEndpointOverride: string | undefined;
  /** The non-secret `auth` keys. */
  readonly auth: Readonly<Record<string, string>>;
  readonly #secrets: Readonly<Record<string, string>>;

  constructor(init: {
    name: string;
    file: string | undefined;
    authType: AuthType;
    region: string | undefined;
    interface: EndpointInterface;
    cacert: string | undefined;
    insecure: boolean;
    imageServiceName: string | undefined;
    imageEndpointOverride: string | undefined;
    computeServiceName?: string | undefined;
    computeEndpointOverride?: string | undefined;
    auth: Record<string, string>;
  }) {
    this.name = init.name;
    this.file = init.file;
    this.authType = init.authType;
    this.region = init.region;
    this.interface = init.interface;
    this.cacert = init.cacert;
    this.insecure = init.insecure;
    this.imageServiceName = init.imageServiceName;
    this.imageEndpointOverride = init.imageEndpointOverride;
    this.computeServiceName = init.computeServiceName;
    this.computeEndpointOverride = init.computeEndpointOverride;
    const pub: Record<string, string> = {};
    const sec: Record<string, string> = {};
    for (const [k, v] of Object.entries(init.auth))
      setOwn(SECRET_KEYS.has(k) ? sec : pub, k, v);
    this.auth = Object.freeze(pub);
    this.#secrets = Object.freeze(sec);
  }

  /** Which secret keys are set (never their values). */
  get secretKeys(): string[] {
    return Object.keys(this.#secrets);
  }

  /** Builds the auth method this cloud describes. */
  authMethod(): AuthMethod {
    const where = `cloud ${JSON.stringify(this.name)}${this.file ? ` (${this.file})` : ""}`;
    return authMethodFromKeys(where, this.authType, { ...this.auth, ...this.#secrets });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      file: this.file,
      authType: this.authType,
      region: this.region,
      interface: this.interface,
      cacert: this.cacert,
      insecure: this.insecure,
      auth: {
        ...this.auth,
        ...Object.fromEntries(
          Object.keys(this.#secrets).map((k) => [k, "[REDACTED]"]),
        ),
      },
    };
  }

  [INSPECT](): string {
    return `CloudConfig ${JSON.stringify(this.toJSON())}`;
  }
}
