/**
 * Validators of the image part of the compute API v2 (Rackspace Cloud Servers next
 * generation), tied to the types generated from `spec/compute-v2-images.yaml`. The zod twins
 * are in `../schemas/compute-v2-images.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/compute-v2-images.js";
import { array, int, intBetween, looseObject, object, oneOf, optional, record, string } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

const link = validatorFor<Schemas["ComputeLink"]>()(object({ rel: string, href: string, type: optional(string) }));
const links = array(link);
const metadata = record(string);

/** Checks a `ComputeImageSummary`. */
export const computeImageSummary = validatorFor<Schemas["ComputeImageSummary"]>()(object({ id: string, name: string, links }));

/** Checks a `ComputeImage`; extension attributes are allowed. */
export const computeImage = validatorFor<Schemas["ComputeImage"]>()(
  looseObject({
    id: string,
    name: string,
    status: oneOf(["ACTIVE", "SAVING", "ERROR", "DELETED", "UNKNOWN"]),
    progress: intBetween(0, 100),
    created: string,
    updated: string,
    minDisk: int,
    minRam: int,
    metadata,
    links,
    server: optional(object({ id: string, links: optional(links) })),
  }),
);

/** Checks a `ComputeImageList` (`GET /images/detail`). */
export const computeImageList = validatorFor<Schemas["ComputeImageList"]>()(object({ images: array(computeImage), images_links: optional(links) }));

/** Checks a `ComputeImageSummaryList` (`GET /images`). */
export const computeImageSummaryList = validatorFor<Schemas["ComputeImageSummaryList"]>()(
  object({ images: array(computeImageSummary), images_links: optional(links) }),
);

/** Checks a `ComputeImageResponse` (`{ image }`). */
export const computeImageResponse = validatorFor<Schemas["ComputeImageResponse"]>()(object({ image: computeImage }));

/** Checks an `ImageMetadata` body (`{ metadata }`). */
export const imageMetadata = validatorFor<Schemas["ImageMetadata"]>()(object({ metadata }));

/** Checks an `ImageMetadataItem` body (`{ meta }`). */
export const imageMetadataItem = validatorFor<Schemas["ImageMetadataItem"]>()(object({ meta: metadata }));

/** Checks a `ServerSummaryList` (`GET /servers`). */
export const serverSummaryList = validatorFor<Schemas["ServerSummaryList"]>()(
  object({ servers: array(object({ id: string, name: string, links: optional(links) })) }),
);
