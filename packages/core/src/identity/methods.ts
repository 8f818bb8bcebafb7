import type { Infer, ResponseSchema } from "../validation/validator.js";
import { HttpError } from "../errors/http-errors.js";
import { normalizeEndpoint } from "../http/endpoint.js";
import { HttpClient, type OperationRequest } from "../http/http-client.js";
import type { Transport } from "../transport/transport.js";
import { AuthenticationError } from "./errors.js";
import type { ValidationIssue } from "../errors/validation-error.js";
import type { AccessToken } from "./token.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** What an {@link AuthMethod} needs to send its request. */
export interface AuthContext {
  /** The transport the auth request is sent with. */
  readonly transport: Transport;
  /** Aborts the auth request. */
  readonly signal?: AbortSignal | undefined;
  /** Total time allowed for the auth request, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * One way to get a token (Keystone v3 password, application credential or token; Rackspace API
 * key or password). Holds its secrets privately: `JSON.stringify` and `util.inspect` show the
 * kind and the non-secret identifiers only.
 */
export interface AuthMethod {
  /** E.g. `keystone-v3 password`, `rackspace api-key`. */
  readonly kind: string;
  /** The identity endpoint as configured (e.g. `https://keystone.example.com/v3`). */
  readonly authUrl: string;
  /** Sends one auth request and returns the token. Throws {@link AuthenticationError} when refused. */
  authenticate(context: AuthContext): Promise<AccessToken>;
}

/**
 * Records a missing secret (password, API key, token, credential secret) as a validation issue.
 * Never echoes the value back, not even a wrong-typed one.
 */
export function secretIssue(issues: ValidationIssue[], path: string, value: unknown): void {
  if (typeof value !== "string" || value === "") issues.push({ path: [path], message: "is required (a non-empty string)" });
}

/** Base of the auth method classes: secret-free `toJSON` and `util.inspect`. */
export abstract class AuthMethodBase implements AuthMethod {
  abstract readonly kind: string;
  abstract readonly authUrl: string;
  abstract authenticate(context: AuthContext): Promise<AccessToken>;
  /** Non-secret identifiers shown by `toJSON`/`inspect` (user, project…). */
  protected abstract describe(): Record<string, string | boolean | undefined>;

  toJSON(): Record<string, unknown> {
    return { kind: this.kind, authUrl: this.authUrl, ...this.describe() };
  }

  [INSPECT](): string {
    const fields = Object.entries(this.describe())
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    return `AuthMethod(${this.kind}) { authUrl: ${JSON.stringify(this.authUrl)}${fields.length ? `, ${fields.join(", ")}` : ""}, secret: [REDACTED] }`;
  }
}

/**
 * The JSON body, content type and retry safety of an identity request, to spread into the
 * spec builder's request (`keystoneOp({ …, ...identityJson(body) })`). Asking for a token twice
 * has no effect beyond a second token, so the request is safe to retry.
 */
export function identityJson(body: unknown): { headers: Record<string, string>; body: Uint8Array; idempotent: true } {
  return { headers: { "content-type": "application/json" }, body: new TextEncoder().encode(JSON.stringify(body)), idempotent: true };
}

/**
 * Sends an identity request (JSON in, JSON out) below `authUrl` and maps HTTP errors to
 * {@link AuthenticationError}. `request` is built by the identity document's spec builder
 * (method, path and expected statuses checked against the generated `paths`).
 */
export async function postIdentity<S extends ResponseSchema>(
  context: AuthContext,
  init: {
    kind: string;
    authUrl: string;
    request: OperationRequest;
    schema: S;
  },
): Promise<{ data: Infer<S>; headers: Readonly<Record<string, string>> }> {
  const http = new HttpClient({
    root: normalizeEndpoint(init.authUrl),
    transport: context.transport,
    timeoutMs: context.timeoutMs,
    validateResponses: true,
  });
  try {
    const result = await http.json(init.request, init.schema, { signal: context.signal });
    return { data: result.data, headers: result.headers };
  } catch (error) {
    if (error instanceof HttpError)
      throw new AuthenticationError({
        method: init.kind,
        authUrl: http.url(init.request.path),
        error,
      });
    throw error;
  }
}

/** `undefined` for empty strings too (configuration files often leave keys blank). */
export function nonEmpty(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === ""
    ? undefined
    : value;
}
