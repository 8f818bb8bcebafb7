/**
 * Chunks of an upload whose memory its source reuses once the transport has handed them to the
 * socket: the file source registers each chunk it reads with what to do then, and the
 * `node:http` transport calls {@link chunkWritten} from the socket write's callback. A chunk no
 * transport reports (undici, `fetch`) is simply never reused: its source reads into new
 * memory, as without this. Between the two the core only hashes a chunk (before it is queued)
 * and passes the same object on.
 */
const onWritten = new WeakMap<Uint8Array, () => void>();

/** Registers `chunk`: `release` runs once the transport has written it (at most once). */
export function whenWritten(chunk: Uint8Array, release: () => void): void {
  onWritten.set(chunk, release);
}

/** Called by a transport once `chunk` is written to the socket: its source may reuse the memory. */
export function chunkWritten(chunk: Uint8Array): void {
  const release = onWritten.get(chunk);
  if (release === undefined) return;
  onWritten.delete(chunk);
  release();
}
