import { inject } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import {
  ADMIN_HEADERS,
  ADMIN_PROJECT,
  PROJECT_A,
  PROJECT_B,
  trustedAuthHeaders,
} from "@cloud-images/test-servers";
import {
  createClient,
  type NodeImageClient,
  type Transport,
} from "../../src/index.js";
import type { TransportName } from "../glance-fixtures.js";

/** Who a contract client acts as: project A, project B, or the cloud admin (trusted-auth headers). */
export type Who = "a" | "b" | "admin";

/**
 * A Glance v2 endpoint the contract suites run against: the real Glance of the integ project's
 * globalSetup, or the emulator in glance mode. Both take the same trusted-auth headers, so the
 * suites' bodies are the same for both. A target that authenticates otherwise (a Glance behind
 * Keystone: keystone-target.ts) supplies `client`, `putData` and `projectId`.
 */
export interface ContractTarget {
  /** Shown in the suite names. */
  readonly name: string;
  /** Called in `beforeAll` (starts the emulator; nothing for real Glance). */
  start(): Promise<void>;
  /** Called in `afterAll`. */
  stop(): Promise<void>;
  /** The image endpoint (the root that `/v2/...` follows). Valid after {@link start}. */
  endpoint(): string;
  /**
   * How this target authenticates, when not with trusted-auth headers (e.g. Keystone tokens):
   * a client acting as `who`. Default: {@link headersFor} on {@link endpoint}.
   */
  client?(
    transport: TransportName | Transport,
    who: Who,
    options?: TargetClientOptions,
  ): NodeImageClient;
  /** Uploads bytes as `who` (default: a PUT with {@link headersFor}). */
  putData?(imageId: string, bytes: Uint8Array, who: Who): Promise<void>;
  /** The project id `who` acts in (default: the trusted-auth constants of test-servers). */
  projectId?(who: Who): string;
}

/** Options of {@link targetClient}. */
export interface TargetClientOptions {
  /**
   * A client that never learns its project id by itself (clients with an identity session take
   * it from their token): the sharing contract's "unaware" clients. Trusted-auth clients never
   * learn it anyway.
   */
  readonly projectUnknown?: boolean;
}

/** The project id `who` acts in on `target` (owners, members). */
export function targetProjectId(target: ContractTarget, who: Who): string {
  if (target.projectId) return target.projectId(who);
  return who === "a" ? PROJECT_A : who === "b" ? PROJECT_B : ADMIN_PROJECT;
}

/** Trusted-auth headers for `who`. */
export function headersFor(who: Who): Record<string, string> {
  return who === "admin"
    ? { ...ADMIN_HEADERS }
    : trustedAuthHeaders({ project: who === "a" ? PROJECT_A : PROJECT_B });
}

/** A client of `target`, acting as `who`, validating every response against the spec. */
export function targetClient(
  target: ContractTarget,
  transport: TransportName | Transport,
  who: Who = "a",
  options: TargetClientOptions = {},
): NodeImageClient {
  if (target.client) return target.client(transport, who, options);
  return createClient({
    endpoint: target.endpoint(),
    transport,
    headers: headersFor(who),
    validateResponses: true,
  });
}

/** Uploads bytes straight to the image service (the SDK's data API is tested elsewhere). */
export async function targetPutData(
  target: ContractTarget,
  imageId: string,
  bytes: Uint8Array,
  who: "a" | "admin" = "a",
): Promise<void> {
  if (target.putData) return target.putData(imageId, bytes, who);
  const res = await fetch(`${target.endpoint()}/v2/images/${imageId}/file`, {
    method: "PUT",
    headers: { ...headersFor(who), "content-type": "application/octet-stream" },
    body: bytes,
  });
  if (res.status !== 204)
    throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}

/** The real Glance started by the integ project's globalSetup. */
export function realGlance(): ContractTarget {
  return {
    name: "real Glance",
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    endpoint: () => inject("glanceUrl"),
  };
}

/** The emulator in glance mode, started in-process for the suite (Cloud Images under `/images/DFW`). */
export function glanceEmulator(): ContractTarget {
  let emulator: Emulator | undefined;
  return {
    name: "the emulator (glance mode)",
    async start() {
      emulator = await startEmulator({ mode: "glance", jobDurationMs: 300 });
    },
    async stop() {
      await emulator?.stop();
      emulator = undefined;
    },
    endpoint() {
      if (!emulator) throw new Error("the emulator is not started");
      return `${emulator.url}/images/DFW`;
    },
  };
}
