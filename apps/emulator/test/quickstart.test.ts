import { describe, expect, it } from "vitest";
import { runQuickstart } from "../quickstart/quickstart.js";
import { specRecorder } from "./spec-check.js";

describe("quickstart", () => {
  it("walks the Rackspace Cloud Images quickstart end to end against the emulator", async () => {
    const lines: string[] = [];
    const spec = specRecorder();
    const result = await runQuickstart({ log: (l) => lines.push(l), emulator: { jobDurationMs: 600, onResponse: spec.onResponse } });
    expect(result.imageCount).toBeGreaterThan(0);
    expect(result.exportedTo).toMatch(/^exports\/[0-9a-f-]{36}\.vhd$/);
    expect(result.importedImage.status).toBe("active");
    expect(result.membersSeen).toBe(1);
    expect(result.snapshotStatus).toBe("ACTIVE");
    expect(result.progressSeen.at(-1)).toBe(100);
    expect(result.legacyImageCount).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("Done: 11 steps");
    expect(spec.problems).toEqual([]);
  }, 60_000);
});
