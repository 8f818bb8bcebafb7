import { ForbiddenError } from "../errors/http-errors.js";

/** Why Glance refused a sharing operation (403), as far as the SDK could tell. */
export type SharingRefusalReason =
  /** The caller does not own the image: only the owner adds or removes members. */
  | "not-owner"
  /** The caller is not the member: only the member project itself accepts or rejects. */
  | "not-member"
  /**
   * The image's visibility takes no members: on upstream Glance it is not `shared` (`private`,
   * `public` or `community`); on a server without `shared` (Rackspace Cloud Images, where private
   * images take members) it is `public`.
   */
  | "not-shared"
  /** Not diagnosed. */
  | "unknown";

/** One code per diagnosis, so each class has its own (`ForbiddenError` keeps `HTTP_403`). */
const SHARING_CODES: Readonly<Record<SharingRefusalReason, string>> = {
  "not-owner": "SHARING_NOT_OWNER",
  "not-member": "SHARING_NOT_MEMBER",
  "not-shared": "SHARING_NOT_SHAREABLE",
  unknown: "SHARING_FORBIDDEN",
};

/**
 * Glance refused a member operation with 403. Subclasses name the classic mistakes;
 * `hint` says what to do instead. Still a {@link ForbiddenError}, so existing handlers work.
 */
export class SharingForbiddenError extends ForbiddenError {
  static override readonly errorId: string = "SharingForbiddenError";

  /** What went wrong, as diagnosed. */
  readonly reason: SharingRefusalReason;
  /** What to do instead, in plain words. */
  readonly hint: string;
  /** The image concerned. */
  readonly imageId: string;
  /** The image's visibility when the SDK looked (after the 403), if it could. */
  readonly visibility: string | undefined;

  constructor(source: ForbiddenError, init: { reason: SharingRefusalReason; hint: string; imageId: string; visibility?: string | undefined }) {
    super(source, { cause: source, code: SHARING_CODES[init.reason] });
    this.reason = init.reason;
    this.hint = init.hint;
    this.imageId = init.imageId;
    this.visibility = init.visibility;
    this.message = `${source.message} — ${init.hint}`;
  }
}

/**
 * The caller is not the image's owner: a consumer tried to add (or remove) members. Only the
 * owner manages members; a consumer accepts or rejects its own membership.
 */
export class NotImageOwnerError extends SharingForbiddenError {
  static override readonly errorId: string = "NotImageOwnerError";
}

/**
 * The caller tried to set the status of a membership that is not its own — typically the
 * owner trying to accept on the consumer's behalf. Only the member project sets its status.
 */
export class NotImageMemberError extends SharingForbiddenError {
  static override readonly errorId: string = "NotImageMemberError";
}

/**
 * The image's visibility forbids members: on upstream Glance `private` (make it `shared` first,
 * e.g. `members.add(id, project, { makeShared: true })`); anywhere `public` or `community`
 * (visible to every project already; sharing makes no sense). Servers without a `shared`
 * visibility (Rackspace Cloud Images) give private images members as they are.
 */
export class ImageNotShareableError extends SharingForbiddenError {
  static override readonly errorId: string = "ImageNotShareableError";
}
