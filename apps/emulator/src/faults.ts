/** Which requests a fault applies to. */
export interface FaultMatch {
  /** HTTP method (any case); any method when absent. */
  readonly method?: string;
  /** Start of the request path below the emulator root (e.g. `/images/DFW/v2/images`). */
  readonly pathPrefix?: string;
}

/** A fault to inject into the next matching requests. */
export interface FaultSpec {
  readonly match?: FaultMatch;
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  readonly times?: number;
  /** Answer with this status instead of handling the request. */
  readonly status?: number;
  /** Extra response headers (with `status`). */
  readonly headers?: Record<string, string>;
  /** Response body (with `status`; default a JSON fault body). */
  readonly body?: string;
  /** Destroy the connection without answering. */
  readonly reset?: boolean;
  /** Handle the request, then cut the response body after this many bytes and drop the connection. */
  readonly truncateBodyAt?: number;
  /** Adds `Retry-After` (with `status`, default status 503). */
  readonly retryAfterSeconds?: number;
  /** Wait this long before answering (the request is then handled normally unless another effect is set). */
  readonly delayMs?: number;
}

/** A fault that was injected. */
export interface InjectedFault {
  /** Requests it has applied to so far. */
  readonly hits: number;
  /** Requests it will still apply to. */
  readonly remaining: number;
  /** Removes it. */
  remove(): void;
}

/** Injects faults into the emulator's answers. */
export interface FaultInjector {
  inject(spec: FaultSpec): InjectedFault;
  /** Removes every injected fault. */
  clear(): void;
}

interface Rule {
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

/** The emulator's fault table. */
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
