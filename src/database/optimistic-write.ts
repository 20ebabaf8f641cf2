/** Attempts of a write without If-Match when other writes got in between (the last one locks the row). */
export const WRITE_ATTEMPTS = 3;

/**
 * Optimistic concurrency for a read-compute-write of one row: `attempt` reads the row, computes the
 * change and writes it only if the row is still at the version read (no lock on the fast path). It
 * returns undefined when another write got in between, and is tried again; the last attempt is told
 * to take a row lock first (SELECT … FOR UPDATE), so that it cannot lose again. Refusals (If-Match,
 * not found) are the attempt's to throw.
 */
export async function retryingWrite<T>(attempt: (locked: boolean) => Promise<T | undefined>): Promise<T> {
  for (let n = 1; n <= WRITE_ATTEMPTS; n++) {
    const result = await attempt(n === WRITE_ATTEMPTS);
    if (result !== undefined) return result;
  }
  throw new Error('a write lost its race under a row lock');
}
