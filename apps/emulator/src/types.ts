/** The Rackspace regions the emulator serves. */
export const REGIONS = ["DFW", "ORD", "IAD", "LON", "SYD", "HKG"] as const;
/** One of {@link REGIONS}. */
export type Region = (typeof REGIONS)[number];

/** An account of the emulated cloud. */
export interface EmulatorUser {
  /** Login name (identity v2.0 `username`). */
  readonly username: string;
  /** Password (`passwordCredentials`). */
  readonly password: string;
  /** API key (`RAX-KSKEY:apiKeyCredentials`). */
  readonly apiKey: string;
  /** Account number: the project that owns the user's images and servers. */
  readonly tenantId: string;
  /** Account name (the same as `tenantId`, as on Rackspace). */
  readonly tenantName: string;
  /** Region the identity service names as the user's default (`RAX-AUTH:defaultRegion`). */
  readonly defaultRegion: Region;
  /** User id. */
  readonly userId: string;
}

/** The two accounts every emulator has. */
export const DEFAULT_USERS: readonly EmulatorUser[] = Object.freeze([
  Object.freeze({
    username: "demo",
    password: "demo-password",
    apiKey: "0123456789abcdef0123456789abcdef",
    tenantId: "123456",
    tenantName: "123456",
    defaultRegion: "DFW" as const,
    userId: "10001",
  }),
  Object.freeze({
    username: "partner",
    password: "partner-password",
    apiKey: "fedcba9876543210fedcba9876543210",
    tenantId: "654321",
    tenantName: "654321",
    defaultRegion: "ORD" as const,
    userId: "10002",
  }),
]);

/** A response the emulator sent, as given to {@link EmulatorOptions.onResponse}. */
export interface ResponseRecord {
  /** Request method, upper case. */
  readonly method: string;
  /** Path below the emulator's root, without the query string. */
  readonly path: string;
  /** Raw query string, without `?` (empty when none). */
  readonly query: string;
  /** Response status. */
  readonly status: number;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Response body as sent (before any injected truncation). */
  readonly body: Buffer;
}

/** Settings of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port (default 0: any free port). */
  readonly port?: number;
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Folder where state is kept across restarts (default: a new temporary folder). */
  readonly dataDir?: string;
  /** Lifetime of identity tokens in seconds (default 86400). */
  readonly tokenLifetimeSeconds?: number;
  /** Added to every response, in milliseconds (default 0). */
  readonly latencyMs?: number;
  /** Flavour of the image service: Rackspace Cloud Images (default) or upstream Glance. */
  readonly mode?: "rackspace" | "glance";
  /**
   * How long asynchronous jobs take, in milliseconds: a task's pending+processing time, a
   * snapshot's SAVING time (default 1500).
   */
  readonly jobDurationMs?: number;
  /** Called with every response sent (tests use it to check answers against spec/). */
  readonly onResponse?: (record: ResponseRecord) => void;
  /**
   * Origins whose pages may call the emulator (CORS as oslo.middleware answers it in front of
   * Glance and Keystone), e.g. `["http://127.0.0.1:5173"]`, or `["*"]` for any. Default: none.
   */
  readonly corsOrigins?: readonly string[];
}
