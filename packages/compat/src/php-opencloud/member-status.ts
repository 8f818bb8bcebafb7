/**
 * `OpenCloud\Image\Enum\MemberStatus`: the statuses a member may give itself with
 * `Member.updateStatus` — `MemberStatus.ACCEPTED` ports as is.
 */
export const MemberStatus = Object.freeze({
  PENDING: "pending",
  ACCEPTED: "accepted",
  REJECTED: "rejected",
} as const);

/** One of the {@link MemberStatus} values. */
export type MemberStatusValue = (typeof MemberStatus)[keyof typeof MemberStatus];

/** Whether `value` is one of the {@link MemberStatus} values. */
export function isMemberStatus(value: unknown): value is MemberStatusValue {
  return Object.values(MemberStatus).includes(value as MemberStatusValue);
}
