import { CloudImagesError } from "./base.js";

/** One problem found in the caller's input. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `["tags", 2]` or `["id"]`. */
  readonly path: readonly (string | number)[];
  /** What is wrong, in plain words. */
  readonly message: string;
}

/**
 * The caller's input is invalid. Thrown **before** any request is sent: when you catch this,
 * nothing reached the server.
 */
export class ValidationError extends CloudImagesError {
  static override readonly errorId: string = "ValidationError";

  /** Every problem found, not just the first. */
  readonly issues: readonly ValidationIssue[];

  constructor(operation: string, issues: readonly ValidationIssue[]) {
    const list = issues.map((i) => `${i.path.length ? i.path.join(".") : "(input)"}: ${i.message}`).join("; ");
    super(`Invalid input to ${operation}: ${list}`, "VALIDATION");
    this.issues = issues;
  }
}
