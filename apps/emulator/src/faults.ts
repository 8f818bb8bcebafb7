/**
 * Fault injection: make the emulator answer the next matching requests with an error status, a
 * `Retry-After`, a dropped connection, a cut body or a delay, to test how code under test copes.
 * Reached through {@link Emulator.faults}.
 */

/** Which requests a fault applies to; every given field must match, and an empty match takes any request. */
export interface FaultMatch {
  /** HTTP method (any case); any method when absent. */
  readonly method?: string;
  /**
   * Start of the request path below the emulator root, still percent-encoded, without the query
   * string (e.g. `/images/DFW/v2/images`, `/identity/v2.0/tokens`); any path when absent.
   */
  readonly pathPrefix?: string;
}

/**
 * A fault to inject into the next matching requests. The effects combine in this order: wait
 * {@link FaultSpec.delayMs}, then either drop the connection ({@link FaultSpec.reset}), answer
 * {@link FaultSpec.status} without handling the request, or handle it and cut the answer at
 * {@link FaultSpec.truncateBodyAt}. With only `delayMs`, the request is handled normally, late.
 *
 * @example A 503 with Retry-After 1 on the next image listing
 * ```ts
 * emulator.faults.inject({ match: { method: "GET", pathPrefix: "/images/DFW/v2/images" }, status: 503, retryAfterSeconds: 1 });
 * ```
 */
export interface FaultSpec {
  /** Which requests it applies to (default: any request). */
  readonly match?: FaultMatch;
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  readonly times?: number;
  /**
   * Answer with this status instead of handling the request (the request body is read and
   * dropped first). The body is the service's usual fault JSON unless {@link FaultSpec.body} is set.
   */
  readonly status?: number;
  /** Extra response headers, sent with {@link FaultSpec.status}. */
  readonly headers?: Record<string, string>;
  /** Response body sent with {@link FaultSpec.status} instead of the fault JSON (sent as `application/json`). */
  readonly body?: string;
  /** Destroy the connection without answering (the client sees a reset socket). */
  readonly reset?: boolean;
  /**
   * Handle the request (its effects happen), then send the headers with the full
   * `Content-Length` and only this many body bytes, and drop the connection.
   */
  readonly truncateBodyAt?: number;
  /** Adds `Retry-After: <seconds>`; implies an answer with {@link FaultSpec.status} (default 503). */
  readonly retryAfterSeconds?: number;
  /** Wait this long, in milliseconds, before the fault's other effect (or before handling the request normally). */
  readonly delayMs?: number;
}

/** A fault that was injected, as returned by {@link FaultInjector.inject}. */
export interface InjectedFault {
  /** Requests it has applied to so far. */
  readonly hits: number;
  /** Requests it will still apply to (it is removed when this reaches 0). */
  readonly remaining: number;
  /** Removes it, whatever remains. */
  remove(): void;
}

/**
 * The emulator's fault table ({@link Emulator.faults}). Faults are tried in the order they were
 * injected; a request takes the first one that matches and still has uses left.
 */
export interface FaultInjector {
  /** Adds a fault for the next matching requests. */
  inject(spec: FaultSpec): InjectedFault;
  /** Removes every injected fault. */
  clear(): void;
}

interface Rule {
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

/** The emulator's fault table (the implementation behind {@link FaultInjector}). */
export class Faults implements FaultInjector {
  #rules: Rule[] = [];

  inject(spec: FaultSpec): InjectedFault {
    const rule: Rule = { spec, remaining: spec.times ?? 1, hits: 0 };
    this.#rules.push(rule);
    return {
      get hits() {
        return rule.hits;
      },
      get remaining() {
        return rule.remaining;
      },
      remove: () => {
        this.#rules = this.#rules.filter((r) => r !== rule);
      },
    };
  }

  clear(): void {
    this.#rules = [];
  }

  /** Takes the first fault matching a request, counting it. */
  take(method: string, path: string): FaultSpec | undefined {
    for (const rule of this.#rules) {
      if (rule.remaining <= 0) continue;
      const m = rule.spec.match ?? {};
      if (m.method !== undefined && m.method.toUpperCase() !== method.toUpperCase()) continue;
      if (m.pathPrefix !== undefined && !path.startsWith(m.pathPrefix)) continue;
      rule.remaining -= 1;
      rule.hits += 1;
      if (rule.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
      return rule.spec;
    }
    return undefined;
  }
}
