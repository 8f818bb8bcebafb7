import type { Transport, TransportRequest, TransportResponse } from "../src/index.js";

/** A scripted answer of the fake transport. */
export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

/** A transport that records requests and answers from a handler: nothing else is faked. */
export function fakeTransport(handler: (req: TransportRequest) => FakeAnswer | Promise<FakeAnswer>): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return {
    requests,
    async request(req) {
      requests.push(req);
      if (req.signal?.aborted) throw req.signal.reason;
      const answer = await handler(req);
      const text = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      const bytes = new TextEncoder().encode(text);
      const res: TransportResponse = {
        status: answer.status,
        headers: { "content-type": "application/json", ...answer.headers },
        text: async () => text,
        bytes: async () => bytes,
        stream: () => new Blob([bytes]).stream(),
        discard: async () => undefined,
      };
      return res;
    },
  };
}

/** A Glance-shaped image body. */
export function imageBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = (overrides.id as string) ?? "2a7b0f5e-3c9d-4e0f-8a1b-1c2d3e4f5a6b";
  return {
    id,
    name: "cirros",
    status: "queued",
    visibility: "shared",
    protected: false,
    os_hidden: false,
    checksum: null,
    os_hash_algo: null,
    os_hash_value: null,
    owner: "0123456789abcdef0123456789abcdef",
    size: null,
    virtual_size: null,
    min_disk: 0,
    min_ram: 0,
    container_format: null,
    disk_format: null,
    created_at: "2026-11-22T18:00:00Z",
    updated_at: "2026-11-22T18:00:00Z",
    tags: [],
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: "/v2/schemas/image",
    ...overrides,
  };
}
