import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@cloud-images/emulator";
import type { Browser } from "playwright-core";
import { artifactsDir, launchChromium, PACKAGE_DIR, startStaticServer, type StaticServer } from "./harness.js";

/**
 * Consumer smoke tests: a page importing `@cloud-images/browser` by name, as a user's app does,
 * resolved through `node_modules` and the package's `exports` (the built `dist/`, `browser`
 * condition), bundled with esbuild and with Vite, then run in Debian's Chromium against the
 * emulator (CORS for the page's origin): list, create, upload with progress, verified download,
 * a 404 as `NotFoundError` with its request id. Needs `pnpm build` first (`pnpm test` does it).
 */

/** A throwaway app folder with the fixture page and `node_modules/@cloud-images/browser` → this package. */
function consumerApp(): string {
  const app = artifactsDir("consumer-app");
  for (const file of ["index.html", "main.ts"]) copyFileSync(join(PACKAGE_DIR, "test/e2e/consumer", file), join(app, file));
  const scope = join(app, "node_modules", "@cloud-images");
  mkdirSync(scope, { recursive: true });
  const link = join(scope, "browser");
  rmSync(link, { force: true, recursive: true });
  symlinkSync(PACKAGE_DIR, link, "dir");
  return app;
}

function gzipSizes(dir: string): { js: number; gzip: number } {
  let js = 0;
  let gzip = 0;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".js")) {
        const bytes = readFileSync(path);
        js += bytes.length;
        gzip += gzipSync(bytes).length;
      }
    }
  };
  walk(dir);
  return { js, gzip };
}

describe("a consumer page bundled as a user would", () => {
  let site: StaticServer;
  let emulator: Emulator;
  let browser: Browser;
  let app: string;

  beforeAll(async () => {
    if (!existsSync(join(PACKAGE_DIR, "dist/index.js")) || !existsSync(join(PACKAGE_DIR, "../core/dist/index.js"))) {
      throw new Error("@cloud-images/browser and @cloud-images/core must be built first: pnpm build");
    }
    app = consumerApp();
    site = await startStaticServer();
    emulator = await startEmulator({ mode: "glance", corsOrigins: [site.origin] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
    await site?.stop();
  });

  async function runPage(dir: string): Promise<Record<string, unknown>> {
    site.serve(dir);
    const [demo] = emulator.users;
    const page = await browser.newPage();
    const query = new URLSearchParams({ authUrl: emulator.identityUrl, username: demo!.username, apiKey: demo!.apiKey, region: "DFW" });
    await page.goto(`${site.origin}/index.html?${query}`);
    await page.waitForFunction(() => document.title !== "consumer", undefined, { timeout: 60_000 });
    const text = (await page.textContent("#out")) ?? "";
    await page.close();
    expect(text).not.toMatch(/^error/);
    return JSON.parse(text) as Record<string, unknown>;
  }

  const expected = {
    uploaded: "os_hash",
    downloaded: "os_hash",
    sameSize: true,
    notFound: true,
    progress: { bytes: 256 * 1024, total: 256 * 1024 },
  };

  it("works bundled with esbuild", async () => {
    const out = join(app, "dist-esbuild");
    rmSync(out, { recursive: true, force: true });
    await esbuild({ entryPoints: [join(app, "main.ts")], bundle: true, minify: true, format: "esm", platform: "browser", outfile: join(out, "main.js"), absWorkingDir: app, logLevel: "error" });
    writeFileSync(join(out, "index.html"), readFileSync(join(app, "index.html"), "utf8").replace("./main.ts", "./main.js"));
    const result = await runPage(out);
    expect(result).toMatchObject(expected);
    expect(result.requestId).toMatch(/^req-/);
    console.log(`esbuild consumer bundle: ${JSON.stringify(gzipSizes(out))} bytes (min, min+gz)`);
  });

  it("works bundled with Vite", async () => {
    const out = join(app, "dist-vite");
    await viteBuild({ root: app, configFile: false, logLevel: "error", build: { outDir: out, emptyOutDir: true } });
    const result = await runPage(out);
    expect(result).toMatchObject(expected);
    expect(result.requestId).toMatch(/^req-/);
    console.log(`vite consumer bundle: ${JSON.stringify(gzipSizes(out))} bytes (min, min+gz)`);
  });
});
