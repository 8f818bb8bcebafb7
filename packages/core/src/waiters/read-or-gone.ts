import { NotFoundError } from "../errors/http-errors.js";

/** Reads a resource for a "deleted" waiter: its value, or `null` once the server answers 404. */
export async function readOrGone<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
