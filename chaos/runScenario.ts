import type { ChaosPostgres } from './chaosPostgres.js';
import type { ChaosScale, ChaosScenario } from './chaosScenario.js';
import { ChaosWorld } from './chaosWorld.js';
import type { ScenarioOutcome } from './measureOutcome.js';

/** One row of the final table, with the verdict. */
export interface ScenarioResult extends ScenarioOutcome {
  scenario: string;
  problems: string[];
  notes: string[];
  passed: boolean;
  /** Where the processes' logs were kept, when the scenario failed. */
  logFolder?: string;
}

const EMPTY_OUTCOME: ScenarioOutcome = {
  accepted: 0,
  expectedJobs: 0,
  completedJobs: 0,
  duplicates: 0,
  lost: 0,
  stuck: 0,
  drainMs: null,
  stores: {},
};

/**
 * Runs one scenario in a fresh world and always tears the world down; a
 * scenario that throws is a failed row, not a crashed run.
 */
export async function runScenario(
  postgres: ChaosPostgres,
  scenario: ChaosScenario,
  scale: ChaosScale,
): Promise<ScenarioResult> {
  const label = `${scenario.id} ${scenario.name}`;
  const world = await ChaosWorld.create(postgres, {
    startRedis: scenario.startsRedis ?? true,
  });
  let result: ScenarioResult;
  try {
    const report = await scenario.run(world, scale);
    const passed =
      report.problems.length === 0 &&
      report.lost === 0 &&
      report.duplicates === 0 &&
      report.stuck === 0 &&
      report.accepted > 0;
    result = { scenario: label, ...report, passed };
  } catch (error) {
    result = {
      scenario: label,
      ...EMPTY_OUTCOME,
      problems: [`threw: ${(error as Error).message}`],
      notes: [],
      passed: false,
    };
  }
  await world.close({ keepLogs: !result.passed });
  return result.passed ? result : { ...result, logFolder: world.folder };
}
