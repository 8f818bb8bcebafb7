import { describe, expect, it } from "vitest";
import { BadRequestError, CloudImagesError, ConflictError, ConnectionError, ForbiddenError, HttpError, ImageClient, NotFoundError, PayloadTooLargeError, RequestAbortedError, RequestTimeoutError, ServerError, ServiceUnavailableError, TooManyRequestsError, UnauthorizedError, UnsupportedMediaTypeError } from "../src/index.js";
import { parseErrorMessage, parseRetryAfter, redactUrl } from "../src/internal.js";
import { fakeTransport } from "./fake-transport.js";

const ID = "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";

describe("HTTP errors", () => {
  it.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [409, ConflictError],
    [413, PayloadTooLargeError],
    [415, UnsupportedMediaTypeError],
    [429, TooManyRequestsError],
    [500, ServerError],
    [502, ServerError],
    [503, ServiceUnavailableError],
  ] as const)("maps %i to %s with status, request id and the server's message", async (status, Ctor) => {
    const transport = fakeTransport(() => ({
      status,
      headers: { "x-openstack-request-id": "req-abc", "retry-after": "7" },
      body: { code: `${status} Whatever`, title: "Whatever", message: "The thing failed.<br /><br />\nfor a reason" },
    }));
    const client = new ImageClient({ endpoint: "http://glance.test:9292", transport, token: "tok-SECRET", maxRetries: 0 });
    const error = await client.images.get(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Ctor);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toBeInstanceOf(CloudImagesError);
    const e = error as HttpError;
    expect(e.status).toBe(status);
    expect(e.method).toBe("GET");
    expect(e.requestId).toBe("req-abc");
    expect(e.serverMessage).toBe("The thing failed. for a reason");
    expect(e.message).toContain("The thing failed.");
    expect(e.message).toContain("req-abc");
    expect(JSON.stringify(e)).not.toContain("SECRET");
    if (e instanceof TooManyRequestsError || e instanceof ServiceUnavailableError || e instanceof PayloadTooLargeError) {
      expect(e.retryAfterSeconds).toBe(7);
    }
  });

  it("does not mistake one class for another", () => {
    const e = new NotFoundError({ status: 404, method: "GET", url: "u", requestId: undefined, serverMessage: undefined, headers: {}, body: undefined });
    expect(e).not.toBeInstanceOf(ConflictError);
    expect(e).not.toBeInstanceOf(ServerError);
    expect(e).toBeInstanceOf(NotFoundError);
    expect({}).not.toBeInstanceOf(CloudImagesError);
  });

  it("parses Glance's HTML error page when JSON was not negotiated", () => {
    const html = "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID abc<br /><br />\n\n\n\n </body>\n</html>";
    expect(parseErrorMessage(html, "text/html; charset=UTF-8")).toBe("No image found with ID abc");
  });

  it("parses Keystone and Nova error bodies", () => {
    expect(parseErrorMessage('{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}', "application/json")).toBe(
      "The request you have made requires authentication.",
    );
    expect(parseErrorMessage('{"itemNotFound":{"message":"Image not found.","code":404}}', "application/json")).toBe("Image not found.");
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("120")).toBe(120);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("redacts credentials in URLs", () => {
    expect(redactUrl("https://user:pw@h/v2/x?temp_url_sig=abc&limit=2")).toBe("https://REDACTED@h/v2/x?temp_url_sig=REDACTED&limit=2");
    expect(redactUrl("https://h/v2/images?limit=2")).toBe("https://h/v2/images?limit=2");
  });
});

describe("transport errors", () => {
  it("maps a network failure to ConnectionError", async () => {
    const transport = fakeTransport(() => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    });
    const client = new ImageClient({ endpoint: "http://127.0.0.1:1", transport, maxRetries: 0 });
    const error = await client.images.get(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  it("maps its own deadline to RequestTimeoutError", async () => {
    const transport = fakeTransport(
      (req) =>
        new Promise((_, reject) => {
          req.signal?.addEventListener("abort", () => reject(req.signal?.reason));
        }),
    );
    const client = new ImageClient({ endpoint: "http://h", transport });
    const error = await client.images.get(ID, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).timeoutMs).toBe(20);
  });

  it("maps the caller's abort to RequestAbortedError, even when already aborted", async () => {
    const transport = fakeTransport(
      (req) =>
        new Promise((_, reject) => {
          req.signal?.addEventListener("abort", () => reject(req.signal?.reason));
        }),
    );
    const client = new ImageClient({ endpoint: "http://h", transport });
    const controller = new AbortController();
    const pending = client.images.get(ID, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toBeInstanceOf(RequestAbortedError);
    const again = await client.images.get(ID, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RequestAbortedError);
    expect(transport.requests).toHaveLength(1);
  });
});
