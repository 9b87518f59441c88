/** A figure over several runs: its median, min and max, and each run. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)]!;
}

export function summarize(runs: readonly number[]): Summary {
  return {
    median: percentile(runs, 0.5),
    min: Math.min(...runs),
    max: Math.max(...runs),
    runs: runs.map((value) => round(value)),
  };
}

/** Rounds to three significant decimals, enough for the report. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.round(value * 1000) / 1000;
}

/** Milliseconds since `startedAt` (from `process.hrtime.bigint()`). */
export function elapsedMs(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e6;
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
