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

/**
 * Builds a {@link PageIterator} from a function that fetches the page after `marker`
 * (`undefined` for the first page). Stops when a page has no `next` link, or — as a guard
 * against a server that loops — when the marker does not advance.
 */
export function paginate<T, P extends Page<T>>(fetchPage: (marker: string | undefined) => Promise<P>): PageIterator<T, P> {
  async function* pages(): AsyncGenerator<P> {
    let marker: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const page = await fetchPage(marker);
      yield page;
      if (!page.next || page.items.length === 0) return;
      const nextMarker = markerFromNextLink(page.next);
      if (nextMarker === undefined || seen.has(nextMarker)) return;
      seen.add(nextMarker);
      marker = nextMarker;
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
