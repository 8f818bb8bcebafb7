import { ForbiddenError } from "../errors/http-errors.js";
import { ValidationError } from "../errors/validation-error.js";
import type { CallOptions, HttpClient } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import { imageOp } from "../images/images-api.js";
import { MEMBER_STATUSES, type MemberStatus } from "../images/enums.js";
import type { ImagesApi } from "../images/images-api.js";
import type { ListImagesQuery } from "../images/list-query.js";
import type { PageIterator } from "../pagination/paginator.js";
import type { Image, Member } from "../schemas/image-v2.js";
import { member as MemberSchema, memberList as MemberListSchema } from "../validation/members.js";
import { InputChecker } from "../validation/checker.js";
import { ImageNotShareableError, NotImageMemberError, NotImageOwnerError, SharingForbiddenError } from "./member-errors.js";
import { deferredListing, type SharedImagesPage } from "./shared-listing.js";
import { schemaVisibilitySource, SharingModelCache, type SharingModel, type VisibilitySource } from "./sharing-model.js";

/** Options of {@link MembersApi.add}. */
export interface AddMemberOptions extends CallOptions {
  /**
   * When the image is `private`, change it to `shared` first (explicit opt-in: the SDK never
   * changes visibility on its own). `public`/`community` images are refused either way. On a
   * server without a `shared` visibility (Rackspace Cloud Images), private images take members
   * as they are and nothing is changed.
   */
  readonly makeShared?: boolean;
}

/** Options of {@link MembersApi.updateStatus}. */
export interface UpdateMemberStatusOptions extends CallOptions {
  /**
   * The member whose status to set. Default: the client's own project (`projectId`), since only
   * the member itself may accept or reject.
   */
  readonly memberId?: string;
  /**
   * Send even when `memberId` is not the client's project (admins may set any member's status).
   * Without it, the SDK refuses before sending: the owner cannot set a member's status.
   */
  readonly allowOtherMember?: boolean;
}

/** Which shared images a consumer lists. */
export type SharedImagesFilter = MemberStatus | "all";

/** Where the client's own project id comes from (it may be learned after construction). */
export type ProjectIdSource = () => string | undefined;

const MAX_MEMBER_ID = 255;

/**
 * Image sharing (API ≥ 2.1). The **owner** adds and removes members (projects) of a `shared`
 * image; each **member** (consumer) accepts or rejects (`pending` → `accepted`/`rejected`).
 * Glance's 403s for the classic mistakes become {@link NotImageOwnerError},
 * {@link NotImageMemberError} and {@link ImageNotShareableError}, with a hint.
 *
 * The helpers follow what the server's `image` schema allows: where `visibility` has no
 * `shared` (Rackspace Cloud Images, Glance before API 2.5), members are added to `private`
 * images and consumer listings filter by member status only. The schema is read once per
 * client, the first time a call needs it.
 */
export class MembersApi {
  readonly #http: HttpClient;
  readonly #images: ImagesApi;
  readonly #projectId: ProjectIdSource;
  readonly #sharing: SharingModelCache;

  /**
   * @param projectId - the client's own project id, when known (it may be learned later).
   * @param visibilities - the visibilities of the server's `image` schema, e.g. from the client's
   *   schema cache; default: this API reads `GET /v2/schemas/image` itself (once).
   */
  constructor(http: HttpClient, images: ImagesApi, projectId: ProjectIdSource = () => undefined, visibilities?: VisibilitySource) {
    this.#http = http;
    this.#images = images;
    this.#projectId = projectId;
    this.#sharing = new SharingModelCache(visibilities ?? schemaVisibilitySource(http));
  }

  /** The members of an image (`GET /v2/images/{id}/members`): all of them for the owner, itself for a member. */
  list(imageId: string, options?: CallOptions): ApiPromise<Member[]> {
    return apiPromise(options, async (sinkOptions) => {
      checkIds("members.list", imageId);
      try {
        const { data } = await this.#http.json(
          imageOp({ operation: "members.list", method: "get", path: "/v2/images/{image_id}/members", params: { image_id: imageId }, expect: [200] }),
          MemberListSchema,
          sinkOptions,
        );
        return data.members;
      } catch (error) {
        throw await this.#diagnose("list", imageId, undefined, error, options);
      }
    });
  }

  /** One member (`GET /v2/images/{id}/members/{member}`). */
  get(imageId: string, memberId: string, options?: CallOptions): ApiPromise<Member> {
    return apiPromise(options, async (sinkOptions) => {
      checkIds("members.get", imageId, memberId);
      const { data } = await this.#http.json(
        imageOp({ operation: "members.get", method: "get", path: "/v2/images/{image_id}/members/{member_id}", params: { image_id: imageId, member_id: memberId }, expect: [200] }),
        MemberSchema,
        sinkOptions,
      );
      return data;
    });
  }

  /**
   * Shares an image with a project (`POST /v2/images/{id}/members`; Glance answers 200, never 201, status
   * `pending`). Owner only, and only for `shared` images: pass `makeShared: true` to change a
   * `private` image to `shared` first (on a server without `shared`, such as Rackspace Cloud
   * Images, private images take members as they are). Refused: public/community images (before
   * sending when `makeShared` is set, otherwise from Glance's 403, as
   * {@link ImageNotShareableError}), non-owners ({@link NotImageOwnerError}).
   */
  add(imageId: string, memberId: string, options: AddMemberOptions = {}): ApiPromise<Member> {
    const { makeShared, ...callOptions } = options ?? {};
    return apiPromise(callOptions, async (sinkOptions) => {
      checkIds("members.add", imageId, memberId);
      if (makeShared) await this.ensureShared(imageId, sinkOptions);
      try {
        const { data } = await this.#http.json(
          imageOp({
            operation: "members.add",
            method: "post",
            path: "/v2/images/{image_id}/members",
            params: { image_id: imageId },
            headers: { "content-type": "application/json" },
            body: new TextEncoder().encode(JSON.stringify({ member: memberId })),
            expect: [200],
          }),
          MemberSchema,
          sinkOptions,
        );
        return data;
      } catch (error) {
        throw await this.#diagnose("add", imageId, memberId, error, callOptions);
      }
    });
  }

  /**
   * Makes an image able to take members: a `private` image is patched to `shared`; a `shared`
   * one is returned as is; `public`/`community` images are refused with a `ValidationError`
   * (they are visible to every project, and hiding them would break everyone else). On a server
   * whose image schema has no `shared` visibility (Rackspace Cloud Images), a `private` image
   * already takes members and is returned unchanged. Returns the image.
   */
  ensureShared(imageId: string, options?: CallOptions): ApiPromise<Image> {
    return apiPromise(options, async (sinkOptions) => {
      checkIds("members.ensureShared", imageId);
      const image = await this.#images.get(imageId, sinkOptions);
      if (image.visibility === "shared") return image;
      if (image.visibility === "private") {
        if (!(await this.#sharing.get(options)).sharedVisibility) return image;
        return this.#images.update(imageId, [{ op: "replace", path: "/visibility", value: "shared" }], sinkOptions);
      }
      throw new ValidationError("members.add", [
        {
          path: ["imageId"],
          message: `image ${imageId} is ${image.visibility}: every project can already use it, so it takes no members. Nothing was changed; share a private copy instead, or change its visibility yourself.`,
        },
      ]);
    });
  }

  /**
   * Sets a membership's status (`PUT /v2/images/{id}/members/{member}`): `pending`,
   * `accepted` or `rejected` (checked before sending). Only the member project may do this, so
   * by default the member is the client's own project (`projectId` config). Without a known
   * project id, a `ValidationError` asks for it. With an explicit `memberId` that is not the
   * client's project, the SDK refuses before sending unless `allowOtherMember` (admins).
   * Glance's 403 becomes {@link NotImageMemberError}.
   */
  updateStatus(imageId: string, status: MemberStatus, options: UpdateMemberStatusOptions = {}): ApiPromise<Member> {
    const { memberId: explicit, allowOtherMember, ...callOptions } = options ?? {};
    return apiPromise(callOptions, (sinkOptions) => this.#updateStatus(imageId, status, explicit, allowOtherMember, sinkOptions));
  }

  async #updateStatus(imageId: string, status: MemberStatus, explicit: string | undefined, allowOtherMember: boolean | undefined, callOptions: CallOptions): Promise<Member> {
    const own = this.#projectId();
    const check = new InputChecker("members.updateStatus");
    check.uuid(["imageId"], imageId);
    check.oneOf(["status"], status, MEMBER_STATUSES);
    const memberId = explicit ?? own;
    if (memberId === undefined) {
      check.fail(["memberId"], "the client does not know its project id: set `projectId` in the client config (or pass `memberId`); only the member project itself can accept or reject a shared image");
    } else {
      checkMemberId(check, ["memberId"], memberId);
      if (own !== undefined && memberId !== own && !allowOtherMember) {
        check.fail(
          ["memberId"],
          `is not this client's project (${own}): only the member project itself can accept or reject a shared image — the image owner cannot set a member's status. Ask project ${memberId} to do it (admins: pass allowOtherMember: true)`,
        );
      }
    }
    check.throwIfInvalid();
    const id = memberId as string;
    try {
      const { data } = await this.#http.json(
        imageOp({
          operation: "members.updateStatus",
          method: "put",
          path: "/v2/images/{image_id}/members/{member_id}",
          params: { image_id: imageId, member_id: id },
          headers: { "content-type": "application/json" },
          body: new TextEncoder().encode(JSON.stringify({ status })),
          expect: [200],
        }),
        MemberSchema,
        callOptions,
      );
      return data;
    } catch (error) {
      throw await this.#diagnose("update", imageId, id, error, callOptions);
    }
  }

  /** Accepts a shared image as the client's own project (consumer side). */
  accept(imageId: string, options?: CallOptions): ApiPromise<Member> {
    return this.updateStatus(imageId, "accepted", options);
  }

  /** Rejects a shared image as the client's own project (it stays readable by id, but leaves listings). */
  reject(imageId: string, options?: CallOptions): ApiPromise<Member> {
    return this.updateStatus(imageId, "rejected", options);
  }

  /**
   * Stops sharing an image with a project (`DELETE /v2/images/{id}/members/{member}`, 204).
   * Owner only: a consumer that no longer wants the image rejects it instead
   * (a consumer's DELETE is a 403, mapped to {@link NotImageOwnerError}).
   */
  remove(imageId: string, memberId: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      checkIds("members.remove", imageId, memberId);
      try {
        await this.#http.empty(
          imageOp({ operation: "members.remove", method: "delete", path: "/v2/images/{image_id}/members/{member_id}", params: { image_id: imageId, member_id: memberId }, expect: [204] }),
          sinkOptions,
        );
      } catch (error) {
        throw await this.#diagnose("remove", imageId, memberId, error, options);
      }
    });
  }

  /**
   * Consumer side: images shared with this project, by membership status (`pending` = offers
   * to accept, `accepted` = in use, `rejected`, `all`), page after page. Other image filters
   * may be added (`visibility` and `member_status` are set here).
   *
   * Where the server has a `shared` visibility (upstream Glance), this lists
   * `visibility=shared&member_status=…`. Where it has none (Rackspace Cloud Images: shared images
   * stay `private`, and `visibility=shared` is refused), it lists `member_status=…` alone and
   * keeps the images neither owned by this project nor public, so the client's project id must be
   * known (`projectId`), or iterating throws a `ValidationError` before the listing is sent.
   * The server's schema is read on first iteration (once per client); pages may then be shorter
   * than `limit`.
   */
  sharedWithMe(
    memberStatus: SharedImagesFilter = "accepted",
    query: Omit<ListImagesQuery, "visibility" | "member_status"> = {},
    options?: CallOptions,
  ): PageIterator<Image, SharedImagesPage> {
    const check = new InputChecker("members.sharedWithMe");
    check.oneOf(["memberStatus"], memberStatus, [...MEMBER_STATUSES, "all"]);
    check.throwIfInvalid();
    // Both listings are built (and their queries checked) now; neither sends anything until iterated.
    const glanceListing = this.#images.listAll({ ...query, visibility: "shared", member_status: memberStatus }, options);
    const statusListing = this.#images.listAll({ ...query, member_status: memberStatus }, options);
    return deferredListing(async () => {
      if ((await this.#sharing.get(options)).sharedVisibility) return { listing: glanceListing };
      const own = this.#projectId();
      if (own === undefined) {
        const late = new InputChecker("members.sharedWithMe");
        late.fail(
          ["projectId"],
          "the client does not know its project id: set `projectId` in the client config. This server has no `shared` visibility (images shared with a project stay `private`), so the SDK tells them from the project's own images by owner",
        );
        late.throwIfInvalid();
      }
      return { listing: statusListing, keep: (image: Image) => image.owner !== own && image.visibility !== "public" && image.visibility !== "community" };
    });
  }

  /** Consumer side: shared images waiting for this project to accept or reject them. */
  pending(query: Omit<ListImagesQuery, "visibility" | "member_status"> = {}, options?: CallOptions): PageIterator<Image, SharedImagesPage> {
    return this.sharedWithMe("pending", query, options);
  }

  /** Turns a 403 into the sharing error that names the mistake (one extra GET of the image; the first time, also the server's image schema). */
  async #diagnose(op: "list" | "add" | "update" | "remove", imageId: string, memberId: string | undefined, error: unknown, options: CallOptions | undefined): Promise<unknown> {
    if (!(error instanceof ForbiddenError) || error instanceof SharingForbiddenError) return error;
    const own = this.#projectId();
    let image: Image | undefined;
    try {
      image = await this.#images.get(imageId, options);
    } catch {
      image = undefined;
    }
    const visibility = image?.visibility;
    // Only a server with a `shared` visibility refuses members of private images.
    const model: SharingModel = visibility === "shared" ? { sharedVisibility: true } : await this.#sharing.getOrGlance(options);
    const takesMembers = model.sharedVisibility ? "`shared`" : "private";
    if (image && visibility !== "shared" && (visibility !== "private" || model.sharedVisibility)) {
      const hint =
        visibility === "private"
          ? `image ${imageId} is private, and only \`shared\` images have members: make it shared first (members.add(imageId, project, { makeShared: true }) or members.ensureShared(imageId))`
          : `image ${imageId} is ${visibility}: it is visible to every project already, and only ${takesMembers} images have members`;
      return new ImageNotShareableError(error, { reason: "not-shared", hint, imageId, visibility });
    }
    const owner = image?.owner ?? undefined;
    const isOwner = own !== undefined && owner !== undefined && owner === own;
    if (op === "add" || op === "remove") {
      if (!isOwner) {
        const hint =
          op === "add"
            ? `only the image owner${owner ? ` (project ${owner})` : ""} can add members; a consumer can only accept or reject its own membership (members.accept / members.reject)`
            : `only the image owner${owner ? ` (project ${owner})` : ""} can remove members; a consumer that no longer wants the image rejects it instead (members.reject(imageId))`;
        return new NotImageOwnerError(error, { reason: "not-owner", hint, imageId, visibility });
      }
    }
    if (op === "update") {
      const hint = isOwner
        ? `the image owner cannot set a member's status: only project ${memberId ?? "(the member)"} can accept or reject the share, with its own credentials`
        : `only the member project itself can set its status${memberId ? ` (this call targeted ${memberId}${own ? `, the client is ${own}` : ""})` : ""}; the image owner cannot`;
      return new NotImageMemberError(error, { reason: "not-member", hint, imageId, visibility });
    }
    return new SharingForbiddenError(error, {
      reason: "unknown",
      hint: `sharing is refused: only the owner manages members of a ${takesMembers} image, and only a member sets its own status`,
      imageId,
      visibility,
    });
  }
}

function checkMemberId(check: InputChecker, path: (string | number)[], memberId: unknown): void {
  // One URL path segment: never empty, `.`/`..` (even percent-encoded) or with a `/`.
  check.segment(path, memberId, { max: MAX_MEMBER_ID });
  if (typeof memberId === "string" && /\s/.test(memberId)) check.fail(path, "must be a project id (no spaces)");
}

function checkIds(operation: string, imageId: string, ...memberId: string[]): void {
  const check = new InputChecker(operation);
  check.uuid(["imageId"], imageId);
  for (const id of memberId) checkMemberId(check, ["memberId"], id);
  check.throwIfInvalid();
}
