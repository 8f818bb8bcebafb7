/**
 * Progress bars and spinners as a user sees them: the built CLI runs in a real pseudo-terminal
 * (a detached tmux session), and the assertions read the rendered screen (`capture-pane`).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_BIN, startLocalCloud, type LocalCloud } from "./support/cli.js";

const SOCKET = `cloud-images-cli-test-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

let local: LocalCloud;
let bigFile: string;

beforeAll(async () => {
  local = await startLocalCloud();
  bigFile = path.join(local.home, "big.raw");
  writeFileSync(bigFile, Buffer.alloc(24 * 1024 * 1024, 7));
});
afterAll(async () => {
  try {
    tmux("kill-server");
  } catch {
    // no session left
  }
  await local?.stop();
});

let sessions = 0;
/** Runs the CLI in a new 150×30 terminal and returns the screen once `done` matches it. */
async function onScreen(args: readonly string[], done: RegExp): Promise<string> {
  const name = `s${++sessions}`;
  const env = Object.entries(local.env)
    .filter(([k]) => /^(HOME|PATH|XDG_.*|CLOUD_IMAGES_DATA_DIR)$/.test(k))
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join(" ");
  const command = `env ${env} TERM=xterm-256color ${quote(process.execPath)} ${quote(CLI_BIN)} ${args.map(quote).join(" ")}; echo "[exit $?]"; sleep 600`;
  tmux("new-session", "-d", "-s", name, "-x", "150", "-y", "30", command);
  const deadline = Date.now() + 90_000;
  let screen = "";
  while (Date.now() < deadline) {
    screen = tmux("capture-pane", "-p", "-S", "-200", "-t", name);
    if (done.test(screen)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  tmux("kill-session", "-t", name);
  return screen;
}

describe("progress on a terminal", { timeout: 180_000 }, () => {
  it("image create --file draws an upload bar with bytes, rate and ETA, then the table", async () => {
    const screen = await onScreen(["--local", "image", "create", "big", "--file", bigFile, "-c", "status", "-c", "size"], /\[exit \d+\]/);
    expect(screen).toMatch(/\[exit 0\]/);
    expect(screen).toMatch(/Uploading big \[█{30}\] 100% \| 24\.0 MiB\/24\.0 MiB \| [\d.]+ (B|KiB|MiB|GiB)\/s \| ETA 0s/);
    expect(screen).toMatch(/\| status +\| active +\|/);
  });

  it("image save draws a download bar", async () => {
    const out = path.join(local.home, "big.copy");
    const screen = await onScreen(["--local", "image", "save", "big", "--file", out], /\[exit \d+\]/);
    expect(screen).toMatch(/\[exit 0\]/);
    expect(screen).toMatch(/Downloading big \[█{30}\] 100% \| 24\.0 MiB\/24\.0 MiB \|/);
  });

  it("image import --wait shows a spinner with the status it saw", async () => {
    const created = await local.run(["--local", "image", "create", "spin", "-f", "value", "-c", "id"]);
    const id = created.stdout.trim();
    const staged = await local.run(["--local", "image", "stage", id, "--file", bigFile]);
    expect(staged.code).toBe(0);
    const screen = await onScreen(["--local", "image", "import", "glance-direct", id, "--wait"], /\[exit \d+\]/);
    expect(screen).toMatch(/\[exit 0\]/);
    expect(screen).toMatch(new RegExp(`[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] importing into ${id} \\(glance-direct\\): active \\(\\d+s\\)`));
  });

  it("no bar with -f json or --quiet, even on a terminal", async () => {
    const json = await onScreen(["--local", "image", "create", "quiet-json", "--file", bigFile, "-f", "json", "-c", "status"], /\[exit \d+\]/);
    expect(json).toMatch(/"status": "active"/);
    expect(json).not.toMatch(/Uploading|█|MiB/);
    const quiet = await onScreen(["--local", "--quiet", "image", "save", "big", "--file", path.join(local.home, "q.copy")], /\[exit \d+\]/);
    expect(quiet).toMatch(/\[exit 0\]/);
    expect(quiet).not.toMatch(/Downloading|█/);
  });
});
