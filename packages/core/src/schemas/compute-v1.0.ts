/**
 * Run-time validators (zod/mini) for the first-generation Cloud Servers v1.0 image API, tied by
 * {@link schemaFor} to the types generated from `spec/compute-v1.0.yaml`.
 *
 * @packageDocumentation
 */
import { z } from "zod/mini";
import type { components, operations } from "../generated/compute-v1.0.js";
import { schemaFor } from "./type-equality.js";

type Schemas = components["schemas"];

/** Status of a v1.0 image. */
export type LegacyImageStatus = Schemas["LegacyImageStatus"];
/** A v1.0 image as the server sends it (`id`/`name` only in lists without details). */
export type LegacyImageData = Schemas["LegacyImage"];
/** `{ images }`. */
export type LegacyImageList = Schemas["LegacyImageList"];
/** `{ image }`. */
export type LegacyImageResponse = Schemas["LegacyImageResponse"];
/** `GET /servers`. */
export type LegacyServerList = Schemas["LegacyServerList"];
/** A v1.0 fault body. */
export type LegacyFault = Schemas["LegacyFault"];
/** Response headers of the legacy `GET /v1.0` authentication (204), by their canonical names. */
export type LegacyAuthHeaders = operations["legacyAuthenticate"]["responses"][204]["headers"];

/** Validates a {@link LegacyImageStatus}. */
export const LegacyImageStatusSchema = schemaFor<LegacyImageStatus>()(z.enum(["ACTIVE", "SAVING", "PREPARING", "QUEUED", "FAILED", "UNKNOWN"]));
/** Validates a {@link LegacyImageData}. */
export const LegacyImageSchema = schemaFor<LegacyImageData>()(
  z.object({
    id: z.int(),
    name: z.string(),
    created: z.optional(z.string()),
    updated: z.optional(z.string()),
    status: z.optional(LegacyImageStatusSchema),
    progress: z.optional(z.int().check(z.gte(0), z.lte(100))),
    serverId: z.optional(z.int()),
  }),
);
/** Validates a {@link LegacyImageList}. */
export const LegacyImageListSchema = schemaFor<LegacyImageList>()(z.object({ images: z.array(LegacyImageSchema) }));
/** Validates a {@link LegacyImageResponse}. */
export const LegacyImageResponseSchema = schemaFor<LegacyImageResponse>()(z.object({ image: LegacyImageSchema }));
/** Validates a {@link LegacyServerList}. */
export const LegacyServerListSchema = schemaFor<LegacyServerList>()(z.object({ servers: z.array(z.object({ id: z.int(), name: z.string() })) }));
/** Validates a {@link LegacyFault}. */
export const LegacyFaultSchema = schemaFor<LegacyFault>()(
  z.record(z.string(), z.object({ code: z.optional(z.int()), message: z.optional(z.string()), details: z.optional(z.string()) })),
);
/** Validates {@link LegacyAuthHeaders} (header names as the spec spells them; HTTP compares them without regard to case). */
export const LegacyAuthHeadersSchema = schemaFor<LegacyAuthHeaders>()(
  z.looseObject({
    "X-Auth-Token": z.string(),
    "X-Server-Management-Url": z.string(),
    "X-Storage-Url": z.optional(z.string()),
    "X-Storage-Token": z.optional(z.string()),
    "X-CDN-Management-Url": z.optional(z.string()),
  }),
);
