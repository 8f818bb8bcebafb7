import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ADMIN_HEADERS, PROJECT_A, PROJECT_B, trustedAuthHeaders } from "@cloud-images/test-servers";
import { createClient, type NodeImageClient, type Transport } from "../src/index.js";

/** The transports every integration suite runs with. */
export const TRANSPORTS = ["undici", "node:http", "fetch"] as const;
/** A transport name. */
export type TransportName = (typeof TRANSPORTS)[number];

/** A client of the shared real Glance, acting as `project` through trusted-auth headers. */
export function glanceClient(transport: TransportName | Transport, who: "a" | "b" | "admin" = "a"): NodeImageClient {
  const headers = who === "admin" ? ADMIN_HEADERS : trustedAuthHeaders({ project: who === "a" ? PROJECT_A : PROJECT_B });
  return createClient({ endpoint: inject("glanceUrl"), transport, headers, validateResponses: true });
}

/** A tag unique to one test run, so runs against the same Glance do not see each other's images. */
export function runTag(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** Uploads bytes straight to Glance (the SDK's data API is tested elsewhere). */
export async function putData(imageId: string, bytes: Uint8Array, who: "a" | "admin" = "a"): Promise<void> {
  const headers = who === "admin" ? ADMIN_HEADERS : trustedAuthHeaders({ project: PROJECT_A });
  const res = await fetch(`${inject("glanceUrl")}/v2/images/${imageId}/file`, {
    method: "PUT",
    headers: { ...headers, "content-type": "application/octet-stream" },
    body: bytes,
  });
  if (res.status !== 204) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}
