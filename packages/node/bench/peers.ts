/**
 * Peer SDKs in the same run: openstacksdk (Debian's `python3-openstacksdk`, run by
 * `/usr/bin/python3`) doing the same job against the same Glance, timed inside Python so its
 * interpreter and import start-up (~1 s) are not counted. See `peers/openstacksdk-peer.py`.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("./peers/openstacksdk-peer.py", import.meta.url));
/** Debian's Python (a pyenv `python3` on PATH lacks Debian's modules); `$BENCH_PYTHON` overrides. */
const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";

/** What the peer reports: the operation's own wall time, its count, and its peak RSS. */
export interface PeerResult {
  readonly ms: number;
  readonly count?: number;
  readonly bytes?: number;
  readonly maxRssMb: number;
}

/** Runs one openstacksdk operation (`list`, or `download <id> <path>`) against `glanceUrl` with `headers`. */
export async function openstacksdk(glanceUrl: string, headers: Readonly<Record<string, string>>, args: readonly string[]): Promise<PeerResult> {
  const { stdout } = await run(PYTHON, [SCRIPT, ...args], {
    env: { ...process.env, PEER_URL: glanceUrl, PEER_HEADERS: JSON.stringify(headers) },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as PeerResult;
}

/** Whether the peer can run here (Debian's python with openstacksdk). */
export async function hasOpenstacksdk(): Promise<boolean> {
  return run(PYTHON, ["-c", "import openstack"]).then(
    () => true,
    () => false,
  );
}
