import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** Lock directory shared by every process that may install Debian packages at once. */
const LOCK_DIR = "/tmp/cloud-images-apt.lock";
/** A lock older than this is considered abandoned (a crashed holder) and broken. */
const STALE_LOCK_MS = 15 * 60 * 1000;
const POLICY_RC_D = "/usr/sbin/policy-rc.d";

function log(message: string): void {
  process.stderr.write(`[test-servers/apt] ${message}\n`);
}

/**
 * Whether a Debian package is installed, according to
 * `dpkg-query -W -f='${Status}'` (status ends with ` installed`).
 */
export function isDebianPackageInstalled(pkg: string): boolean {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
  if (result.error || result.status !== 0) return false;
  return /\binstall ok installed$/.test(result.stdout.trim());
}

function missingPackages(pkgs: readonly string[]): string[] {
  return pkgs.filter((pkg) => !isDebianPackageInstalled(pkg));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Acquires the cross-process `mkdir` lock; returns its release function. */
async function acquireLock(): Promise<() => void> {
  let announced = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(`${LOCK_DIR}/pid`, String(process.pid));
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // Break a lock whose holder is gone or that is far too old.
    try {
      const pid = Number(readFileSync(`${LOCK_DIR}/pid`, "utf8"));
      const age = Date.now() - statSync(LOCK_DIR).mtimeMs;
      if ((pid > 0 && !processAlive(pid)) || age > STALE_LOCK_MS) {
        log(`breaking stale lock ${LOCK_DIR} (pid ${pid}, age ${Math.round(age / 1000)} s)`);
        rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
    } catch {
      // The holder has just created the dir but not yet written its pid, or released it.
    }
    if (!announced) {
      log(`waiting for another process holding ${LOCK_DIR}`);
      announced = true;
    }
    await sleep(500);
  }
}

function run(command: string, args: string[]): Promise<void> {
  log(`$ ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    // stdout of apt goes to our stderr so that it never pollutes a test reporter's stdout.
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/**
 * Makes sure `/usr/sbin/policy-rc.d` exists and exits 101, so that package
 * postinst scripts never start services (e.g. a system-wide glance-api).
 * An existing file is left alone when it already exits 101.
 */
export function ensurePolicyRcD(): void {
  if (existsSync(POLICY_RC_D)) {
    const result = spawnSync(POLICY_RC_D, ["glance-api", "start"]);
    if (result.status === 101) return;
    log(`${POLICY_RC_D} exits ${result.status}; replacing it with one that exits 101`);
  } else {
    log(`creating ${POLICY_RC_D} (exit 101) so that package installs start no service`);
  }
  writeFileSync(POLICY_RC_D, "#!/bin/sh\n# Written by @cloud-images/test-servers: never start services on install.\nexit 101\n", {
    mode: 0o755,
  });
}

/**
 * Installs the given Debian packages when any of them is missing.
 *
 * - Checks each package with `dpkg-query -W -f='${Status}'`; returns at once when all are installed.
 * - Otherwise makes `/usr/sbin/policy-rc.d` exit 101, runs `apt-get update` once and
 *   `DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends …`.
 * - Concurrent callers (several vitest workers or projects, several processes) are serialized
 *   with a `mkdir` lock in `/tmp`; a caller that waited re-checks before installing.
 * - Progress goes to stderr. Needs root (CI and the dev machines run as root).
 *
 * @throws Error when apt-get fails or a package is still missing afterwards.
 */
export async function ensureDebianPackages(pkgs: string[]): Promise<void> {
  if (missingPackages(pkgs).length === 0) return;
  const release = await acquireLock();
  try {
    const missing = missingPackages(pkgs);
    if (missing.length === 0) return;
    log(`installing missing Debian packages: ${missing.join(" ")} (this takes about a minute)`);
    const started = Date.now();
    ensurePolicyRcD();
    // Wait for a dpkg/apt lock held by an unrelated apt run instead of failing at once.
    const lockWait = ["-o", "DPkg::Lock::Timeout=600"];
    await run("apt-get", [...lockWait, "update"]);
    await run("apt-get", [...lockWait, "install", "-y", "--no-install-recommends", ...missing]);
    const still = missingPackages(pkgs);
    if (still.length > 0) throw new Error(`Debian packages still not installed after apt-get: ${still.join(" ")}`);
    log(`installed ${missing.join(" ")} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    release();
  }
}
