import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as core from "@cloud-images/core";
import * as node from "../src/index.js";

/** The names a root index lists in its `export { … }` / `export type { … }` blocks (both roots list theirs explicitly). */
function listedExports(file: URL): Set<string> {
  const text = readFileSync(fileURLToPath(file), "utf8");
  expect(text, "the root index lists its exports (no export *)").not.toMatch(/^export \*/m);
  const names = new Set<string>();
  for (const block of text.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    for (const raw of block[1]!.split(",")) {
      const name = raw.replace(/\/\/.*$/gm, "").trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!.trim();
      if (name !== "") names.add(name);
    }
  }
  return names;
}

describe("@cloud-images/node root", () => {
  const coreNames = listedExports(new URL("../../core/src/index.ts", import.meta.url));
  const nodeNames = listedExports(new URL("../src/index.ts", import.meta.url));

  it("re-exports the whole public API of @cloud-images/core, by name", () => {
    expect([...coreNames].filter((name) => !nodeNames.has(name))).toEqual([]);
    expect(coreNames.size).toBeGreaterThan(200);
  });

  it("the values it re-exports are core's own (one class per error, one client)", () => {
    for (const [name, value] of Object.entries(core)) {
      expect(node[name as keyof typeof node], name).toBe(value);
    }
  });
});
