/**
 * Run-time validators (zod 4) for the first-generation Cloud Servers v1.0 image API, tied by
 * {@link schemaFor} to the types generated from `spec/compute-v1.0.yaml`.
 *
 * @packageDocumentation
 */
import { z } from "zod";
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
    created: z.string().optional(),
    updated: z.string().optional(),
    status: LegacyImageStatusSchema.optional(),
    progress: z.int().min(0).max(100).optional(),
    serverId: z.int().optional(),
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
  z.record(z.string(), z.object({ code: z.int().optional(), message: z.string().optional(), details: z.string().optional() })),
);
/** Validates {@link LegacyAuthHeaders} (header names as the spec spells them; HTTP compares them without regard to case). */
export const LegacyAuthHeadersSchema = schemaFor<LegacyAuthHeaders>()(
  z.looseObject({
    "X-Auth-Token": z.string(),
    "X-Server-Management-Url": z.string(),
    "X-Storage-Url": z.string().optional(),
    "X-Storage-Token": z.string().optional(),
    "X-CDN-Management-Url": z.string().optional(),
  }),
);
