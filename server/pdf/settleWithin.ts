/** What {@link settleWithin} saw: the value, or that time ran out. */
export type Settled<T> = { settled: true; value: T } | { settled: false };

/**
 * Waits for a promise for at most `timeoutMs`. A rejection before then is
 * passed on; when time runs out the promise is left running and the caller
 * decides what to do about the work it stands for.
 */
export async function settleWithin<T>(
  promise: Promise<T>,
  timeoutMs: number,
): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), timeoutMs);
  });
  try {
    return await Promise.race([
      promise.then((value): Settled<T> => ({ settled: true, value })),
      expiry,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
