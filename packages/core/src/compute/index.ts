export { ComputeClient, LegacyComputeClient, type ComputeClientConfig } from "./compute-client.js";
export { ComputeImagesApi, type ListComputeImagesQuery, type ComputeImagePage, type ComputeImageSummaryPage, type CreateServerImageParams } from "./compute-images-api.js";
export {
  LegacyImage,
  LegacyImageManager,
  LegacyImageNotFoundError,
  LegacyImageNotUniqueError,
  type LegacyImageAttributes,
  type LegacyListOptions,
} from "./legacy-image-manager.js";
export type * from "../schemas/compute-v2-images.js";
export type * from "../schemas/compute-v1.0.js";
