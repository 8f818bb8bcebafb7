import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { watchBrowserSecrets } from "../setup/page-secrets.js";

/** packages/browser. */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the browser tests keep what they produce (gitignored): screenshots, bundled pages. */
export function artifactsDir(...parts: string[]): string {
  const dir = join(PACKAGE_DIR, ".artifacts", ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Debian's Chromium, launched by Playwright (never a downloaded browser); every page it opens is
 * watched by the secrets check (../setup/page-secrets.ts).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync("/usr/bin/chromium")) throw new Error("/usr/bin/chromium is missing: apt-get install -y --no-install-recommends chromium");
  return watchBrowserSecrets(await chromium.launch({ executablePath: "/usr/bin/chromium" }));
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

/** A static file server on 127.0.0.1 (a free port) for a folder: where a bundled page is served from. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT`: the page's origin, to allow in CORS. */
  readonly origin: string;
  /** Serves another folder from now on. */
  serve(dir: string): void;
  stop(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  let root = PACKAGE_DIR;
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    origin,
    serve: (dir) => {
      root = dir;
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Bundles the image console (examples/console) with esbuild into `.artifacts/<folder>/`
 * (index.html, main.js, console.css), from the workspace sources; returns the folder.
 */
export async function bundleConsole(folder: string): Promise<string> {
  const out = artifactsDir(folder);
  await build({
    entryPoints: [join(PACKAGE_DIR, "examples/console/main.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    splitting: true,
    outdir: out,
    sourcemap: true,
    conditions: ["@cloud-images/source"],
    logLevel: "error",
  });
  copyFileSync(join(PACKAGE_DIR, "examples/console/console.css"), join(out, "console.css"));
  writeFileSync(join(out, "index.html"), readFileSync(join(PACKAGE_DIR, "examples/console/index.html"), "utf8").replace("./main.ts", "./main.js"));
  return out;
}
