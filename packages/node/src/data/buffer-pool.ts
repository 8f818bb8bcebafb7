/**
 * A few same-size buffers kept for reuse between transfers: a transfer takes what it needs and
 * gives it back at its end, so a process moving many images does not allocate (and wait for
 * the collector to free) fresh megabytes for each. At most `keep` buffers are kept; more are
 * allocated when transfers run side by side, and dropped when given back beyond `keep`.
 */
export class BufferPool {
  readonly #size: number;
  readonly #keep: number;
  readonly #free: Buffer[] = [];
  readonly #allocate: (size: number) => Buffer;

  /** `allocate` makes a new buffer of `size` bytes (default: `Buffer.allocUnsafeSlow`, unpooled memory). */
  constructor(size: number, keep: number, allocate: (size: number) => Buffer = (n) => Buffer.allocUnsafeSlow(n)) {
    this.#size = size;
    this.#keep = keep;
    this.#allocate = allocate;
  }

  /** A buffer of the pool's size (its bytes are whatever the last user left). */
  take(): Buffer {
    return this.#free.pop() ?? this.#allocate(this.#size);
  }

  /** Gives a buffer back; the caller must not touch it afterwards. */
  give(buffer: Buffer): void {
    if (this.#free.length < this.#keep && buffer.byteLength === this.#size) this.#free.push(buffer);
  }
}
