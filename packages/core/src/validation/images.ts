/**
 * Validators of the image records of the Image API v2 (`GET/POST/PATCH /v2/images…`), tied to
 * the types generated from `spec/image-v2.yaml`. The zod twins are in `../schemas/image-v2.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/image-v2.js";
import { array, boolean, int, looseObject, nullable, object, oneOf, optional, record, string, unknown } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

// The spec's enumerations: a value it adds or drops fails the typecheck of `image` below.
const IMAGE_STATUSES = ["queued", "saving", "uploading", "importing", "active", "deactivated", "killed", "deleted", "pending_delete"] as const;
const VISIBILITIES = ["public", "private", "shared", "community"] as const;
const CONTAINER_FORMATS = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"] as const;
const DISK_FORMATS = ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"] as const;

const nullableString = nullable(string);
const optionalString = optional(string);

/** Checks an `ImageLocation`. */
export const imageLocation = validatorFor<Schemas["ImageLocation"]>()(
  object({
    url: string,
    metadata: record(unknown),
    validation_data: optional(object({ os_hash_algo: optionalString, os_hash_value: optionalString })),
  }),
);

/** The base attributes of an image (every other key is a custom property). */
const imageFields = {
  id: string,
  name: nullableString,
  status: oneOf(IMAGE_STATUSES),
  visibility: oneOf(VISIBILITIES),
  protected: boolean,
  os_hidden: boolean,
  checksum: nullableString,
  os_hash_algo: nullableString,
  os_hash_value: nullableString,
  owner: nullableString,
  size: nullable(int),
  virtual_size: nullable(int),
  min_disk: int,
  min_ram: int,
  container_format: nullable(oneOf(CONTAINER_FORMATS)),
  disk_format: nullable(oneOf(DISK_FORMATS)),
  created_at: string,
  updated_at: string,
  tags: array(string),
  self: string,
  file: string,
  schema: string,
  direct_url: optionalString,
  locations: optional(array(imageLocation)),
  stores: optionalString,
} as const;

/** Names of the base attributes of an image, as the spec lists them; every other key is a custom property. */
export const IMAGE_FIELD_NAMES: readonly string[] = Object.keys(imageFields);

/** Checks an `Image`; custom properties are allowed. */
export const image = validatorFor<Schemas["Image"]>()(looseObject(imageFields));

/** Checks an `ImageList` page. */
export const imageList = validatorFor<Schemas["ImageList"]>()(
  object({ images: array(image), first: string, schema: string, next: optionalString }),
);
