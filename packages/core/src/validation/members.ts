/**
 * Validators of image members (`/v2/images/{image_id}/members…`), tied to the types generated
 * from `spec/image-v2.yaml`. The zod twins are in `../schemas/image-v2.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/image-v2.js";
import { array, object, oneOf, string } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

/** Checks a `Member`. */
export const member = validatorFor<Schemas["Member"]>()(
  object({ member_id: string, image_id: string, status: oneOf(["pending", "accepted", "rejected"]), created_at: string, updated_at: string, schema: string }),
);

/** Checks a `MemberList`. */
export const memberList = validatorFor<Schemas["MemberList"]>()(object({ members: array(member), schema: string }));
