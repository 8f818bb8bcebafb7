import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ADMIN_HEADERS, PROJECT_A, startFaultProxy, trustedAuthHeaders, type FaultProxy } from "@cloud-images/test-servers";
import { createClient, type Image, type NodeClientOptions, type NodeImageClient } from "../../src/index.js";
import type { TransportName } from "../glance-fixtures.js";

/** The real Glance of the integ project (straight, no proxy). */
export function glanceUrl(): string {
  return inject("glanceUrl");
}

/** A fault proxy in front of the integ project's real Glance. */
export function glanceProxy(): Promise<FaultProxy> {
  return startFaultProxy({ target: glanceUrl() });
}

/** Fast retries, so the matrix runs in seconds: the policy is the default one, only its delays shrink. */
export const QUICK_RETRY = { baseDelayMs: 20, maxDelayMs: 100 } as const;

/** A client of Glance through `proxy`, acting as project A, with quick retries. */
export function proxiedClient(proxy: FaultProxy, transport: TransportName = "undici", options: Partial<NodeClientOptions> = {}): NodeImageClient {
  return createClient({
    endpoint: proxy.url,
    transport,
    headers: trustedAuthHeaders({ project: PROJECT_A }),
    validateResponses: true,
    retry: QUICK_RETRY,
    ...options,
  });
}

/** A tag unique to one test, put on every image it makes so the listing afterwards finds exactly them. */
export function testTag(label: string): string {
  return `rel-${label}-${randomUUID().slice(0, 8)}`;
}

/** Every image carrying `tag`, read straight from Glance as the admin (no proxy, no SDK): the ground truth. */
export async function imagesTagged(tag: string): Promise<Image[]> {
  const res = await fetch(`${glanceUrl()}/v2/images?tag=${encodeURIComponent(tag)}&limit=1000`, { headers: { ...ADMIN_HEADERS, accept: "application/json" } });
  if (res.status !== 200) throw new Error(`listing failed: ${res.status}`);
  return ((await res.json()) as { images: Image[] }).images;
}

/** One image read straight from Glance as the admin, or `undefined` when it is gone. */
export async function imageById(id: string): Promise<Image | undefined> {
  const res = await fetch(`${glanceUrl()}/v2/images/${id}`, { headers: { ...ADMIN_HEADERS, accept: "application/json" } });
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`get failed: ${res.status}`);
  return (await res.json()) as Image;
}

/** Deletes every image carrying `tag` (straight, as the admin). */
export async function deleteTagged(tag: string): Promise<void> {
  for (const image of await imagesTagged(tag)) {
    await fetch(`${glanceUrl()}/v2/images/${image.id}`, { method: "DELETE", headers: ADMIN_HEADERS });
  }
}

/** `n` bytes of a pattern that differs at every offset mod 251 (a flipped or shifted byte shows). */
export function patternBytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) % 251;
  return out;
}

/** What a call threw (fails the test when it resolved). */
export async function thrown(call: Promise<unknown> | (() => Promise<unknown>)): Promise<unknown> {
  try {
    await (typeof call === "function" ? call() : call);
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, it resolved");
}
