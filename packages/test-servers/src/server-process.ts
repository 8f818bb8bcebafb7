import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** The last `lines` lines of a log file, framed for an error message. */
export function tail(file: string, lines = 40): string {
  const keep = process.env.TEST_SERVERS_KEEP_DIR
    ? ""
    : " (the directory is removed; set TEST_SERVERS_KEEP_DIR=1 to keep it)";
  try {
    return `--- last ${lines} lines of ${file}${keep} ---\n${readFileSync(file, "utf8").split("\n").slice(-lines - 1).join("\n")}`;
  } catch {
    return "(no log)";
  }
}

/**
 * The environment for Debian's Python entry points: without a pyenv/virtualenv leaking into
 * `/usr/bin/python3`, and without the developer's `OS_*` variables (unless given in `extra`).
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  delete env.VIRTUAL_ENV;
  for (const name of Object.keys(env)) if (name.startsWith("OS_") && !(name in extra)) delete env[name];
  return env;
}

/** Runs a command to completion with its output appended to `logFile`; rejects with the log's tail. */
export function runToLog(command: string, args: string[], logFile: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, "a");
    let child: ChildProcess;
    try {
      child = spawn(command, args, { cwd, env: childEnv(), stdio: ["ignore", fd, fd] });
    } finally {
      closeSync(fd);
    }
    child.on("error", (error) => reject(new Error(`cannot run ${command}: ${error.message}`, { cause: error })));
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.slice(0, 3).join(" ")} failed (${signal ?? `exit ${code}`}).\n${tail(logFile)}`));
    });
  });
}

/** A long-running server process in its own process group, as {@link spawnServer} starts it. */
export interface ServerProcess {
  /** PID of the process (leader of its group). */
  readonly pid: number;
  /** Why the process ended, once it has (spawn failure included); `undefined` while it runs. */
  exitReason(): string | undefined;
  /**
   * Kills the process group (SIGTERM, then SIGKILL after 5 s), waits for the exit and removes
   * `dir` unless `TEST_SERVERS_KEEP_DIR` is set. Idempotent.
   */
  stop(): Promise<void>;
}

/** What {@link spawnServer} runs. */
export interface SpawnServerOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** Working directory; also the throwaway directory `stop()` removes. */
  readonly dir: string;
  /** Output (stdout and stderr) is appended here. */
  readonly logFile: string;
  /** Extra environment variables (see {@link childEnv}). */
  readonly env?: Record<string, string>;
}

/**
 * Spawns a server detached in its own process group, output to a log file. The group is killed
 * when the test process exits without `stop()`, so no server outlives its tests.
 */
export function spawnServer(options: SpawnServerOptions): ServerProcess {
  const fd = openSync(options.logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(options.command, [...options.args], {
      cwd: options.dir,
      env: childEnv(options.env),
      detached: true,
      stdio: ["ignore", fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  child.unref();

  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exitReason ??= `exited (${signal ?? `exit code ${code}`})`;
      resolve();
    });
    child.on("error", (error) => {
      exitReason ??= `could not be spawned (${options.command}): ${error.message}`;
      resolve();
    });
  });
  const killGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = (): void => killGroup("SIGKILL");
  process.on("exit", onExit);

  let stopped: Promise<void> | undefined;
  return {
    pid: child.pid ?? -1,
    exitReason: () => exitReason,
    stop() {
      stopped ??= (async () => {
        process.off("exit", onExit);
        if (exitReason === undefined) killGroup("SIGTERM");
        const timer = setTimeout(() => killGroup("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
        // The group may still hold children of the leader: be thorough.
        killGroup("SIGKILL");
        if (!process.env.TEST_SERVERS_KEEP_DIR) rmSync(options.dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** How {@link waitUntilReady} probes a server. */
export interface ReadinessProbe {
  /** Name used in messages, e.g. `glance-api`. */
  readonly label: string;
  /** URL to GET. */
  readonly url: string;
  /** Status that means "up" (Glance's `GET /` answers 300, Keystone's `GET /v3` 200). */
  readonly status: number;
  /** Total time to wait, in ms. */
  readonly timeoutMs: number;
  /** Time allowed to one probe, in ms (default 2000). */
  readonly probeTimeoutMs?: number;
  /** The server's log, whose tail goes into the error. */
  readonly logFile: string;
}

/**
 * Polls `probe.url` until it answers `probe.status`. When the process dies or the time runs out,
 * stops it and throws an error naming the reason, with the log's tail.
 */
export async function waitUntilReady(server: ServerProcess, probe: ReadinessProbe): Promise<void> {
  const deadline = Date.now() + probe.timeoutMs;
  const path = new URL(probe.url).pathname;
  let lastProblem: string;
  for (;;) {
    const exitReason = server.exitReason();
    if (exitReason !== undefined) {
      const logTail = tail(probe.logFile);
      await server.stop();
      throw new Error(`${probe.label} ${exitReason} before answering.\n${logTail}`);
    }
    try {
      const response = await fetch(probe.url, { signal: AbortSignal.timeout(probe.probeTimeoutMs ?? 2000) });
      await response.arrayBuffer();
      if (response.status === probe.status) return;
      lastProblem = `GET ${path} answered ${response.status}`;
    } catch (error) {
      lastProblem = `GET ${path} failed: ${String((error as Error).cause ?? (error as Error).message)}`;
    }
    if (Date.now() > deadline) {
      const logTail = tail(probe.logFile);
      await server.stop();
      throw new Error(
        `${probe.label} did not answer GET ${path} with ${probe.status} within ${probe.timeoutMs} ms (${lastProblem}).\n${logTail}`,
      );
    }
    await sleep(100);
  }
}
