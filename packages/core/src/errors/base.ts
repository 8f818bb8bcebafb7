import { notifyObserver } from "./observer.js";

const KINDS = Symbol.for("cloud-images.error.kinds");

/**
 * What the SDK's error classes declare: `errorId`, a string literal that names the class. It is
 * the error's `name` and the brand `instanceof` checks, so both survive minification (which
 * renames classes) and two copies of the package.
 */
export interface CloudImagesErrorClass {
  /** The class's stable id, e.g. `"NotFoundError"`; declared by every class as its own static field. */
  readonly errorId: string;
}

/** The `errorId` a class declares itself (not one inherited from its parent), or `undefined`. */
function ownErrorId(ctor: unknown): string | undefined {
  if (typeof ctor !== "function" || !Object.prototype.hasOwnProperty.call(ctor, "errorId")) return undefined;
  const id = (ctor as Partial<CloudImagesErrorClass>).errorId;
  return typeof id === "string" ? id : undefined;
}

/**
 * Base class of every error the SDK throws.
 *
 * Every subclass declares `static override readonly errorId = "<ClassName>"`. That id becomes
 * the error's `name` and is recorded (for the class and each of its parents) under a
 * `Symbol.for` key; `instanceof` checks that record rather than object identity, so it works
 * across two copies of the package (two versions in one `node_modules`, or a bundle plus a
 * dependency) and after a minifier renamed the classes. A subclass that declares no id of its
 * own (one written by an application) falls back to the ordinary prototype check.
 */
export class CloudImagesError extends Error {
  /** Stable id of this class: its `name` and its `instanceof` brand. */
  static readonly errorId: string = "CloudImagesError";

  /** Stable machine-readable code, e.g. `HTTP_404`, `VALIDATION`, `TIMEOUT`. */
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === "function" && c !== Error; c = Object.getPrototypeOf(c)) {
      const id = ownErrorId(c);
      if (id !== undefined) kinds.push(id);
    }
    this.name = ownErrorId(new.target) ?? (new.target.name || kinds[0] || "CloudImagesError");
    this.code = code;
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
    notifyObserver("error", this);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    const id = ownErrorId(this);
    if (id === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    if (typeof value !== "object" || value === null) return false;
    const kinds = (value as { [KINDS]?: unknown })[KINDS];
    return Array.isArray(kinds) && kinds.includes(id);
  }
}
