import { inject } from "vitest";
import { createClient, keystoneApplicationCredential, keystonePassword, type BrowserImageClient } from "@cloud-images/browser";

type Who = "a" | "b";

/** A browser client logged in to the real Keystone as alice (`a`, project A) or bob (`b`, project B). */
export function clientFor(who: Who): BrowserImageClient {
  const account = inject("browserAccounts")[who];
  return createClient({
    identity: keystonePassword({
      authUrl: inject("keystoneAuthUrl"),
      username: account.username,
      password: account.password,
      userDomainName: "Default",
      projectName: account.projectName,
      projectDomainName: "Default",
    }),
    region: inject("keystoneRegion"),
  });
}

/** A browser client logged in with alice's application credential. */
export function appCredentialClient(): BrowserImageClient {
  const credential = inject("browserAccounts").appCredA;
  return createClient({
    identity: keystoneApplicationCredential({ authUrl: inject("keystoneAuthUrl"), applicationCredentialId: credential.id, applicationCredentialSecret: credential.secret }),
    region: inject("keystoneRegion"),
  });
}

/**
 * `size` bytes that differ from one MiB to the next (xorshift, seeded), as a Blob built from
 * 1 MiB parts; cheap enough to make 64 MiB in a page.
 */
export function patternBlob(size: number, seed = 1): Blob {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let state = seed >>> 0 || 1;
  for (let offset = 0; offset < size; offset += 1 << 20) {
    const part = new Uint8Array(Math.min(1 << 20, size - offset));
    const words = new Uint32Array(part.buffer, 0, part.byteLength >>> 2);
    for (let i = 0; i < words.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[i] = state >>> 0;
    }
    parts.push(part);
  }
  return new Blob(parts);
}

/** Lower-case hex SHA-512 of a Blob by WebCrypto (one shot): an independent check of Glance's `os_hash_value`. */
export async function sha512Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-512", await blob.arrayBuffer()));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
