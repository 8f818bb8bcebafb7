import { ValidationError, type ValidationIssue } from "../errors/validation-error.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path of a value inside the caller's input. */
export type InputPath = readonly (string | number)[];

/**
 * Collects every problem in a call's input, then throws one {@link ValidationError} listing
 * them all. Used by operations before they build a request, so invalid input sends nothing.
 */
export class InputChecker {
  readonly #operation: string;
  readonly #issues: ValidationIssue[] = [];

  constructor(operation: string) {
    this.#operation = operation;
  }

  /** Records a problem. */
  fail(path: InputPath, message: string): void {
    this.#issues.push({ path, message });
  }

  /** Requires a UUID (Glance image, member-less ids, task ids). */
  uuid(path: InputPath, value: unknown): void {
    if (typeof value !== "string" || !UUID.test(value)) {
      this.fail(path, `must be a UUID like 8-4-4-4-12 hex digits, got ${show(value)}`);
    }
  }

  /** Requires a string of 1..max characters (no length limit when `max` is omitted). */
  string(path: InputPath, value: unknown, limits: { min?: number; max?: number } = {}): void {
    const min = limits.min ?? 1;
    if (typeof value !== "string") {
      this.fail(path, `must be a string, got ${show(value)}`);
    } else if (value.length < min) {
      this.fail(path, min === 1 ? "must not be empty" : `must be at least ${min} characters long`);
    } else if (limits.max !== undefined && value.length > limits.max) {
      this.fail(path, `must be at most ${limits.max} characters long, got ${value.length}`);
    }
  }

  /**
   * Requires a value that is safe as ONE URL path segment: a non-empty string that is not `.`
   * or `..` (also once percent-decoded, since `%2E%2E` is a dot segment too) and holds no `/`
   * (servers decode `%2F` before routing). Anything else would make the URL parser or the
   * server's router send the request to another resource.
   */
  segment(path: InputPath, value: unknown, limits: { max?: number } = {}): void {
    if (typeof value !== "string") {
      this.fail(path, `must be a string, got ${show(value)}`);
      return;
    }
    const problem = segmentProblem(value);
    if (problem !== undefined) this.fail(path, problem);
    else if (limits.max !== undefined && value.length > limits.max) this.fail(path, `must be at most ${limits.max} characters long, got ${value.length}`);
  }

  /** Requires one of the listed values. */
  oneOf(path: InputPath, value: unknown, allowed: readonly unknown[]): void {
    if (!allowed.includes(value)) {
      this.fail(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${show(value)}`);
    }
  }

  /** Requires an integer within the bounds. */
  integer(path: InputPath, value: unknown, bounds: { min?: number; max?: number } = {}): void {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      this.fail(path, `must be an integer, got ${show(value)}`);
    } else if (bounds.min !== undefined && value < bounds.min) {
      this.fail(path, `must be ≥ ${bounds.min}, got ${value}`);
    } else if (bounds.max !== undefined && value > bounds.max) {
      this.fail(path, `must be ≤ ${bounds.max}, got ${value}`);
    }
  }

  /** Requires a boolean. */
  boolean(path: InputPath, value: unknown): void {
    if (typeof value !== "boolean") this.fail(path, `must be true or false, got ${show(value)}`);
  }

  /** Requires a valid date (a `Date` or an ISO 8601 string). */
  date(path: InputPath, value: unknown): void {
    const ok =
      (value instanceof Date && !Number.isNaN(value.getTime())) ||
      (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)));
    if (!ok) this.fail(path, `must be a Date or an ISO 8601 date-time, got ${show(value)}`);
  }

  /** Throws a {@link ValidationError} when any problem was recorded. */
  throwIfInvalid(): void {
    if (this.#issues.length > 0) throw new ValidationError(this.#operation, this.#issues);
  }
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return "nothing";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Why `value` cannot be one URL path segment, or `undefined` when it can (see
 * {@link InputChecker.segment}).
 */
export function segmentProblem(value: string): string | undefined {
  if (value === "") return "must not be empty (an empty path segment addresses another resource)";
  if (value.includes("/")) return `cannot contain \`/\` in a URL path segment, got ${show(value)}`;
  const decoded = safeDecode(value);
  if (decoded === "." || decoded === ".." || value === "." || value === "..") {
    return `cannot be ${show(value)}: a dot segment would address another resource`;
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
