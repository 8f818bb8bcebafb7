import { BadRequestError, ForbiddenError, NotFoundError } from "../errors/http-errors.js";
import { ResponseValidationError } from "../errors/response-validation-error.js";
import type { CallOptions, HttpClient } from "../http/http-client.js";
import { imageOp } from "../images/images-api.js";
import type { JsonSchemaDocument } from "../schemas/image-v2.js";
import { jsonSchemaDocument as JsonSchemaDocumentSchema } from "../validation/json-schema.js";

/**
 * Where {@link MembersApi} learns the visibilities the server's images may have: the `enum` of
 * the `visibility` property of its `image` schema (`GET /v2/schemas/image`), or `undefined`
 * when the schema does not list them. The client passes one backed by its own schema cache
 * (see `visibilitiesFromImageSchema`); without one, the members API reads the schema itself.
 */
export type VisibilitySource = (options?: CallOptions) => Promise<readonly string[] | undefined>;

/** How the server shares images, as its `image` schema tells. */
export interface SharingModel {
  /**
   * Whether images have a `shared` visibility (upstream Glance ≥ API 2.5). Without it (Rackspace
   * Cloud Images, older Glance), images with members stay `private`, and consumer listings
   * cannot filter on `visibility=shared`.
   */
  readonly sharedVisibility: boolean;
}

/** Upstream Glance's model, assumed when the server does not say otherwise. */
const GLANCE_MODEL: SharingModel = { sharedVisibility: true };

/**
 * The visibilities an `image` schema allows (its `visibility` property's `enum`), or `undefined`
 * when it does not list them. Pure: give it the document of `GET /v2/schemas/image`.
 */
export function visibilitiesFromImageSchema(schema: JsonSchemaDocument): string[] | undefined {
  const property = schema.properties["visibility"];
  if (typeof property !== "object" || property === null) return undefined;
  const values = (property as { enum?: unknown }).enum;
  if (!Array.isArray(values)) return undefined;
  return values.filter((v): v is string => typeof v === "string");
}

/** A {@link VisibilitySource} that reads `GET /v2/schemas/image` through `http` on every call. */
export function schemaVisibilitySource(http: HttpClient): VisibilitySource {
  return async (options) => {
    const { data } = await http.json(imageOp({ operation: "schemas.get", method: "get", path: "/v2/schemas/image", params: {}, expect: [200] }), JsonSchemaDocumentSchema, options);
    return visibilitiesFromImageSchema(data);
  };
}

/** Whether a failed schema read is the server's final word (no readable schema here), not a passing failure. */
function isDefinitive(error: unknown): boolean {
  return error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof BadRequestError || error instanceof ResponseValidationError;
}

/**
 * The server's {@link SharingModel}, learned once per client, lazily: the schema is read the
 * first time a sharing call needs it. A schema that cannot be had (404, 403, 400, not a schema)
 * or lists no visibilities means upstream Glance's model; a passing failure (connection,
 * timeout, 5xx, 401) is thrown and not remembered, so the next call asks again.
 */
export class SharingModelCache {
  readonly #source: VisibilitySource;
  #model: Promise<SharingModel> | undefined;

  constructor(source: VisibilitySource) {
    this.#source = source;
  }

  /** The model (read from the server the first time). */
  get(options?: CallOptions): Promise<SharingModel> {
    if (this.#model) return this.#model;
    const pending = this.#source(options).then(
      (visibilities): SharingModel => (visibilities === undefined ? GLANCE_MODEL : { sharedVisibility: visibilities.includes("shared") }),
      (error: unknown): SharingModel => {
        if (isDefinitive(error)) return GLANCE_MODEL;
        throw error;
      },
    );
    this.#model = pending;
    pending.catch(() => {
      if (this.#model === pending) this.#model = undefined;
    });
    return pending;
  }

  /** The model, or upstream Glance's when it cannot be learned now (for wording diagnoses, never throws). */
  async getOrGlance(options?: CallOptions): Promise<SharingModel> {
    try {
      return await this.get(options);
    } catch {
      return GLANCE_MODEL;
    }
  }
}
