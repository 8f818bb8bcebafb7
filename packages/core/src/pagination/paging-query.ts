import type { InputChecker } from "../validation/checker.js";

/** Paging parameters of Glance listings (images, tasks): page size and the last id seen. */
export interface PagingQuery {
  /** Page size (Glance caps it at `api_limit_max`, 1000 by default). */
  readonly limit?: number;
  /** Id (a UUID) of the last item of the previous page. */
  readonly marker?: string;
}

/** Checks `limit` (≥ 1) and `marker` (a UUID) and appends them to the query entries. */
export function pushPagingEntries(check: InputChecker, out: [string, string][], query: PagingQuery): void {
  if (query.limit !== undefined) {
    check.integer(["limit"], query.limit, { min: 1 });
    out.push(["limit", String(query.limit)]);
  }
  if (query.marker !== undefined) {
    check.uuid(["marker"], query.marker);
    out.push(["marker", String(query.marker)]);
  }
}
