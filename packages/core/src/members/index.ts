export {
  MembersApi,
  type AddMemberOptions,
  type UpdateMemberStatusOptions,
  type SharedImagesFilter,
  type ProjectIdSource,
} from "./members-api.js";
export { SharingForbiddenError, NotImageOwnerError, NotImageMemberError, ImageNotShareableError, type SharingRefusalReason } from "./member-errors.js";
