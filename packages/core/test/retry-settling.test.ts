import { describe, expect, it } from "vitest";
import { ConflictError } from "../src/index.js";
import { HttpClient, type OperationRequest } from "../src/http/http-client.js";
import { settlingRetryDelay } from "../src/http/request-retry.js";
import { fakeTransport } from "./fake-transport.js";

const PUT_FILE: OperationRequest = {
  operation: "data.upload",
  method: "PUT",
  path: "/v2/images/2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b/file",
  body: new Uint8Array(8),
  expect: [204],
  settlingStatuses: [409],
};

/** A client whose waits are recorded (through onRetry) and kept short. */
function client(answers: (() => { status: number })[]) {
  let n = 0;
  const transport = fakeTransport(() => {
    const next = answers[n++]!;
    return next();
  });
  const delays: number[] = [];
  const http = new HttpClient({
    root: "http://glance.test",
    transport,
    timeoutMs: 60_000,
    validateResponses: false,
    retry: { baseDelayMs: 5, maxDelayMs: 40 },
    random: () => 0,
    hooks: { onRetry: (e) => delays.push(e.delayMs) },
  });
  return { http, transport, delays };
}
const reset = () => {
  throw Object.assign(new Error("socket reset"), { code: "ECONNRESET" });
};

describe("settling statuses: a retry that meets the server still settling a cut attempt", () => {
  it("a 409 after a cut is waited out (no jitter, growing from twice the base) and the upload succeeds", async () => {
    const { http, transport, delays } = client([reset, () => ({ status: 409 }), () => ({ status: 204 })]);
    await http.empty(PUT_FILE);
    expect(transport.requests).toHaveLength(3);
    // After the cut: at least the settling delay even with random() = 0; then 409 → the next settling delay.
    expect(delays).toEqual([10, 20]);
  });

  it("a 409 without a cut before it is final (ConflictError at once)", async () => {
    const { http, transport } = client([() => ({ status: 409 })]);
    await expect(http.empty(PUT_FILE)).rejects.toBeInstanceOf(ConflictError);
    expect(transport.requests).toHaveLength(1);
  });

  it("an operation without settling statuses keeps a 409 after a cut final", async () => {
    const { http, transport } = client([reset, () => ({ status: 409 })]);
    await expect(http.empty({ ...PUT_FILE, settlingStatuses: undefined })).rejects.toBeInstanceOf(ConflictError);
    expect(transport.requests).toHaveLength(2);
  });

  it("settling retries count against maxRetries", async () => {
    const { http, transport } = client([reset, () => ({ status: 409 }), () => ({ status: 409 })]);
    await expect(http.empty(PUT_FILE)).rejects.toBeInstanceOf(ConflictError);
    expect(transport.requests).toHaveLength(3);
    expect(settlingRetryDelay(2, { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 })).toBeUndefined();
    expect(settlingRetryDelay(0, { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 })).toBe(1000);
  });
});
