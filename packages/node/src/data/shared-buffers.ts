/**
 * Buffers in shared memory that a worker-thread hash reads in place (no copy into its ring).
 *
 * A download to a file reads the image into a few such buffers. The worker hash factory sees
 * that a chunk lies in one of them ({@link sharedBufferState}) and hands the worker its offset
 * and length instead of copying the bytes. Until the worker has hashed them, the buffer must
 * not be refilled: its owner awaits {@link whenHashed} before reusing it. Only buffers made here
 * are read in place; any other memory, a caller's own SharedArrayBuffer included, is copied.
 */

/** What a worker-thread hash still has to read in one shared buffer. */
export class SharedBufferState {
  #pending = 0;
  #waiters: (() => void)[] = [];
  /**
   * Set by the hash reading this buffer in place: asked before the buffer is refilled, it hands
   * the workers what it has gathered there and arranges to hear once they have hashed it.
   */
  reader: ((state: SharedBufferState) => void) | undefined;

  /** A worker will read bytes of the buffer: it must stay as it is until {@link release}. */
  hold(): void {
    this.#pending++;
  }

  /** One {@link hold} ended (the worker acknowledged, or the hash was dropped). */
  release(): void {
    if (this.#pending === 0 || --this.#pending > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once no worker is to read the buffer (at once when none is). */
  idle(): Promise<void> | undefined {
    this.reader?.(this);
    if (this.#pending === 0) return undefined;
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
}

const states = new WeakMap<SharedArrayBuffer, SharedBufferState>();

/** A buffer of `size` bytes in its own SharedArrayBuffer, which worker hashes read in place. */
export function allocateSharedBuffer(size: number): Buffer {
  const memory = new SharedArrayBuffer(size);
  states.set(memory, new SharedBufferState());
  return Buffer.from(memory);
}

/** The state of the shared buffer `chunk` lies in, or `undefined` when it is any other memory. */
export function sharedBufferState(chunk: Uint8Array): SharedBufferState | undefined {
  const memory = chunk.buffer;
  return memory instanceof SharedArrayBuffer ? states.get(memory) : undefined;
}

/**
 * Resolves once every worker hash is done reading `buffer` (`undefined` at once when none is
 * reading, or when it is not one of {@link allocateSharedBuffer}'s).
 */
export function whenHashed(buffer: Uint8Array): Promise<void> | undefined {
  return sharedBufferState(buffer)?.idle();
}
