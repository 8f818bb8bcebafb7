import type { Transport, TransportRequest } from "../../src/index.js";

/** A transport that passes every request to `inner` and records it and the status answered. */
export interface RecordingTransport extends Transport {
  /** Every request sent, in order (including ones that failed before an answer). */
  readonly requests: TransportRequest[];
  /** The status of every answer received, in order. */
  readonly statuses: number[];
  /** How many requests went to an identity token endpoint (Keystone v3 or Rackspace v2.0). */
  auths(): number;
}

/** Wraps a real transport so tests can assert what was sent (counts, headers, auth requests). */
export function recordingTransport(inner: Transport): RecordingTransport {
  const requests: TransportRequest[] = [];
  const statuses: number[] = [];
  return {
    requests,
    statuses,
    auths: () => requests.filter((r) => r.method === "POST" && /\/(v3\/auth|v2\.0)\/tokens$/.test(new URL(r.url).pathname)).length,
    async request(req) {
      requests.push(req);
      const res = await inner.request(req);
      statuses.push(res.status);
      return res;
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}
