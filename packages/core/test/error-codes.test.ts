import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import * as core from "../src/index.js";
import type { HttpErrorDetails, Image, Task } from "../src/index.js";
import type * as errorsModule from "../src/errors/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../../..");

type ErrorClass = (abstract new (...args: never[]) => core.CloudImagesError) & { readonly errorId?: string };

/** Every class the core's root exports that is `CloudImagesError` or one of its subclasses. */
const ERROR_CLASSES: ReadonlyMap<string, ErrorClass> = new Map(
  (Object.entries(core) as [string, unknown][]).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === "function" &&
      (entry[1] === core.CloudImagesError || Object.prototype.isPrototypeOf.call(core.CloudImagesError.prototype, (entry[1] as { prototype: object }).prototype)),
  ),
);

const details = (status: number): HttpErrorDetails => ({
  status,
  method: "GET",
  url: "http://h/v2/images/x",
  requestId: undefined,
  serverMessage: undefined,
  headers: {},
  body: undefined,
});
const request = { method: "GET", url: "http://h/v2/images/x" };
const image = { id: "x", status: "killed" } as unknown as Image;
const task = { id: "t", type: "import", status: "failure", message: "396: failed" } as unknown as Task;
const forbidden = () => new core.ForbiddenError(details(403));
const sharing = (reason: core.SharingRefusalReason) => ({ reason, hint: "h", imageId: "x" });
const state = { description: "d", last: undefined, attempts: 1, elapsedMs: 5 };
/** Builds an exported error class by name (for classes newer than this file's static imports). */
const make = (name: string, ...args: unknown[]): core.CloudImagesError => {
  const cls = ERROR_CLASSES.get(name) as unknown as (new (...a: unknown[]) => core.CloudImagesError) | undefined;
  if (!cls) throw new core.ConfigurationError(`no exported error class ${name}`);
  return new cls(...args);
};

/**
 * How to build each error class, in every variant that yields a distinct code. A class missing
 * here fails the test: a new error class must be added (and so gets its code checked).
 */
const SAMPLES: Readonly<Record<string, () => readonly core.CloudImagesError[]>> = {
  CloudImagesError: () => [],
  ValidationError: () => [new core.ValidationError("op", [{ path: ["id"], message: "bad" }])],
  TransportError: () => [],
  ConnectionError: () => [new core.ConnectionError(request)],
  RequestTimeoutError: () => [new core.RequestTimeoutError(request, 10)],
  RequestAbortedError: () => [new core.RequestAbortedError(request)],
  HttpError: () => [new core.HttpError(details(418)), new core.HttpError(details(405))],
  BadRequestError: () => [new core.BadRequestError(details(400))],
  UnauthorizedError: () => [new core.UnauthorizedError(details(401))],
  ForbiddenError: () => [forbidden()],
  NotFoundError: () => [new core.NotFoundError(details(404))],
  ConflictError: () => [new core.ConflictError(details(409))],
  PayloadTooLargeError: () => [new core.PayloadTooLargeError(details(413))],
  UnsupportedMediaTypeError: () => [new core.UnsupportedMediaTypeError(details(415))],
  TooManyRequestsError: () => [new core.TooManyRequestsError(details(429))],
  ServerError: () => [new core.ServerError(details(500)), new core.ServerError(details(502)), new core.ServerError(details(504))],
  ServiceUnavailableError: () => [new core.ServiceUnavailableError(details(503))],
  RequestNotReplayableError: () => [new core.RequestNotReplayableError(details(401))],
  ResponseValidationError: () => [new core.ResponseValidationError({ method: "GET", url: "u", status: 200, requestId: undefined, problems: ["p"] })],
  AuthenticationError: () => [new core.AuthenticationError({ method: "keystone-v3 password", authUrl: "http://k/v3", error: new core.UnauthorizedError(details(401)) })],
  EndpointNotFoundError: () => [new core.EndpointNotFoundError({ type: "image" }, [])],
  ConfigurationError: () => [new core.ConfigurationError("bad")],
  RetryAbortedError: () => [new core.RetryAbortedError()],
  ChecksumMismatchError: () => [new core.ChecksumMismatchError({ imageId: "x", algorithm: "md5", expected: "a", actual: "b", direction: "download" })],
  IncompleteDataError: () => [new core.IncompleteDataError({ imageId: "x", expectedBytes: 2, actualBytes: 1, direction: "download" })],
  NoImageDataError: () => [new core.NoImageDataError("x", undefined)],
  UploadSourceError: () => [new core.UploadSourceError("x", 0, new Error("read failed"))],
  WaiterTimeoutError: () => [new core.WaiterTimeoutError({ ...state, timeoutMs: 5, lastState: undefined })],
  WaiterAbortedError: () => [new core.WaiterAbortedError(state)],
  WaitFailedError: () => [new core.WaitFailedError({ description: "d", value: 1, state: "error" })],
  ImageWaitFailedError: () => [new core.ImageWaitFailedError(image, "image x to become active")],
  ComputeImageWaitFailedError: () => [new core.ComputeImageWaitFailedError(image as never, "image x to become ACTIVE")],
  TaskFailedError: () => [new core.TaskFailedError(task)],
  ImportFailedError: () => [new core.ImportFailedError({ image, reason: "killed" })],
  LegacyImageNotFoundError: () => [new core.LegacyImageNotFoundError({ name: "x" })],
  LegacyImageNotUniqueError: () => [new core.LegacyImageNotUniqueError({ name: "x" }, 2)],
  SharingForbiddenError: () => [new core.SharingForbiddenError(forbidden(), sharing("unknown"))],
  NotImageOwnerError: () => [new core.NotImageOwnerError(forbidden(), sharing("not-owner"))],
  NotImageMemberError: () => [new core.NotImageMemberError(forbidden(), sharing("not-member"))],
  ImageNotShareableError: () => [new core.ImageNotShareableError(forbidden(), sharing("not-shared"))],
  HashStateError: () => [make("HashStateError", "digest() called twice")],
  DownloadAlreadyReadError: () => [make("DownloadAlreadyReadError", "x")],
  UploadImageError: () => [make("UploadImageError", { imageId: "x", cleanup: "deleted", cause: new Error("cut") })],
};

describe("error classes", () => {
  it("finds the exported error classes", () => {
    expect(ERROR_CLASSES.size).toBeGreaterThan(30);
    expect(ERROR_CLASSES.get("NotFoundError")).toBe(core.NotFoundError);
  });

  it("each declares its own errorId, equal to its export name", () => {
    const wrong = [...ERROR_CLASSES].filter(([name, cls]) => !Object.prototype.hasOwnProperty.call(cls, "errorId") || cls.errorId !== name).map(([name]) => name);
    expect(wrong).toEqual([]);
  });

  it("each has a sample here (so its code is checked)", () => {
    expect([...ERROR_CLASSES.keys()].filter((name) => !(name in SAMPLES))).toEqual([]);
  });

  it("no two classes share a code", () => {
    const owners = new Map<string, Set<string>>();
    for (const [name, build] of Object.entries(SAMPLES)) {
      if (!ERROR_CLASSES.has(name)) continue;
      for (const error of build()) {
        expect(error.constructor, `${name} sample builds ${error.name}`).toBe(ERROR_CLASSES.get(name));
        const set = owners.get(error.code) ?? new Set<string>();
        set.add(name);
        owners.set(error.code, set);
      }
    }
    const shared = [...owners].filter(([, names]) => names.size > 1).map(([code, names]) => `${code}: ${[...names].join(", ")}`);
    expect(shared).toEqual([]);
  });

  it("each instance is named by its class's errorId and is an instance of its class chain only", () => {
    for (const [name, build] of Object.entries(SAMPLES)) {
      const cls = ERROR_CLASSES.get(name);
      if (!cls) continue;
      for (const error of build()) {
        expect(error.name).toBe(name);
        expect(error).toBeInstanceOf(cls);
        expect(error).toBeInstanceOf(core.CloudImagesError);
        for (const [otherName, other] of ERROR_CLASSES) {
          const related = Object.prototype.isPrototypeOf.call(other.prototype, error);
          expect(error instanceof other, `${name} instanceof ${otherName}`).toBe(related);
        }
      }
    }
  });

  it("an application's subclass without an errorId keeps the ordinary instanceof and its own name", () => {
    class AppError extends core.NotFoundError {}
    const e = new AppError(details(404));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(core.NotFoundError);
    expect(new core.NotFoundError(details(404))).not.toBeInstanceOf(AppError);
    expect(e.name).toBe("AppError");
    expect(e.code).toBe("HTTP_404");
  });
});

/** esbuild, as installed with tsx (a root devDependency), so no extra dependency is needed. */
function esbuild(): { buildSync(options: Record<string, unknown>): unknown } {
  const tsx = realpathSync(join(REPO, "node_modules/tsx/package.json"));
  return createRequire(tsx)("esbuild") as { buildSync(options: Record<string, unknown>): unknown };
}

describe("error identity after minification", () => {
  const dir = mkdtempSync(join(tmpdir(), "ci-minified-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Bundles the core's errors module into a minified file (a fresh copy each time). */
  async function minifiedCopy(label: string): Promise<typeof errorsModule> {
    const entry = join(dir, `entry-${label}.ts`);
    const out = join(dir, `copy-${label}.mjs`);
    writeFileSync(entry, `export * from ${JSON.stringify(join(REPO, "packages/core/src/errors/index.ts"))};\n`);
    esbuild().buildSync({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "neutral", outfile: out, logLevel: "silent" });
    return (await import(pathToFileURL(out).href)) as typeof errorsModule;
  }

  it("keeps names and instanceof across two minified copies", async () => {
    const a = await minifiedCopy("a");
    const b = await minifiedCopy("b");
    expect(a.NotFoundError).not.toBe(b.NotFoundError);
    // The minifier did rename the classes, so nothing below can lean on Function.name.
    expect(a.NotFoundError.name).not.toBe("NotFoundError");

    const fromA = new a.NotFoundError(details(404));
    expect(fromA.name).toBe("NotFoundError");
    expect(fromA.code).toBe("HTTP_404");
    expect(fromA).toBeInstanceOf(b.NotFoundError);
    expect(fromA).toBeInstanceOf(b.HttpError);
    expect(fromA).toBeInstanceOf(b.CloudImagesError);
    expect(fromA).toBeInstanceOf(core.NotFoundError);
    expect(fromA).not.toBeInstanceOf(b.ConflictError);
    expect(fromA).not.toBeInstanceOf(b.ServerError);

    const unavailable = new b.ServiceUnavailableError(details(503));
    expect(unavailable.name).toBe("ServiceUnavailableError");
    expect(unavailable).toBeInstanceOf(a.ServerError);
    expect(unavailable).not.toBeInstanceOf(a.NotFoundError);
    expect(new core.ConnectionError(request)).toBeInstanceOf(a.TransportError);
    expect(new a.ValidationError("op", [])).not.toBeInstanceOf(b.TransportError);
  });
});
