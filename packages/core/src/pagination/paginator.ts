/** One page as the paginator sees it. */
export interface Page<T> {
  /** The items of this page. */
  readonly items: readonly T[];
  /** The server's `next` link, absent on the last page. */
  readonly next?: string | undefined;
}

/**
 * All items of a listing, page after page, fetched lazily as you iterate. Iterate it with
 * `for await` for items, call {@link PageIterator.pages} for whole pages, or
 * {@link PageIterator.toArray} to collect everything.
 */
export interface PageIterator<T, P extends Page<T> = Page<T>> extends AsyncIterable<T> {
  /** Iterates whole pages (the raw server pages, `next` link included). */
  pages(): AsyncIterableIterator<P>;
  /** Collects every item of every page (mind the memory on large clouds). */
  toArray(): Promise<T[]>;
}

/**
 * Takes the `marker` out of a Glance-style `next` link (`/v2/images?limit=25&marker=ID`).
 *
 * Only the marker is taken: Glance's link drops repeated query parameters (`tag=a&tag=b`,
 * several `sort_key`s), so the caller's own query is reused for every page.
 */
export function markerFromNextLink(next: string): string | undefined {
  const q = next.indexOf("?");
  if (q < 0) return undefined;
  const params = new URLSearchParams(next.slice(q + 1));
  return params.get("marker") ?? undefined;
}

/** Settings of {@link paginate}. */
export interface PaginateSettings {
  /**
   * Fetch the next page while the caller works on the current one (default `false`). At most
   * one page is fetched ahead; leaving the loop early aborts it (its result or error is dropped).
   */
  readonly lookAhead?: boolean | undefined;
}

/** `signal` and the caller's own signal, if any, as one (aborts when either does). */
export function withCallerSignal(callerSignal: AbortSignal | undefined, signal: AbortSignal): AbortSignal {
  return callerSignal ? AbortSignal.any([callerSignal, signal]) : signal;
}

/**
 * Builds a {@link PageIterator} from a function that fetches the page after `marker`
 * (`undefined` for the first page). Stops when a page has no `next` link, or — as a guard
 * against a server that loops — when the marker does not advance. `fetchPage` gets a signal
 * that aborts when the iteration ends before the page is used (a page fetched ahead).
 */
export function paginate<T, P extends Page<T>>(
  fetchPage: (marker: string | undefined, signal: AbortSignal) => Promise<P>,
  settings: PaginateSettings = {},
): PageIterator<T, P> {
  async function* pages(): AsyncGenerator<P> {
    const stop = new AbortController();
    const seen = new Set<string>();
    let pending: Promise<P> | undefined = fetchPage(undefined, stop.signal);
    try {
      while (pending) {
        const page: P = await pending;
        pending = undefined;
        const nextMarker = page.next && page.items.length > 0 ? markerFromNextLink(page.next) : undefined;
        const more = nextMarker !== undefined && !seen.has(nextMarker);
        if (more) {
          seen.add(nextMarker);
          if (settings.lookAhead === true) {
            pending = fetchPage(nextMarker, stop.signal);
            // Awaited at the next turn; marked handled meanwhile (the caller may never ask).
            pending.catch(() => undefined);
          }
        }
        yield page;
        if (!more) return;
        pending ??= fetchPage(nextMarker, stop.signal);
      }
    } finally {
      // The caller left early with a page still in flight: drop it.
      if (pending) stop.abort(new DOMException("the listing ended before this page was needed", "AbortError"));
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
    async toArray() {
      const all: T[] = [];
      for await (const page of pages()) all.push(...page.items);
      return all;
    },
  };
}

/** A page of a listing that can fetch the page after it. */
export type LinkedPage<T, P extends Page<T>> = P & {
  /** Whether the server announced a next page. */
  hasNextPage(): boolean;
  /** Fetches the next page with the same query (and options); `undefined` after the last page. */
  getNextPage(): Promise<LinkedPage<T, P> | undefined>;
};

/**
 * Gives one fetched page the means to fetch the next one: `fetchPage(marker)` is called with the
 * marker of the `next` link. A page without `next`, without items, or whose link has no marker
 * is the last.
 */
export function linkPage<T, P extends Page<T>>(page: P, fetchPage: (marker: string) => Promise<P>): LinkedPage<T, P> {
  const marker = page.next && page.items.length > 0 ? markerFromNextLink(page.next) : undefined;
  const linked = page as LinkedPage<T, P>;
  Object.defineProperties(linked, {
    hasNextPage: { value: () => marker !== undefined, enumerable: false },
    getNextPage: {
      value: async (): Promise<LinkedPage<T, P> | undefined> => (marker === undefined ? undefined : linkPage(await fetchPage(marker), fetchPage)),
      enumerable: false,
    },
  });
  return linked;
}
