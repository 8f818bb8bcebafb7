import { ValidationError } from "../errors/validation-error.js";
import { segmentProblem } from "../validation/checker.js";
import type { OperationRequest } from "./http-client.js";
import type { QueryEntries } from "./query.js";
import type { RequestBody } from "../transport/transport.js";

/** The HTTP methods an OpenAPI path item can hold, as openapi-typescript names them. */
export type SpecMethod = "get" | "put" | "post" | "delete" | "patch" | "head";

/** The methods a path item of the generated `paths` defines (those not typed `never`). */
export type MethodsOf<Item> = { [M in SpecMethod & keyof Item]: [Item[M]] extends [never | undefined] ? never : M }[SpecMethod & keyof Item];

/** The statuses of an operation that mean success (2xx and Glance's 300 for versions). */
export type SuccessStatus<Operation> = Operation extends { responses: infer R } ? Extract<keyof R, 200 | 201 | 202 | 203 | 204 | 206 | 300> : never;

/** The path parameters an operation declares, as strings. */
export type PathParams<Operation> = Operation extends { parameters: { path: infer P } } ? ([P] extends [never | undefined] ? Record<never, never> : { readonly [K in keyof P]: string }) : Record<never, never>;

/** One request described in the spec's words: its path template and method must exist in `Paths`, its expected statuses in the operation's responses. */
export interface SpecRequest<Paths, P extends keyof Paths, M extends SpecMethod> {
  /** Operation name used in validation and error messages, e.g. `images.get`. */
  readonly operation: string;
  /** The method, as the spec's path item names it (`get`, `post`…). */
  readonly method: M;
  /** The path template exactly as in the spec, e.g. `/v2/images/{image_id}/tags/{tag}`. */
  readonly path: P;
  /** Values of the template's parameters; each one becomes one checked, encoded path segment. */
  readonly params: PathParams<Paths[P][M & keyof Paths[P]]>;
  /** Statuses that count as success: a subset of the operation's documented 2xx answers. */
  readonly expect: readonly SuccessStatus<Paths[P][M & keyof Paths[P]]>[];
  /** Query parameters. */
  readonly query?: QueryEntries | undefined;
  /** Headers of this operation. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Request body. */
  readonly body?: RequestBody | undefined;
  /** See {@link OperationRequest.idempotent}. */
  readonly idempotent?: boolean | undefined;
  /** See {@link OperationRequest.settlingStatuses}. */
  readonly settlingStatuses?: readonly number[] | undefined;
}

/**
 * Builds requests of one OpenAPI document: `specRequests<paths>()` gives a function that turns a
 * {@link SpecRequest} into the HTTP layer's `OperationRequest`. Method, path template and
 * expected statuses are checked against the generated `paths` type, so a change in the spec
 * that an operation does not follow fails the typecheck. Each path parameter must be a safe
 * segment (not empty, not a dot segment, no `/`), else a `ValidationError` is thrown.
 */
export function specRequests<Paths>(): <P extends keyof Paths & string, M extends MethodsOf<Paths[P]>>(request: SpecRequest<Paths, P, M>) => OperationRequest {
  return (request) => ({
    operation: request.operation,
    method: request.method.toUpperCase() as OperationRequest["method"],
    path: fillTemplate(request.operation, request.path, request.params as Readonly<Record<string, string>>),
    query: request.query,
    headers: request.headers,
    body: request.body,
    expect: request.expect as readonly number[],
    idempotent: request.idempotent,
    settlingStatuses: request.settlingStatuses,
  });
}

/** Matches a lone UTF-16 surrogate: a string with one has no UTF-8 form, so it cannot be percent-encoded (or sent). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be put in a URL (a lone surrogate), or `undefined`. */
export function unicodeProblem(value: string): string | undefined {
  return LONE_SURROGATE.test(value) ? "is not well-formed Unicode (it holds a lone surrogate), so it cannot be sent in a URL" : undefined;
}

/** Replaces each `{name}` of a path template by its value, checked and percent-encoded. */
export function fillTemplate(operation: string, template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    const problem = typeof value !== "string" ? `must be a string, got ${value === null ? "null" : typeof value}` : (segmentProblem(value) ?? unicodeProblem(value));
    if (problem !== undefined) throw new ValidationError(operation, [{ path: [name], message: problem }]);
    return encodeURIComponent(value as string);
  });
}
