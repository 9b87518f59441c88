import type { ChaosScale } from './chaosScenario.js';

/** The process environment that sets the scale's job lock, if any. */
export function lockEnv(scale: ChaosScale): Record<string, string> {
  return scale.lockDurationMs === undefined
    ? {}
    : { JOB_LOCK_DURATION_MS: String(scale.lockDurationMs) };
}
