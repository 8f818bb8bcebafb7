/**
 * Fast start, checked on the build: what `--help` and `--version` load is commander and the
 * command tree only — every other module (handlers, the SDK, the emulator, yaml, cli-progress)
 * is behind a dynamic `import()`, in the compiled modules and in the bundle the bin runs. And
 * the flags operators type with the openstack CLI (python3-openstackclient 6.0's `--help`) are
 * all accepted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram, findCommand } from "../src/program.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

/** The modules `file` loads statically (import declarations, not `import()`), recursively. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, "utf8");
  for (const m of source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["'];?|^\s*import\s+["']([^"']+)["'];?/gm)) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith(".")) {
      const target = path.resolve(path.dirname(file), spec);
      if (!seen.has(target)) {
        seen.add(target);
        staticGraph(target, seen);
      }
    } else seen.add(spec);
  }
  return seen;
}

/** esbuild's metafile of the bundle (scripts/bundle.mjs). */
interface Metafile {
  readonly outputs: Record<string, { readonly imports: readonly { readonly path: string; readonly kind: string; readonly external?: boolean }[]; readonly inputs: Record<string, unknown>; }>;
}

/** The source files in the bundle's entry chunk and the chunks it imports statically, recursively. */
function staticBundleInputs(meta: Metafile): string[] {
  const entry = "dist/bundle/cli.js";
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    for (const i of meta.outputs[queue.pop()!]!.imports) {
      if (i.kind === "import-statement" && !i.external && !seen.has(i.path)) {
        seen.add(i.path);
        queue.push(i.path);
      }
    }
  }
  return [...seen].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
}

describe("fast start", () => {
  it("the bundle the bin runs loads only commander and the command tree up front", () => {
    const bin = readFileSync(fileURLToPath(new URL("../bin/cloud-images.js", import.meta.url)), "utf8");
    expect(bin).toContain('from "../dist/bundle/cli.js"');
    const meta = JSON.parse(readFileSync(path.join(DIST, "bundle-meta.json"), "utf8")) as Metafile;
    const inputs = staticBundleInputs(meta);
    const own = inputs.filter((i) => i.startsWith("dist/")).map((i) => i.slice("dist/".length)).sort();
    expect(own).toEqual(["main.js", "program.js"]);
    const packages = new Set(inputs.filter((i) => i.includes("node_modules/")).map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(i)![1]));
    expect([...packages]).toEqual(["commander"]);
    expect(inputs.filter((i) => /(^|\/)(core|node|emulator)\/dist\//.test(i))).toEqual([]);
  });


  it("the entry point statically loads only commander, node:fs and the command tree", () => {
    const graph = [...staticGraph(path.join(DIST, "main.js"))].map((m) => (m.startsWith("/") ? path.relative(DIST, m) : m)).sort();
    expect(graph).toEqual(["commander", "node:fs", "program.js"]);
  });
});

/** Long options of `openstack <command> --help` (python3-openstackclient 6.0), minus the output formatter's. */
const OPENSTACK_FLAGS: Readonly<Record<string, readonly string[]>> = {
  "image create": ["--id", "--container-format", "--disk-format", "--min-disk", "--min-ram", "--file", "--progress", "--protected", "--unprotected", "--public", "--private", "--community", "--shared", "--property", "--tag", "--project", "--import", "--project-domain"],
  "image list": ["--public", "--private", "--community", "--shared", "--all", "--property", "--name", "--status", "--member-status", "--project", "--project-domain", "--tag", "--hidden", "--long", "--sort", "--limit", "--marker", "--sort-column", "--sort-ascending", "--sort-descending", "--quote", "--print-empty"],
  "image set": ["--name", "--min-disk", "--min-ram", "--container-format", "--disk-format", "--protected", "--unprotected", "--public", "--private", "--community", "--shared", "--property", "--tag", "--architecture", "--instance-id", "--kernel-id", "--os-distro", "--os-version", "--ramdisk-id", "--deactivate", "--activate", "--project", "--project-domain", "--accept", "--reject", "--pending", "--hidden", "--unhidden"],
  "image unset": ["--tag", "--property"],
  "image save": ["--file"],
  "image show": ["--human-readable", "--prefix", "--noindent"],
  "image add project": ["--project-domain", "--prefix", "--noindent"],
  "image member list": ["--project-domain", "--quote", "--noindent", "--sort-column"],
};

describe("openstack's flags work unchanged", () => {
  const program = buildProgram("0.0.0");
  for (const [command, flags] of Object.entries(OPENSTACK_FLAGS)) {
    it(`${command}: ${flags.length} flags`, () => {
      const cmd: Command = findCommand(program, command.split(" "));
      const ours = new Set(cmd.options.map((o) => o.long));
      expect(flags.filter((f) => !ours.has(f))).toEqual([]);
      for (const short of ["-f", "-c"]) if (!["image unset", "image save", "image set"].includes(command)) expect(cmd.options.some((o) => o.short === short), `${command} ${short}`).toBe(true);
    });
  }
  it("the global --os-* options of the openstack CLI", () => {
    const ours = new Set(program.options.map((o) => o.long));
    for (const f of ["--os-cloud", "--os-region-name", "--os-interface", "--os-auth-type", "--os-auth-url", "--os-username", "--os-password", "--os-project-name", "--os-project-id", "--os-user-domain-name", "--os-project-domain-name", "--os-token", "--os-endpoint", "--os-cacert", "--insecure", "--os-image-api-version", "--debug", "--quiet"])
      expect(ours.has(f), f).toBe(true);
  });
});
