import { AuthenticationError, HttpError, type Transport } from "@cloud-images/core";
import { DEFAULT_TIMEOUT_MS, HttpClient, type AuthProvider } from "@cloud-images/core/internal";

/** What the v1.0 login answers in its headers. */
export interface LegacyLogin {
  /** `X-Auth-Token`. */
  readonly token: string;
  /** `X-Server-Management-Url`: the account's Cloud Servers v1.0 root. */
  readonly managementUrl: string;
}

/**
 * The first-generation Rackspace login python-cloudservers used: `GET {authUrl}` with
 * `X-Auth-User` and `X-Auth-Key`, answered 204 with `X-Auth-Token` and
 * `X-Server-Management-Url`. As an {@link AuthProvider}: logs in on first use, once for
 * concurrent requests, and again after a 401 (`invalidate`). The key is never shown.
 */
export class LegacyAuth implements AuthProvider {
  readonly #http: HttpClient;
  readonly #path: string;
  readonly #username: string;
  readonly #apiKey: string;
  readonly #authUrl: string;
  #login: Promise<LegacyLogin> | undefined;

  constructor(transport: Transport, authUrl: string, username: string, apiKey: string) {
    const url = new URL(authUrl);
    this.#authUrl = url.toString().replace(/\/+$/, "");
    this.#path = url.pathname.replace(/\/+$/, "") || "/";
    url.pathname = "/";
    this.#http = new HttpClient({ root: url.toString().replace(/\/+$/, ""), transport, timeoutMs: DEFAULT_TIMEOUT_MS, validateResponses: true });
    this.#username = username;
    this.#apiKey = apiKey;
  }

  /** Logs in (or returns the current login). @throws AuthenticationError when the credentials are refused. */
  login(signal?: AbortSignal): Promise<LegacyLogin> {
    this.#login ??= this.#request(signal).catch((error: unknown) => {
      this.#login = undefined;
      throw error;
    });
    return this.#login;
  }

  async headers(signal?: AbortSignal): Promise<Record<string, string>> {
    return { "x-auth-token": (await this.login(signal)).token };
  }

  invalidate(rejected: Readonly<Record<string, string>>): void {
    void this.#login?.then((current) => {
      if (current.token === rejected["x-auth-token"]) this.#login = undefined;
    });
    this.#login = undefined;
  }

  toJSON(): Record<string, unknown> {
    return { type: "cloudservers v1.0", authUrl: this.#authUrl, username: this.#username };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `LegacyAuth { authUrl: '${this.#authUrl}', username: '${this.#username}', apiKey: [REDACTED] }`;
  }

  async #request(signal: AbortSignal | undefined): Promise<LegacyLogin> {
    try {
      const info = await this.#http.empty(
        { operation: "cloudservers.authenticate", method: "GET", path: this.#path, headers: { "x-auth-user": this.#username, "x-auth-key": this.#apiKey }, expect: [204] },
        { signal },
      );
      const token = info.headers["x-auth-token"];
      const managementUrl = info.headers["x-server-management-url"];
      if (!token || !managementUrl) throw new AuthenticationError({ method: "cloudservers v1.0", authUrl: this.#authUrl, error: new HttpError({ status: info.status, method: "GET", url: this.#authUrl, requestId: info.requestId, serverMessage: "the answer has no X-Auth-Token or X-Server-Management-Url", headers: {}, body: undefined }) });
      return { token, managementUrl };
    } catch (error) {
      if (error instanceof HttpError) throw new AuthenticationError({ method: "cloudservers v1.0", authUrl: this.#authUrl, error });
      throw error;
    }
  }
}
