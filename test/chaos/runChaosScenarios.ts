import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startChaosPostgres,
  type ChaosPostgres,
} from '../../chaos/chaosPostgres.js';
import type { ChaosScenario } from '../../chaos/chaosScenario.js';
import { SHORT_SCALE } from '../../chaos/chaosScales.js';
import { killTrackedChildProcesses } from '../../chaos/childProcesses.js';
import { runScenario } from '../../chaos/runScenario.js';

const SCENARIO_TIMEOUT_MS = 120_000;

/**
 * Declares one test per scenario, each the short version of the one
 * `npm run chaos` runs: real server processes, a PostgreSQL that may be
 * restarted, a redis-server that may be killed, the fake Resend.
 */
export function runChaosScenarios(scenarios: readonly ChaosScenario[]): void {
  let postgres: ChaosPostgres;

  beforeAll(async () => {
    postgres = await startChaosPostgres();
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    killTrackedChildProcesses();
    await postgres?.stop();
  }, SCENARIO_TIMEOUT_MS);

  for (const scenario of scenarios) {
    it(
      `loses, repeats and strands no job when: ${scenario.name}`,
      async () => {
        const result = await runScenario(postgres, scenario, SHORT_SCALE);
        expect({
          problems: result.problems,
          lost: result.lost,
          duplicates: result.duplicates,
          stuck: result.stuck,
          drained: result.drainMs !== null,
        }).toEqual({
          problems: [],
          lost: 0,
          duplicates: 0,
          stuck: 0,
          drained: true,
        });
        expect(result.accepted).toBeGreaterThan(0);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
}
