import type { ChaosWorld, LoadShape } from './chaosWorld.js';
import type { ScenarioOutcome } from './measureOutcome.js';

/** How big and how long each fault is: the full run, or the test's. */
export interface ChaosScale {
  name: 'full' | 'short';
  load: LoadShape;
  /** Scenario 1: how long Redis stays dead after SIGKILL. */
  redisDownMs: number;
  /** Scenario 5: how long PostgreSQL stays stopped. */
  postgresDownMs: number;
  /** Scenario 6: how long the provider answers 500, then 429. */
  providerErrorMs: number;
  providerRateLimitMs: number;
  retryAfterSeconds: number;
  /** Longest wait for every job to finish after the load. */
  drainTimeoutMs: number;
  /**
   * JOB_LOCK_DURATION_MS of the processes; unset keeps the product's
   * per-queue locks (a killed worker's jobs then come back within about
   * twice the lock, 30 s for emails and PDFs).
   */
  lockDurationMs?: number;
}

/** What a scenario reports: the counts, and any other check that failed. */
export interface ScenarioReport extends ScenarioOutcome {
  problems: string[];
  notes: string[];
}

/** One fault, run against a fresh world. */
export interface ChaosScenario {
  id: number;
  name: string;
  /** False when the scenario starts Redis itself, later. */
  startsRedis?: boolean;
  run(world: ChaosWorld, scale: ChaosScale): Promise<ScenarioReport>;
}
