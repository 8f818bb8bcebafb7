/**
 * Validators of tasks (`/v2/tasks…`, `GET /v2/images/{image_id}/tasks`), tied to the types
 * generated from `spec/image-v2.yaml`. The zod twins are in `../schemas/image-v2.ts`.
 *
 * @packageDocumentation
 */
import type { components } from "../generated/image-v2.js";
import { array, boolean, looseObject, nullable, object, oneOf, optional, record, string, unknown } from "./validator.js";
import { validatorFor } from "./validator-for.js";

type Schemas = components["schemas"];

const optionalString = optional(string);

/** The fields of a task but its `self` and `schema` links (which the image's task list lacks). */
const taskFields = {
  id: string,
  type: string,
  // The spec's TaskStatus: a status it adds or drops fails the typecheck below.
  status: oneOf(["pending", "processing", "success", "failure"]),
  input: optional(record(unknown)),
  result: optional(nullable(record(unknown))),
  owner: string,
  message: optionalString,
  expires_at: optional(nullable(string)),
  created_at: string,
  updated_at: string,
  image_id: optionalString,
  request_id: optionalString,
  user_id: optionalString,
} as const;

/** Checks a `Task`; other keys are allowed. */
export const task = validatorFor<Schemas["Task"]>()(looseObject({ ...taskFields, self: string, schema: string }));

/** Checks a `TaskList` page. */
export const taskList = validatorFor<Schemas["TaskList"]>()(object({ tasks: array(task), first: string, schema: string, next: optionalString }));

/** Checks an `ImageTask`: a task without links, plus the `deleted`/`deleted_at` columns. */
export const imageTask = validatorFor<Schemas["ImageTask"]>()(
  looseObject({ ...taskFields, deleted_at: optional(nullable(string)), deleted: optional(boolean) }),
);

/** Checks an `ImageTaskList`. */
export const imageTaskList = validatorFor<Schemas["ImageTaskList"]>()(object({ tasks: array(imageTask) }));
