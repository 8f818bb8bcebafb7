/**
 * Run-time validators (zod/mini) for the Cloud Files (OpenStack Object Storage v1) subset in
 * `spec/object-store-v1.yaml`, tied by {@link schemaFor} to the generated types: the JSON
 * account and container listings, and the headers each documented answer carries.
 *
 * Header schemas use the spec's spelling of header names (HTTP compares them without regard
 * to case; Node gives them in lower case). Counts and sizes arrive as decimal text and come
 * out as numbers. Unknown keys and headers are kept (`looseObject`).
 *
 * @packageDocumentation
 */
import { z } from "zod/mini";
import type { components, operations } from "../generated/object-store-v1.js";
import { schemaFor } from "./type-equality.js";

type ObjectStore = components["schemas"];

/** A container in a JSON account listing (`GET /v1/{account}?format=json`). */
export type ObjectStoreContainerSummary = ObjectStore["ContainerSummary"];
/** The JSON account listing. */
export type ObjectStoreAccountListing = ObjectStore["AccountListing"];
/** An object in a JSON container listing (`GET /v1/{account}/{container}?format=json`). */
export type ObjectStoreObjectSummary = ObjectStore["ObjectSummary"];
/** A rolled-up prefix in a JSON container listing asked with `delimiter`. */
export type ObjectStoreSubdirEntry = ObjectStore["SubdirEntry"];
/** The JSON container listing. */
export type ObjectStoreContainerListing = ObjectStore["ContainerListing"];
/** The operation ids of `spec/object-store-v1.yaml`. */
export type ObjectStoreOperationId = keyof operations;

/** Validates an {@link ObjectStoreContainerSummary}. */
export const ObjectStoreContainerSummarySchema =
  schemaFor<ObjectStoreContainerSummary>()(
    z.looseObject({
      name: z.string(),
      count: z.int().check(z.gte(0)),
      bytes: z.int().check(z.gte(0)),
      last_modified: z.optional(z.string()),
    }),
  );
/** Validates an {@link ObjectStoreAccountListing}. */
export const ObjectStoreAccountListingSchema =
  schemaFor<ObjectStoreAccountListing>()(
    z.array(ObjectStoreContainerSummarySchema),
  );

/** Validates an {@link ObjectStoreObjectSummary}. */
export const ObjectStoreObjectSummarySchema =
  schemaFor<ObjectStoreObjectSummary>()(
    z.looseObject({
      name: z.string(),
      hash: z.string(),
      bytes: z.int().check(z.gte(0)),
      content_type: z.string(),
      last_modified: z.string(),
    }),
  );
/** Validates an {@link ObjectStoreSubdirEntry}. */
export const ObjectStoreSubdirEntrySchema = schemaFor<ObjectStoreSubdirEntry>()(
  z.looseObject({ subdir: z.string() }),
);
/** Validates an {@link ObjectStoreContainerListing}. */
export const ObjectStoreContainerListingSchema =
  schemaFor<ObjectStoreContainerListing>()(
    z.array(
      z.union([ObjectStoreObjectSummarySchema, ObjectStoreSubdirEntrySchema]),
    ),
  );

// Header values: counts are decimal text, read as numbers.
const count = z.pipe(
  z.string().check(z.regex(/^\d+$/)),
  z.transform((s: string) => Number(s)),
);
const transaction = {
  "X-Trans-Id": z.string().check(z.minLength(1)),
  Date: z.string().check(z.minLength(1)),
};
const timestamp = z.string().check(z.regex(/^\d{10}\.\d{5}$/));

/** Headers of the account answers (`GET` 200/204 and `HEAD` 204 on `/v1/{account}`). */
export const ObjectStoreAccountHeadersSchema = schemaFor<
  operations["listContainers"]["responses"][200]["headers"]
>()(
  z.looseObject({
    "X-Account-Container-Count": count,
    "X-Account-Object-Count": count,
    "X-Account-Bytes-Used": count,
    "X-Timestamp": timestamp,
    ...transaction,
  }),
);
/** Headers of the container answers (`GET` 200/204 and `HEAD` 204 on `/v1/{account}/{container}`). */
export const ObjectStoreContainerHeadersSchema = schemaFor<
  operations["listObjects"]["responses"][200]["headers"]
>()(
  z.looseObject({
    "X-Container-Object-Count": count,
    "X-Container-Bytes-Used": count,
    "X-Timestamp": timestamp,
    ...transaction,
  }),
);
/** Headers of an object's `GET` and `HEAD` (200). */
export const ObjectStoreObjectHeadersSchema = schemaFor<
  operations["getObject"]["responses"][200]["headers"]
>()(
  z.looseObject({
    "Content-Length": count,
    "Content-Type": z.string().check(z.minLength(1)),
    ETag: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
    "Last-Modified": z.string().check(z.minLength(1)),
    "X-Timestamp": timestamp,
    ...transaction,
  }),
);
/** Headers of a stored object (`PUT` 201). */
export const ObjectStoreObjectCreatedHeadersSchema = schemaFor<
  operations["createOrReplaceObject"]["responses"][201]["headers"]
>()(
  z.looseObject({
    ETag: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
    "Last-Modified": z.string().check(z.minLength(1)),
    ...transaction,
  }),
);
/** Headers of the bodiless successes (container create/update/delete, object update/delete). */
export const ObjectStoreTransactionHeadersSchema = schemaFor<
  components["responses"]["Transaction"]["headers"]
>()(z.looseObject(transaction));
/** Headers of the error answers the store itself makes. */
export const ObjectStoreErrorHeadersSchema = schemaFor<
  components["responses"]["NotFound"]["headers"]
>()(z.looseObject({ "X-Trans-Id": z.string().check(z.minLength(1)) }));
/** Headers of the errors that may come from in front of the store (401, 503): none required. */
export const ObjectStoreAnyHeadersSchema = schemaFor<
  components["responses"]["Unauthorized"]["headers"]
>()(z.looseObject({}));

type HeaderSchemas = {
  readonly [K in ObjectStoreOperationId]: {
    readonly [S in keyof operations[K]["responses"]]: z.ZodMiniType<
      operations[K]["responses"][S] extends { headers: infer H } ? H : never
    >;
  };
};
const accountErrors = {
  401: ObjectStoreAnyHeadersSchema,
  403: ObjectStoreErrorHeadersSchema,
  503: ObjectStoreAnyHeadersSchema,
} as const;
const errors = {
  ...accountErrors,
  404: ObjectStoreErrorHeadersSchema,
} as const;

/**
 * For every operation of `spec/object-store-v1.yaml`, every status the spec documents and the
 * schema of the headers that answer carries: a status missing here, or one the spec does not
 * list, fails the typecheck.
 */
export const ObjectStoreResponseHeaderSchemas: HeaderSchemas = {
  listContainers: {
    200: ObjectStoreAccountHeadersSchema,
    204: ObjectStoreAccountHeadersSchema,
    412: ObjectStoreErrorHeadersSchema,
    ...accountErrors,
  },
  showAccountMetadata: {
    204: ObjectStoreAccountHeadersSchema,
    ...accountErrors,
  },
  listObjects: {
    200: ObjectStoreContainerHeadersSchema,
    204: ObjectStoreContainerHeadersSchema,
    412: ObjectStoreErrorHeadersSchema,
    ...errors,
  },
  createContainer: {
    201: ObjectStoreTransactionHeadersSchema,
    202: ObjectStoreTransactionHeadersSchema,
    400: ObjectStoreErrorHeadersSchema,
    ...accountErrors,
  },
  showContainerMetadata: { 204: ObjectStoreContainerHeadersSchema, ...errors },
  updateContainerMetadata: {
    204: ObjectStoreTransactionHeadersSchema,
    ...errors,
  },
  deleteContainer: {
    204: ObjectStoreTransactionHeadersSchema,
    409: ObjectStoreErrorHeadersSchema,
    ...errors,
  },
  getObject: { 200: ObjectStoreObjectHeadersSchema, ...errors },
  createOrReplaceObject: {
    201: ObjectStoreObjectCreatedHeadersSchema,
    400: ObjectStoreErrorHeadersSchema,
    411: ObjectStoreErrorHeadersSchema,
    422: ObjectStoreErrorHeadersSchema,
    ...errors,
  },
  showObjectMetadata: { 200: ObjectStoreObjectHeadersSchema, ...errors },
  updateObjectMetadata: { 202: ObjectStoreTransactionHeadersSchema, ...errors },
  deleteObject: { 204: ObjectStoreTransactionHeadersSchema, ...errors },
};
