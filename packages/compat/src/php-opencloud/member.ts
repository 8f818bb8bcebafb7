import type { Member as NativeMember, NodeImageClient } from "@cloud-images/node";
import { InvalidArgumentException, phpCall } from "./exceptions.js";
import { isMemberStatus, MemberStatus, type MemberStatusValue } from "./member-status.js";
import { SchemaResource } from "./schema-resource.js";

/**
 * `OpenCloud\Image\Resource\Member`: a project an image is shared with. Attributes read
 * array-style as the server sends them (`member["member_id"]`, `member["status"]`,
 * `member["image_id"]`, `member["created_at"]`…).
 */
export class Member extends SchemaResource {
  private readonly ctx: NodeImageClient;

  /** Made by `Image.getMember`, `Image.listMembers` and `Image.createMember`. */
  constructor(client: NodeImageClient, data: NativeMember | Readonly<Record<string, unknown>>) {
    super(data);
    this.ctx = client;
  }

  /** The member's project id (`member_id`). */
  override getId(): string {
    return String(this.offsetGet("member_id") ?? "");
  }

  /** The image the membership is on (`image_id`). */
  getImageId(): string {
    return String(this.offsetGet("image_id") ?? "");
  }

  /**
   * Sets this membership's status (only the member itself may: the image's owner gets
   * {@link ForbiddenOperationException}). A status that is not a {@link MemberStatus} value is an
   * {@link InvalidArgumentException} before any request. Resolves to this member, updated.
   */
  async updateStatus(status: MemberStatusValue): Promise<this> {
    if (!isMemberStatus(status)) {
      throw new InvalidArgumentException(`Status must be one of these defined types: ${Object.values(MemberStatus).join(",")}`);
    }
    const updated = await phpCall(() =>
      this.ctx.members.updateStatus(this.getImageId(), status, { memberId: this.getId(), allowOtherMember: true }),
    );
    this.setData(updated);
    return this;
  }

  /** Removes this member from the image (only the image's owner may). */
  async delete(): Promise<void> {
    await phpCall(() => this.ctx.members.remove(this.getImageId(), this.getId()));
  }
}
