export {
  MembersApi,
  type AddMemberOptions,
  type UpdateMemberStatusOptions,
  type SharedImagesFilter,
  type ProjectIdSource,
} from "./members-api.js";
export { SharingForbiddenError, NotImageOwnerError, NotImageMemberError, ImageNotShareableError, type SharingRefusalReason } from "./member-errors.js";
export { visibilitiesFromImageSchema, type VisibilitySource, type SharingModel } from "./sharing-model.js";
export type { SharedImagesPage } from "./shared-listing.js";
