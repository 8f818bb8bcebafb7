/**
 * Run-time validators (zod/mini) for the image part of the compute API v2 (Rackspace Cloud
 * Servers next generation), tied by {@link schemaFor} to the types generated from
 * `spec/compute-v2-images.yaml`.
 *
 * @packageDocumentation
 */
import { z } from "zod/mini";
import type { components } from "../generated/compute-v2-images.js";
import { schemaFor } from "./type-equality.js";

type Schemas = components["schemas"];

/** Status of an image as compute shows it. */
export type ComputeImageStatus = Schemas["ComputeImageStatus"];
/** A link (`self`, `bookmark`, `alternate`, `next`). */
export type ComputeLink = Schemas["ComputeLink"];
/** An image in a list without details. */
export type ComputeImageSummary = Schemas["ComputeImageSummary"];
/** An image with details; extension attributes are kept. */
export type ComputeImage = Schemas["ComputeImage"];
/** A page of `GET /images/detail`. */
export type ComputeImageList = Schemas["ComputeImageList"];
/** A page of `GET /images`. */
export type ComputeImageSummaryList = Schemas["ComputeImageSummaryList"];
/** `{ image }`. */
export type ComputeImageResponse = Schemas["ComputeImageResponse"];
/** `{ metadata }`. */
export type ImageMetadata = Schemas["ImageMetadata"];
/** `{ meta }` (one item). */
export type ImageMetadataItem = Schemas["ImageMetadataItem"];
/** `GET /servers`. */
export type ServerSummaryList = Schemas["ServerSummaryList"];
/** A compute fault body. */
export type ComputeFault = Schemas["ComputeFault"];

/** Validates a {@link ComputeImageStatus}. */
export const ComputeImageStatusSchema = schemaFor<ComputeImageStatus>()(z.enum(["ACTIVE", "SAVING", "ERROR", "DELETED", "UNKNOWN"]));
/** Validates a {@link ComputeLink}. */
export const ComputeLinkSchema = schemaFor<ComputeLink>()(z.object({ rel: z.string(), href: z.string(), type: z.optional(z.string()) }));
/** Validates a {@link ComputeImageSummary}. */
export const ComputeImageSummarySchema = schemaFor<ComputeImageSummary>()(
  z.object({ id: z.string(), name: z.string(), links: z.array(ComputeLinkSchema) }),
);
/** Validates a {@link ComputeImage}; extension attributes are kept. */
export const ComputeImageSchema = schemaFor<ComputeImage>()(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    status: ComputeImageStatusSchema,
    progress: z.int().check(z.gte(0), z.lte(100)),
    created: z.string(),
    updated: z.string(),
    minDisk: z.int(),
    minRam: z.int(),
    metadata: z.record(z.string(), z.string()),
    links: z.array(ComputeLinkSchema),
    server: z.optional(z.object({ id: z.string(), links: z.optional(z.array(ComputeLinkSchema)) })),
  }),
);
/** Validates a {@link ComputeImageList}. */
export const ComputeImageListSchema = schemaFor<ComputeImageList>()(
  z.object({ images: z.array(ComputeImageSchema), images_links: z.optional(z.array(ComputeLinkSchema)) }),
);
/** Validates a {@link ComputeImageSummaryList}. */
export const ComputeImageSummaryListSchema = schemaFor<ComputeImageSummaryList>()(
  z.object({ images: z.array(ComputeImageSummarySchema), images_links: z.optional(z.array(ComputeLinkSchema)) }),
);
/** Validates a {@link ComputeImageResponse}. */
export const ComputeImageResponseSchema = schemaFor<ComputeImageResponse>()(z.object({ image: ComputeImageSchema }));
/** Validates an {@link ImageMetadata} body. */
export const ImageMetadataSchema = schemaFor<ImageMetadata>()(z.object({ metadata: z.record(z.string(), z.string()) }));
/** Validates an {@link ImageMetadataItem} body. */
export const ImageMetadataItemSchema = schemaFor<ImageMetadataItem>()(z.object({ meta: z.record(z.string(), z.string()) }));
/** Validates a {@link ServerSummaryList}. */
export const ServerSummaryListSchema = schemaFor<ServerSummaryList>()(
  z.object({ servers: z.array(z.object({ id: z.string(), name: z.string(), links: z.optional(z.array(ComputeLinkSchema)) })) }),
);
/** Validates a {@link ComputeFault}. */
export const ComputeFaultSchema = schemaFor<ComputeFault>()(
  z.record(z.string(), z.object({ code: z.optional(z.int()), message: z.optional(z.string()), details: z.optional(z.string()) })),
);
