import type { PageIterator } from "../pagination/paginator.js";
import type { Image, ImageList } from "../schemas/image-v2.js";

/** A page of a consumer listing: Glance's image list, with `items` the same images. */
export type SharedImagesPage = ImageList & { items: Image[] };

/** What a deferred listing turns out to be once the server's sharing model is known. */
export interface SharedListingPlan {
  /** The listing to read. */
  readonly listing: PageIterator<Image, SharedImagesPage>;
  /** Keeps only these images of each page (all when absent). */
  readonly keep?: ((image: Image) => boolean) | undefined;
}

/**
 * A {@link PageIterator} whose query is decided when iteration starts (after an asynchronous
 * look at the server, e.g. its schema), and whose pages may be filtered on the client. Pages keep
 * the server's `next` link, so a filtered page may be shorter than the page size, or empty.
 */
export function deferredListing(plan: () => Promise<SharedListingPlan>): PageIterator<Image, SharedImagesPage> {
  async function* pages(): AsyncGenerator<SharedImagesPage> {
    const { listing, keep } = await plan();
    for await (const page of listing.pages()) {
      if (!keep) {
        yield page;
        continue;
      }
      const images = page.images.filter(keep);
      yield { ...page, images, items: images };
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
    async toArray() {
      const all: Image[] = [];
      for await (const page of pages()) all.push(...page.items);
      return all;
    },
  };
}
