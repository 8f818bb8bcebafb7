/**
 * Run-time validators (zod/mini) for the responses of the OpenStack Image API v2, and the
 * TypeScript types of its resources, both derived from `spec/image-v2.yaml`.
 *
 * Every schema is declared through {@link schemaFor}, which makes the typecheck fail when the
 * schema and the type generated from the OpenAPI document (`../generated/image-v2.ts`) differ.
 * Schemas of objects that Glance extends with arbitrary keys (images, tasks, ...) are
 * `z.looseObject`: unknown keys are kept, not stripped.
 *
 * @packageDocumentation
 */
import { z } from "zod/mini";
import type { components } from "../generated/image-v2.js";
import { schemaFor } from "./type-equality.js";

type Schemas = components["schemas"];

// The enumeration types (ImageStatus, DiskFormat, ContainerFormat, Visibility, MemberStatus)
// are exported by `../images/enums.ts` from the same generated definitions.

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A link of a version entry (`rel`, `href`). */
export type Link = Schemas["Link"];
/** One entry of the versions document returned by `GET /`. */
export type Version = Schemas["Version"];
/** The versions document returned by `GET /` (status 300 or 200). */
export type VersionsDocument = Schemas["VersionsDocument"];
/**
 * An image: the base attributes (always present, `null` when unset) plus custom properties,
 * reachable through the string index signature.
 */
export type Image = Schemas["Image"];
/** One page of `GET /v2/images`; `next` is absent on the last page. */
export type ImageList = Schemas["ImageList"];
/** Body of `POST /v2/images`; extra keys become custom properties (string values). */
export type ImageCreateRequest = Schemas["ImageCreateRequest"];
/** One operation of an image PATCH (`add`, `replace` or `remove`). */
export type ImagePatchOperation = Schemas["ImagePatchOperation"];
/** Body of `PATCH /v2/images/{image_id}` (media type `application/openstack-images-v2.1-json-patch`). */
export type ImagePatch = Schemas["ImagePatch"];
/** A location of an image's data (locations API, since 2.17). */
export type ImageLocation = Schemas["ImageLocation"];
/** A project an image is shared with. */
export type Member = Schemas["Member"];
/** Response of `GET /v2/images/{image_id}/members`. */
export type MemberList = Schemas["MemberList"];
/** Body of `POST /v2/images/{image_id}/members`. */
export type MemberCreateRequest = Schemas["MemberCreateRequest"];
/** Body of `PUT /v2/images/{image_id}/members/{member_id}`. */
export type MemberUpdateRequest = Schemas["MemberUpdateRequest"];
/** Status of a task. */
export type TaskStatus = Schemas["TaskStatus"];
/** A task; `input`, `result` and `message` are absent from list entries. */
export type Task = Schemas["Task"];
/** One page of `GET /v2/tasks`. */
export type TaskList = Schemas["TaskList"];
/** A task as listed by `GET /v2/images/{image_id}/tasks` (no `self`/`schema` links). */
export type ImageTask = Schemas["ImageTask"];
/** Response of `GET /v2/images/{image_id}/tasks` (since 2.12). */
export type ImageTaskList = Schemas["ImageTaskList"];
/** Body of `POST /v2/tasks`. */
export type TaskCreateRequest = Schemas["TaskCreateRequest"];
/** Body of `POST /v2/images/{image_id}/import`. */
export type ImportRequest = Schemas["ImportRequest"];
/** Response of `GET /v2/info/import`. */
export type ImportInfo = Schemas["ImportInfo"];
/** Response of `GET /v2/info/stores`. */
export type StoresInfo = Schemas["StoresInfo"];
/** Response of `GET /v2/info/stores/detail` (admin only). */
export type StoresDetailInfo = Schemas["StoresDetailInfo"];
/** Response of `GET /v2/info/usage`. */
export type UsageInfo = Schemas["UsageInfo"];
/** A JSON Schema document served under `/v2/schemas/...`. */
export type JsonSchemaDocument = Schemas["JsonSchemaDocument"];
/** Glance's JSON error body (sent when the request has `Accept: application/json`). */
export type ErrorResponse = Schemas["ErrorResponse"];
/** Response of `GET /v2/cache` (since 2.14). */
export type CachedImageList = Schemas["CachedImageList"];

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

/** Validates an image-API `ImageStatus` value. */
export const ImageStatusSchema = schemaFor<Schemas["ImageStatus"]>()(
  z.enum([
    "queued",
    "saving",
    "uploading",
    "importing",
    "active",
    "deactivated",
    "killed",
    "deleted",
    "pending_delete",
  ]),
);

/** Validates an image-API `DiskFormat` value. */
export const DiskFormatSchema = schemaFor<Schemas["DiskFormat"]>()(
  z.enum(["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"]),
);

/** Validates an image-API `ContainerFormat` value. */
export const ContainerFormatSchema = schemaFor<Schemas["ContainerFormat"]>()(
  z.enum(["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"]),
);

/** Validates an image-API `Visibility` value. */
export const VisibilitySchema = schemaFor<Schemas["Visibility"]>()(
  z.enum(["public", "private", "shared", "community"]),
);

/** Validates an image-API `MemberStatus` value. */
export const MemberStatusSchema = schemaFor<Schemas["MemberStatus"]>()(
  z.enum(["pending", "accepted", "rejected"]),
);

/** Validates a {@link TaskStatus}. */
export const TaskStatusSchema = schemaFor<TaskStatus>()(
  z.enum(["pending", "processing", "success", "failure"]),
);

// ---------------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------------

/** Validates a {@link Link}. */
export const LinkSchema = schemaFor<Link>()(z.object({ rel: z.string(), href: z.string() }));

/** Validates a {@link Version}. */
export const VersionSchema = schemaFor<Version>()(
  z.object({
    id: z.string(),
    status: z.enum(["CURRENT", "SUPPORTED", "DEPRECATED", "EXPERIMENTAL"]),
    links: z.array(LinkSchema),
  }),
);

/** Validates the {@link VersionsDocument} of `GET /`. */
export const VersionsDocumentSchema = schemaFor<VersionsDocument>()(
  z.object({ versions: z.array(VersionSchema) }),
);

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

/** Validates an {@link ImageLocation}. */
export const ImageLocationSchema = schemaFor<ImageLocation>()(
  z.object({
    url: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    validation_data: z.optional(z.object({ os_hash_algo: z.optional(z.string()), os_hash_value: z.optional(z.string()) })),
  }),
);

/** Validates an {@link Image}; custom properties are kept. */
export const ImageSchema = schemaFor<Image>()(
  z.looseObject({
    id: z.string(),
    name: z.nullable(z.string()),
    status: ImageStatusSchema,
    visibility: VisibilitySchema,
    protected: z.boolean(),
    os_hidden: z.boolean(),
    checksum: z.nullable(z.string()),
    os_hash_algo: z.nullable(z.string()),
    os_hash_value: z.nullable(z.string()),
    owner: z.nullable(z.string()),
    size: z.nullable(z.int()),
    virtual_size: z.nullable(z.int()),
    min_disk: z.int(),
    min_ram: z.int(),
    container_format: z.nullable(ContainerFormatSchema),
    disk_format: z.nullable(DiskFormatSchema),
    created_at: z.string(),
    updated_at: z.string(),
    tags: z.array(z.string()),
    self: z.string(),
    file: z.string(),
    schema: z.string(),
    direct_url: z.optional(z.string()),
    locations: z.optional(z.array(ImageLocationSchema)),
    stores: z.optional(z.string()),
  }),
);

/** Validates an {@link ImageList} page. */
export const ImageListSchema = schemaFor<ImageList>()(
  z.object({
    images: z.array(ImageSchema),
    first: z.string(),
    schema: z.string(),
    next: z.optional(z.string()),
  }),
);

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

/** Validates a {@link Member}. */
export const MemberSchema = schemaFor<Member>()(
  z.object({
    member_id: z.string(),
    image_id: z.string(),
    status: MemberStatusSchema,
    created_at: z.string(),
    updated_at: z.string(),
    schema: z.string(),
  }),
);

/** Validates a {@link MemberList}. */
export const MemberListSchema = schemaFor<MemberList>()(
  z.object({ members: z.array(MemberSchema), schema: z.string() }),
);

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

/** Validates a {@link Task}; unknown keys are kept. */
export const TaskSchema = schemaFor<Task>()(
  z.looseObject({
    id: z.string(),
    type: z.string(),
    status: TaskStatusSchema,
    input: z.optional(z.record(z.string(), z.unknown())),
    result: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
    owner: z.string(),
    message: z.optional(z.string()),
    expires_at: z.optional(z.nullable(z.string())),
    created_at: z.string(),
    updated_at: z.string(),
    self: z.string(),
    schema: z.string(),
    image_id: z.optional(z.string()),
    request_id: z.optional(z.string()),
    user_id: z.optional(z.string()),
  }),
);

/** Validates a {@link TaskList} page. */
export const TaskListSchema = schemaFor<TaskList>()(
  z.object({
    tasks: z.array(TaskSchema),
    first: z.string(),
    schema: z.string(),
    next: z.optional(z.string()),
  }),
);

/**
 * Validates an {@link ImageTask} (`GET /v2/images/{id}/tasks`): a task without the `self` and
 * `schema` links, plus the `deleted`/`deleted_at` columns; unknown keys are kept.
 */
export const ImageTaskSchema = schemaFor<ImageTask>()(
  z.extend(z.omit(TaskSchema, { self: true, schema: true }), {
    deleted_at: z.optional(z.nullable(z.string())),
    deleted: z.optional(z.boolean()),
  }),
);

/** Validates an {@link ImageTaskList}. */
export const ImageTaskListSchema = schemaFor<ImageTaskList>()(
  z.object({ tasks: z.array(ImageTaskSchema) }),
);

// ---------------------------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------------------------

/** Validates the {@link ImportInfo} of `GET /v2/info/import`. */
export const ImportInfoSchema = schemaFor<ImportInfo>()(
  z.looseObject({
    "import-methods": z.object({
      description: z.optional(z.string()),
      type: z.optional(z.string()),
      value: z.array(z.string()),
    }),
  }),
);

const StoreFlag = z.union([z.boolean(), z.string()]);

/** Validates the {@link StoresInfo} of `GET /v2/info/stores`. */
export const StoresInfoSchema = schemaFor<StoresInfo>()(
  z.object({
    stores: z.array(
      z.looseObject({
        id: z.string(),
        description: z.optional(z.string()),
        default: z.optional(StoreFlag),
        "read-only": z.optional(StoreFlag),
      }),
    ),
  }),
);

/** Validates the {@link StoresDetailInfo} of `GET /v2/info/stores/detail`. */
export const StoresDetailInfoSchema = schemaFor<StoresDetailInfo>()(
  z.object({
    stores: z.array(
      z.looseObject({
        id: z.string(),
        description: z.optional(z.string()),
        default: z.optional(StoreFlag),
        "read-only": z.optional(StoreFlag),
        type: z.optional(z.string()),
        weight: z.optional(z.int()),
        properties: z.optional(z.record(z.string(), z.unknown())),
      }),
    ),
  }),
);

/** Validates the {@link UsageInfo} of `GET /v2/info/usage`. */
export const UsageInfoSchema = schemaFor<UsageInfo>()(
  z.object({
    usage: z.record(z.string(), z.object({ limit: z.int(), usage: z.int() })),
  }),
);

// ---------------------------------------------------------------------------------------------
// Schemas, errors, cache
// ---------------------------------------------------------------------------------------------

/** Validates a {@link JsonSchemaDocument} served under `/v2/schemas/...`. */
export const JsonSchemaDocumentSchema = schemaFor<JsonSchemaDocument>()(
  z.looseObject({
    name: z.string(),
    properties: z.record(z.string(), z.unknown()),
    links: z.optional(z.array(z.record(z.string(), z.unknown()))),
    additionalProperties: z.optional(z.union([z.boolean(), z.record(z.string(), z.unknown())])),
    required: z.optional(z.array(z.string())),
  }),
);

/** Validates Glance's JSON {@link ErrorResponse} body. */
export const ErrorResponseSchema = schemaFor<ErrorResponse>()(
  z.object({
    code: z.optional(z.string()),
    title: z.optional(z.string()),
    message: z.optional(z.string()),
  }),
);

/** Validates the {@link CachedImageList} of `GET /v2/cache`. */
export const CachedImageListSchema = schemaFor<CachedImageList>()(
  z.object({
    cached_images: z.array(
      z.object({
        image_id: z.string(),
        hits: z.int(),
        last_accessed: z.number(),
        last_modified: z.number(),
        size: z.int(),
      }),
    ),
    queued_images: z.array(z.string()),
  }),
);
