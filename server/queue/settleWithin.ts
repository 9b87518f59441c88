/**
 * Waits for `promise` at most `timeoutMs`, never rejecting: for shutdown
 * steps that a dead connection could otherwise hold up for ever.
 */
export async function settleWithin(
  promise: Promise<unknown>,
  timeoutMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
