/**
 * Finds an image by ID or name, as the openstack CLI does: an ID is read directly; anything
 * else (or an ID that is not found) is looked up by name — no match is "not found" (exit 3),
 * several are a conflict (exit 4).
 */
import type { Image, NodeImageClient } from "@cloud-images/node";
import { AmbiguousNameError, NameNotFoundError } from "./errors.js";

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The image `ref` names (an ID or a unique name). */
export async function findImage(client: NodeImageClient, ref: string, call: { signal: AbortSignal; timeoutMs?: number }): Promise<Image> {
  if (UUID.test(ref)) {
    try {
      return await client.images.get(ref, call);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  const matches: Image[] = [];
  for await (const image of client.images.listAll({ name: ref }, call)) {
    matches.push(image);
    if (matches.length > 1) break;
  }
  if (matches.length === 0) throw new NameNotFoundError("Image", ref);
  if (matches.length > 1) throw new AmbiguousNameError("Image", ref, matches.length);
  return matches[0]!;
}

/** The ID of the image `ref` names: an ID as is (no request), else the name looked up. */
export async function imageId(client: NodeImageClient, ref: string, call: { signal: AbortSignal; timeoutMs?: number }): Promise<string> {
  return UUID.test(ref) ? ref : (await findImage(client, ref, call)).id;
}
