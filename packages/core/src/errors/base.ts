const KINDS = Symbol.for("cloud-images.error.kinds");

/**
 * Base class of every error the SDK throws.
 *
 * `instanceof` works across two copies of the package (two versions in one `node_modules`, or
 * a bundle plus a dependency): each error carries the names of its class chain under a
 * `Symbol.for` key and `instanceof` checks that list rather than object identity.
 */
export class CloudImagesError extends Error {
  /** Stable machine-readable code, e.g. `HTTP_404`, `VALIDATION`, `TIMEOUT`. */
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === "function" && c !== Error; c = Object.getPrototypeOf(c)) {
      kinds.push((c as { name: string }).name);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const kinds = (value as { [KINDS]?: unknown })[KINDS];
    return Array.isArray(kinds) && kinds.includes(this.name);
  }
}
