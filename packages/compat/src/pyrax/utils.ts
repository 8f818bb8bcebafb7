/**
 * `pyrax.utils`: `wait_until`, `wait_for_build`, `get_id`, `get_name`.
 *
 * @packageDocumentation
 */
import { ValidationError } from "@cloud-images/core";
import { MissingName, NoReloadError } from "./exceptions.js";
import { WaitTimeout } from "./wait-timeout.js";
import { delay } from "@cloud-images/core/internal";

export { WaitTimeout };

/** An object `wait_until` can reload: pyrax resources have `get()` (reload in place) or a `manager.get(id)`. */
export interface Reloadable {
  /** Reloads the object (resources with a `get()`). */
  get?: () => Promise<unknown>;
  /** Or the manager that reads it by id. */
  readonly manager?: { get(id: unknown): Promise<unknown> } | undefined;
  /** The object's id, for the manager. */
  readonly id?: unknown;
}

/** Python's keyword arguments of `wait_until`. */
export interface WaitUntilOptions<T> {
  /** Called with the object once the attribute has a desired value, or with `null` when the wait ends otherwise; the call then returns at once (pyrax's background thread). */
  readonly callback?: ((obj: T | null) => void) | undefined;
  /** Seconds between reloads (default 5). */
  readonly interval?: number | undefined;
  /** Reloads before giving up (default 0: no limit on attempts, but see `timeout`). */
  readonly attempts?: number | undefined;
  /** Print the attribute at each reload (default false). */
  readonly verbose?: boolean | undefined;
  /** More attributes to print with `verbose`. */
  readonly verbose_atts?: string | readonly string[] | undefined;
  /**
   * Seconds before the wait gives up (later pyrax's `timeout`). Default: none when `attempts`
   * is set, one hour when `attempts` is 0 (pyrax 1.9 waited forever there).
   */
  readonly timeout?: number | undefined;
  /** Throw a `WaitTimeout` instead of returning the object when the wait gives up (later pyrax's `raise_on_timeout`). */
  readonly raise_on_timeout?: boolean | undefined;
  /** Stops the wait (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal | undefined;
  /** Where `verbose` prints (default `console.log`). */
  readonly print?: ((line: string) => void) | undefined;
}

/** What `wait_until` returns when given a `callback`: the wait running in the background (pyrax's `_WaitThread`). */
export interface WaitThread<T> {
  /** Settles when the wait is over (after the callback ran). */
  join(): Promise<T | null>;
  /** Whether the wait is still running. */
  is_alive(): boolean;
}

/** Statuses after which a wait cannot reach anything else: the wait ends there even when not desired (pyrax kept polling). */
const TERMINAL_FAILURES = new Set(["error", "failure", "killed", "deleted", "pending_delete", "deactivated"]);
/** pyrax 1.9's `attempts=0` meant forever; the shim stops after an hour unless told otherwise. */
const DEFAULT_UNBOUNDED_TIMEOUT_S = 3600;


/**
 * Reloads `obj` every `interval` seconds until its attribute `att` has one of the `desired`
 * values (a string, or a list/tuple of them), then returns it — or returns it as it is once
 * `attempts` reloads are done (pyrax's behaviour). With `callback`, returns at once a
 * {@link WaitThread} and calls `callback(obj)` (or `callback(null)` when the wait failed).
 *
 * Differences from pyrax 1.9, on purpose: `attempts=0` stops after `timeout` seconds (default
 * one hour) instead of never; string values are compared without regard to case (`"ACTIVE"`
 * matches Glance's `active`); a terminal failure (`ERROR`, `failure`, `killed`, `deleted`) that
 * is not desired ends the wait at once instead of polling until the attempts run out.
 */
export function wait_until<T extends object>(obj: T, att: string, desired: unknown, options?: WaitUntilOptions<T>): Promise<T>;
export function wait_until<T extends object>(
  obj: T,
  att: string,
  desired: unknown,
  callback: ((obj: T | null) => void) | null | undefined,
  interval?: number,
  attempts?: number,
  verbose?: boolean,
  verbose_atts?: string | readonly string[],
): Promise<T | WaitThread<T>>;
export function wait_until<T extends object>(
  obj: T,
  att: string,
  desired: unknown,
  callbackOrOptions?: WaitUntilOptions<T> | ((obj: T | null) => void) | null,
  interval?: number,
  attempts?: number,
  verbose?: boolean,
  verbose_atts?: string | readonly string[],
): Promise<T | WaitThread<T>> {
  const options: WaitUntilOptions<T> =
    typeof callbackOrOptions === "function" || callbackOrOptions === null || interval !== undefined || attempts !== undefined || verbose !== undefined || verbose_atts !== undefined
      ? { callback: typeof callbackOrOptions === "function" ? callbackOrOptions : undefined, interval, attempts, verbose, verbose_atts }
      : (callbackOrOptions ?? {});
  checkWaitArguments(obj, att, options);
  const run = waitLoop(obj, att, desiredValues(desired), options);
  if (options.callback === undefined) return run;
  const callback = options.callback;
  let alive = true;
  const finished = run.then(
    (result) => {
      alive = false;
      callback(result);
      return result;
    },
    () => {
      alive = false;
      callback(null);
      return null;
    },
  );
  return Promise.resolve({ join: () => finished, is_alive: () => alive });
}

/** `wait_for_build`'s keyword arguments (defaults: `status`, ACTIVE/ERROR/available/COMPLETED, 20 s, progress printed with `verbose`). */
export interface WaitForBuildOptions<T> extends WaitUntilOptions<T> {
  /** Attribute to watch (default `status`). */
  readonly att?: string | undefined;
  /** Value or values to wait for (default ACTIVE, ERROR, available, COMPLETED). */
  readonly desired?: unknown;
}

/** `wait_until` for the common case: `status` until ACTIVE, ERROR, available or COMPLETED, polling every 20 seconds. */
export function wait_for_build<T extends object>(obj: T, options: WaitForBuildOptions<T> = {}): Promise<T | WaitThread<T>> {
  const { att, desired, ...rest } = options;
  return wait_until(obj, att ?? "status", desired ?? ["ACTIVE", "ERROR", "available", "COMPLETED"], {
    ...rest,
    interval: rest.interval ?? 20,
    attempts: rest.attempts ?? 0,
    verbose_atts: rest.verbose_atts ?? "progress",
  } as WaitUntilOptions<T>);
}

/** The `id` of an object, or the value itself when it is an id (a string or a number). */
export function get_id(id_or_obj: unknown): string | number {
  if (typeof id_or_obj === "string" || typeof id_or_obj === "number") return id_or_obj;
  if (typeof id_or_obj === "object" && id_or_obj !== null && "id" in id_or_obj) return (id_or_obj as { id: string | number }).id;
  throw new ValidationError("utils.get_id", [{ path: ["id_or_obj"], message: "must be an id (string or number) or an object with an id" }]);
}

/** The `name` of an object, or the value itself when it is a string. */
export function get_name(name_or_obj: unknown): string {
  if (typeof name_or_obj === "string") return name_or_obj;
  if (typeof name_or_obj === "object" && name_or_obj !== null && typeof (name_or_obj as { name?: unknown }).name === "string") return (name_or_obj as { name: string }).name;
  throw new MissingName(name_or_obj);
}

function desiredValues(desired: unknown): unknown[] {
  return Array.isArray(desired) ? [...(desired as unknown[])] : [desired];
}

function same(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function checkWaitArguments(obj: unknown, att: unknown, options: Pick<WaitUntilOptions<unknown>, "interval" | "attempts" | "timeout">): void {
  const problems: { path: string[]; message: string }[] = [];
  if (typeof obj !== "object" || obj === null) problems.push({ path: ["obj"], message: "must be an object to reload" });
  if (typeof att !== "string" || att === "") problems.push({ path: ["att"], message: "must be the name of an attribute" });
  const { interval, attempts, timeout } = options;
  if (interval !== undefined && !(typeof interval === "number" && interval >= 0 && Number.isFinite(interval))) problems.push({ path: ["interval"], message: "must be a number of seconds ≥ 0" });
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 0)) problems.push({ path: ["attempts"], message: "must be an integer ≥ 0" });
  if (timeout !== undefined && !(typeof timeout === "number" && timeout > 0)) problems.push({ path: ["timeout"], message: "must be a number of seconds > 0" });
  if (problems.length > 0) throw new ValidationError("utils.wait_until", problems);
}

async function reload<T extends object>(obj: T): Promise<T> {
  const target = obj as Reloadable;
  if (typeof target.get === "function") {
    const got = await target.get();
    return (typeof got === "object" && got !== null ? got : obj) as T;
  }
  if (target.manager && typeof target.manager.get === "function") return (await target.manager.get(target.id)) as T;
  throw new NoReloadError(`The 'wait_until' method is not supported for '${obj.constructor?.name ?? typeof obj}' objects.`);
}

async function waitLoop<T extends object>(start: T, att: string, desired: unknown[], options: WaitUntilOptions<T>): Promise<T> {
  const interval = (options.interval ?? 5) * 1000;
  const attempts = options.attempts ?? 0;
  const timeoutS = options.timeout ?? (attempts === 0 ? DEFAULT_UNBOUNDED_TIMEOUT_S : undefined);
  const print = options.print ?? ((line: string) => console.log(line));
  const extra = options.verbose_atts === undefined ? [] : Array.isArray(options.verbose_atts) ? options.verbose_atts : [options.verbose_atts as string];
  const began = Date.now();
  let obj = start;
  for (let attempt = 0; attempts === 0 || attempt < attempts; attempt++) {
    options.signal?.throwIfAborted();
    obj = await reload(obj);
    const value = (obj as Record<string, unknown>)[att];
    if (options.verbose) {
      const elapsed = ((Date.now() - began) / 1000).toFixed(1);
      print([`Current value of ${att}: ${String(value)} (elapsed: ${elapsed.padStart(4)} seconds)`, ...extra.map((a) => `${a}=${String((obj as Record<string, unknown>)[a])}`)].join(" "));
    }
    if (desired.some((d) => same(d, value))) return obj;
    if (typeof value === "string" && TERMINAL_FAILURES.has(value.toLowerCase())) return obj;
    const last = attempts !== 0 && attempt + 1 >= attempts;
    if (last) break;
    if (timeoutS !== undefined && Date.now() - began + interval > timeoutS * 1000) {
      if (options.raise_on_timeout) throw new WaitTimeout(att, value, timeoutS);
      return obj;
    }
    await delay(interval, options.signal);
  }
  if (options.raise_on_timeout) throw new WaitTimeout(att, (obj as Record<string, unknown>)[att], timeoutS);
  return obj;
}

