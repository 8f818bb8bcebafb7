/**
 * Validators of the first-generation Cloud Servers v1.0 image API, tied to the types
 * generated from `spec/compute-v1.0.yaml`. The zod twins are in `../schemas/compute-v1.0.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/compute-v1.0.js";
import { array, int, intBetween, object, oneOf, optional, string } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

/** Checks a `LegacyImage`. */
export const legacyImage = validatorFor<Schemas["LegacyImage"]>()(
  object({
    id: int,
    name: string,
    created: optional(string),
    updated: optional(string),
    status: optional(oneOf(["ACTIVE", "SAVING", "PREPARING", "QUEUED", "FAILED", "UNKNOWN"])),
    progress: optional(intBetween(0, 100)),
    serverId: optional(int),
  }),
);

/** Checks a `LegacyImageList` (`{ images }`). */
export const legacyImageList = validatorFor<Schemas["LegacyImageList"]>()(object({ images: array(legacyImage) }));

/** Checks a `LegacyImageResponse` (`{ image }`). */
export const legacyImageResponse = validatorFor<Schemas["LegacyImageResponse"]>()(object({ image: legacyImage }));

/** Checks a `LegacyServerList` (`GET /servers`). */
export const legacyServerList = validatorFor<Schemas["LegacyServerList"]>()(object({ servers: array(object({ id: int, name: string })) }));
