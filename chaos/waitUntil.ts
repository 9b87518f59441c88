/** Waits `durationMs`. */
export function sleep(durationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}

/**
 * Polls `check` until it returns a truthy value; returns undefined when
 * `timeoutMs` runs out first. Errors count as "not yet".
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | null | false>,
  { timeoutMs, intervalMs = 250 }: { timeoutMs: number; intervalMs?: number },
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    await sleep(intervalMs);
  }
  return undefined;
}
