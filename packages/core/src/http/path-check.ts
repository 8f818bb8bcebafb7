import { segmentProblem } from "../validation/checker.js";

/**
 * Why a request path built by an operation is unsafe, or `undefined` when it is fine. The last
 * line of defence behind the per-parameter checks: no segment of the path may be empty or a dot
 * segment, raw or percent-encoded (`/v2/images/ID/tags/%2E%2E` would become `DELETE
 * /v2/images/ID`, deleting the image).
 */
export function pathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return `must start with "/", got ${JSON.stringify(path)}`;
  if (path === "/") return undefined;
  const segments = path.slice(1).split("/");
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem !== undefined) return `segment ${JSON.stringify(segment)} of ${JSON.stringify(path)} ${problem}`;
  }
  return undefined;
}
