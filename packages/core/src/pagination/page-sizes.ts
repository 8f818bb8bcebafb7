/**
 * How `listAll` sizes its pages when the caller sets no `limit` (the rule, measured by
 * `pnpm bench`, see `packages/node/bench/README.md`):
 *
 * - the first page is small ({@link FIRST_PAGE_LIMIT}): its first item arrives after one short
 *   request, whatever the listing's size (Glance spends ~1.3 ms per image of a page here, on top
 *   of ~70 ms per request: 10 images came ~25 ms sooner than 25);
 * - every later page asks for {@link MAX_PAGE_LIMIT}, the largest page Glance serves by default
 *   (`api_limit_max`); a server that serves fewer answers with a page shorter than asked that
 *   still has a `next` link, or a `next` link whose `limit` is smaller — that size is then the
 *   server's maximum, and what is asked from then on. Never more than {@link MAX_PAGE_LIMIT}: past
 *   it a page costs more memory and validation time per request saved (a 1000-image page is
 *   ~850 KiB of JSON), and the request's own overhead is already under 1 % of the page's time.
 */
export const FIRST_PAGE_LIMIT = 10;

/** The largest page `listAll` asks for by default (Glance's default `api_limit_max`). */
export const MAX_PAGE_LIMIT = 1000;

/** Picks the next page's `limit` of a listing without a caller's `limit`; see {@link FIRST_PAGE_LIMIT}. */
export class AdaptivePageSize {
  #pages = 0;
  #max = MAX_PAGE_LIMIT;

  /** The largest page the server is known to serve (starts at {@link MAX_PAGE_LIMIT}). */
  get learnedMax(): number {
    return this.#max;
  }

  /** `limit` of the next request. */
  next(): number {
    return this.#pages === 0 ? Math.min(FIRST_PAGE_LIMIT, this.#max) : this.#max;
  }

  /**
   * Records an answer: `asked` the limit sent, `received` the items in the page, `next` its
   * `next` link. A page cut below what was asked while more follow, or a link carrying a smaller
   * `limit`, shows the server's maximum.
   */
  observe(asked: number, received: number, next: string | undefined): void {
    this.#pages += 1;
    if (!next || received === 0) return;
    if (received < asked) this.#max = Math.min(this.#max, received);
    const linked = limitOfLink(next);
    if (linked !== undefined && linked < asked) this.#max = Math.min(this.#max, linked);
  }
}

/** The `limit` parameter of a `next` link, when it is a positive integer. */
function limitOfLink(next: string): number | undefined {
  const q = next.indexOf("?");
  if (q < 0) return undefined;
  const value = new URLSearchParams(next.slice(q + 1)).get("limit");
  if (value === null || !/^[1-9][0-9]*$/.test(value)) return undefined;
  return Number(value);
}
