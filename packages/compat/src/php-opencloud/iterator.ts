import { phpCall } from "./exceptions.js";

/**
 * php-opencloud's `ResourceIterator` / `PaginatedIterator` (and the 1.x `Collection`): a lazy
 * walk over a listing that fetches pages as it goes.
 *
 * - `for await (const image of images)` is PHP's `foreach ($images as $image)`;
 * - `while ((image = await images.next()) !== false)` is the 1.x `while ($image = $images->next())`
 *   walk; {@link ResourceIterator.first} and {@link ResourceIterator.rewind} work as they did;
 * - {@link ResourceIterator.toArray} and {@link ResourceIterator.count} load everything.
 *
 * Pages follow the server's `next` links (image ids as markers), not the image names
 * php-opencloud used as markers.
 */
export class ResourceIterator<T> implements AsyncIterable<T> {
  private readonly source: () => AsyncIterable<T>;
  private walker: AsyncIterator<T> | undefined;
  private position = -1;
  private element: T | undefined;

  /** @param source - starts a fresh walk over every element (called again by {@link ResourceIterator.rewind}). */
  constructor(source: () => AsyncIterable<T>) {
    this.source = source;
  }

  /** A fresh walk over every element (independent of the `next()` walk). */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const iterator = this.source()[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        const step = await phpCall(() => iterator.next());
        if (step.done) {
          finished = true;
          return;
        }
        yield step.value;
      }
    } finally {
      if (!finished) await iterator.return?.(); // a loop left early stops the listing (and its look-ahead)
    }
  }

  /**
   * The next element of the `next()` walk, or `false` after the last one (the 1.x
   * `Collection::next()` contract, so `while ((x = await it.next()) !== false)` ports as is).
   */
  async next(): Promise<T | false> {
    this.walker ??= this[Symbol.asyncIterator]();
    const step = await this.walker.next();
    if (step.done) {
      this.element = undefined;
      return false;
    }
    this.position += 1;
    this.element = step.value;
    return step.value;
  }

  /** The element the `next()` walk is on (`false` before the first `next()` or after the end). */
  current(): T | false {
    return this.element ?? false;
  }

  /** The position of {@link ResourceIterator.current} (0-based; -1 before the first `next()`). */
  key(): number {
    return this.position;
  }

  /** Restarts the `next()` walk from the first element (PHP `rewind()` / 1.x `reset()`). */
  rewind(): void {
    void this.walker?.return?.();
    this.walker = undefined;
    this.position = -1;
    this.element = undefined;
  }

  /** Same as {@link ResourceIterator.rewind} (the 1.x name). */
  reset(): void {
    this.rewind();
  }

  /** The first element, or `false` for an empty listing; restarts the `next()` walk. */
  async first(): Promise<T | false> {
    this.rewind();
    return this.next();
  }

  /** Every element, fetching every page. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }

  /** How many elements there are, fetching every page (PHP's `count($iterator)`). */
  async count(): Promise<number> {
    return (await this.toArray()).length;
  }
}
