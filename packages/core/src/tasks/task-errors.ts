import type { Task } from "../schemas/image-v2.js";
import { WaitFailedError } from "../waiters/waiter-errors.js";

/**
 * A task ended in `failure`. `serverMessage` is the task's `message` as the server wrote it
 * (Rackspace puts a numeric code in front, e.g. `"396: Image import failed …"`, and it is kept);
 * `errorCode` is that leading number when there is one.
 */
export class TaskFailedError extends WaitFailedError<Task> {
  static override readonly errorId: string = "TaskFailedError";

  /** The failed task (final state). */
  readonly task: Task;
  /** The task's `message`, verbatim (may be empty: Glance sometimes says nothing). */
  readonly serverMessage: string;
  /** A leading numeric code of the message (Rackspace style), when present. */
  readonly errorCode: number | undefined;

  constructor(task: Task, description?: string) {
    const serverMessage = typeof task.message === "string" ? task.message : "";
    super({
      description: description ?? `task ${task.id} to succeed`,
      value: task,
      state: task.status,
      code: "TASK_FAILED",
      message: `Task ${task.id} (${task.type}) failed${serverMessage ? `: ${serverMessage}` : " without a message"}`,
    });
    this.task = task;
    this.serverMessage = serverMessage;
    this.errorCode = parseTaskErrorCode(serverMessage);
  }
}

/**
 * The numeric code at the start of a task message (`"396: …"`, `"Error 396 - …"`, `"[396] …"`),
 * or `undefined`.
 */
export function parseTaskErrorCode(message: string | undefined): number | undefined {
  if (!message) return undefined;
  const match = /^\s*(?:error\s*(?:code)?\s*[:#]?\s*)?\[?(\d{1,6})\]?(?=\s*[:\-–—.]|\s+\S|\s*$)/i.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Throws {@link TaskFailedError} when the task is in `failure`; returns it otherwise. */
export function assertTaskSucceeded(task: Task): Task {
  if (task.status === "failure") throw new TaskFailedError(task);
  return task;
}
