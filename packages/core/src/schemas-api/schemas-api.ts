import { ValidationError, type ValidationIssue } from "../errors/validation-error.js";
import type { CallOptions, HttpClient, ResponseInfo } from "../http/http-client.js";
import { apiPromise, recordResponse, type ApiPromise } from "../http/api-promise.js";
import { imageOp } from "../images/images-api.js";
import type { paths as ImagePaths } from "../generated/image-v2.js";
import type { ImagesApi } from "../images/images-api.js";
import { unescapePointerToken } from "../patch/json-pointer.js";
import type { ImagePatchOperation } from "../patch/patch-operation.js";
import type { Image, JsonSchemaDocument } from "../schemas/image-v2.js";
import { jsonSchemaDocument as JsonSchemaDocumentSchema } from "../validation/json-schema.js";
import { InputChecker } from "../validation/checker.js";
import { checkJsonSchema, checkProperty, type JsonSchemaNode } from "./json-schema-check.js";
import { ownValue } from "../records/own-keys.js";

/** The six schemas Glance serves under `/v2/schemas/`. */
export const SCHEMA_NAMES = ["images", "image", "members", "member", "tasks", "task"] as const;
/** A schema name. */
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** Where each schema is, as the spec names the paths. */
const SCHEMA_PATHS = {
  images: "/v2/schemas/images",
  image: "/v2/schemas/image",
  members: "/v2/schemas/members",
  member: "/v2/schemas/member",
  tasks: "/v2/schemas/tasks",
  task: "/v2/schemas/task",
} as const satisfies Record<SchemaName, keyof ImagePaths>;

/** Options of schema reads. */
export interface GetSchemaOptions extends CallOptions {
  /** Fetch again even when this client already has the schema (schemas rarely change). */
  readonly refresh?: boolean;
}

/**
 * Glance's JSON schemas (`GET /v2/schemas/{name}`), cached per client, and checks of image
 * changes against the **server's** `image` schema — which knows the operator's property
 * rules (patterns of `kernel_id`, `additionalProperties`…) that the SDK's own checks cannot.
 */
export class SchemasApi {
  readonly #http: HttpClient;
  readonly #images: ImagesApi;
  readonly #cache = new Map<SchemaName, Promise<{ data: JsonSchemaDocument; response: ResponseInfo }>>();

  constructor(http: HttpClient, images: ImagesApi) {
    this.#http = http;
    this.#images = images;
  }

  /**
   * One schema (`GET /v2/schemas/{name}`); cached unless `refresh`. A failed read is not cached.
   * `.withResponse()` of a cached read gives the answer the schema was read from.
   */
  get(name: SchemaName, options: GetSchemaOptions = {}): ApiPromise<JsonSchemaDocument> {
    const { refresh, ...callOptions } = options ?? {};
    return apiPromise(callOptions, async (sinkOptions) => {
      const check = new InputChecker("schemas.get");
      check.oneOf(["name"], name, SCHEMA_NAMES);
      check.throwIfInvalid();
      let pending = this.#cache.get(name);
      if (!pending || refresh) {
        const read = this.#http
          .json(imageOp({ operation: "schemas.get", method: "get", path: SCHEMA_PATHS[name], params: {}, expect: [200] }), JsonSchemaDocumentSchema, callOptions)
          .then(({ data, ...response }) => ({ data, response }));
        this.#cache.set(name, read);
        read.catch(() => {
          if (this.#cache.get(name) === read) this.#cache.delete(name);
        });
        pending = read;
      }
      const { data, response } = await pending;
      recordResponse(sinkOptions, response);
      return data;
    });
  }

  /** The `images` (list) schema. */
  images(options?: GetSchemaOptions): ApiPromise<JsonSchemaDocument> {
    return this.get("images", options);
  }
  /** The `image` schema. */
  image(options?: GetSchemaOptions): ApiPromise<JsonSchemaDocument> {
    return this.get("image", options);
  }
  /** The `members` (list) schema. */
  members(options?: GetSchemaOptions): ApiPromise<JsonSchemaDocument> {
    return this.get("members", options);
  }
  /** The `member` schema. */
  member(options?: GetSchemaOptions): ApiPromise<JsonSchemaDocument> {
    return this.get("member", options);
  }
  /** The `tasks` (list) schema. */
  tasks(options?: GetSchemaOptions): ApiPromise<JsonSchemaDocument> {
    return this.get("tasks", options);
  }
  /** The `task` schema. */
  task(options?: GetSchemaOptions): ApiPromise<JsonSchemaDocument> {
    return this.get("task", options);
  }

  /**
   * Checks patch operations against the server's `image` schema (fetched once per client) and
   * throws a `ValidationError` listing every problem; nothing is sent. Checks value types,
   * enums, lengths and patterns of declared properties, `additionalProperties` for custom ones,
   * writes to read-only attributes and removal of base attributes.
   */
  validateImagePatch(operations: readonly ImagePatchOperation[], options?: GetSchemaOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      const schema = await this.image(sinkOptions);
      const issues = imagePatchProblems(schema, operations);
      if (issues.length > 0) throw new ValidationError("schemas.validateImagePatch", issues);
    });
  }

  /** Checks attributes (`{ name: value }`, as for create) against the server's `image` schema. */
  validateImageProperties(properties: Readonly<Record<string, unknown>>, options?: GetSchemaOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      const schema = await this.image(sinkOptions);
      const issues: ValidationIssue[] = [];
      for (const [name, value] of Object.entries(properties)) {
        if (value === undefined) continue;
        issues.push(...writeProblems(schema, name, value, [name]));
      }
      if (issues.length > 0) throw new ValidationError("schemas.validateImageProperties", issues);
    });
  }

  /**
   * `images.update`, after checking the operations against the server's `image` schema (set
   * `validateAgainstSchema: false` to skip the check). Returns the updated image.
   */
  updateImage(
    imageId: string,
    operations: readonly ImagePatchOperation[],
    options: CallOptions & { readonly validateAgainstSchema?: boolean } = {},
  ): ApiPromise<Image> {
    const { validateAgainstSchema = true, ...callOptions } = options ?? {};
    return apiPromise(callOptions, async (sinkOptions) => {
      if (validateAgainstSchema) await this.validateImagePatch(operations, sinkOptions);
      return this.#images.update(imageId, operations, sinkOptions);
    });
  }
}

/** Problems of patch operations under an `image` schema (pure; see {@link SchemasApi.validateImagePatch}). */
export function imagePatchProblems(schema: JsonSchemaDocument, operations: readonly ImagePatchOperation[]): ValidationIssue[] {
  const node = schema as unknown as JsonSchemaNode;
  const issues: ValidationIssue[] = [];
  operations.forEach((operation, i) => {
    if (typeof operation?.path !== "string" || !operation.path.startsWith("/")) {
      issues.push({ path: [i, "path"], message: "must be a JSON pointer such as /name" });
      return;
    }
    const [first = "", ...rest] = operation.path.slice(1).split("/");
    const name = unescapePointerToken(first);
    const declared = ownValue(node.properties, name);
    if (operation.op === "remove") {
      if (rest.length > 0) return;
      if (declared?.readOnly === true) issues.push({ path: [i, "path"], message: `\`${name}\` is read-only: the server sets it` });
      else if (declared !== undefined && declared.is_base !== false) {
        issues.push({ path: [i, "path"], message: `\`${name}\` is a base attribute of the image schema and cannot be removed (set it instead)` });
      }
      return;
    }
    if (rest.length > 0) {
      // A sub-path: `/tags/-`, `/locations/0`… checked against the item schema.
      const items = declared?.items;
      if (items !== undefined) for (const p of checkJsonSchema(items, operation.value, [i, "value"])) issues.push(p);
      return;
    }
    issues.push(...writeProblems(schema, name, operation.value, [i, "value"]));
  });
  return issues;
}

function writeProblems(schema: JsonSchemaDocument, name: string, value: unknown, path: (string | number)[]): ValidationIssue[] {
  const node = schema as unknown as JsonSchemaNode;
  const declared = ownValue(node.properties, name);
  if (declared?.readOnly === true) return [{ path, message: `\`${name}\` is read-only: the server sets it` }];
  return checkProperty(node, name, value, path).map((p) => ({
    path: p.path,
    message: p.path === path ? `\`${name}\` ${p.message}` : p.message,
  }));
}
