import { startChaosPostgres } from './chaosPostgres.js';
import { CHAOS_SCENARIOS } from './chaosScenarios.js';
import { FULL_SCALE } from './chaosScales.js';
import { killTrackedChildProcesses } from './childProcesses.js';
import { formatResultTable } from './formatResultTable.js';
import { runScenario, type ScenarioResult } from './runScenario.js';

// `npm run chaos [ids…]`: every scenario (or those named by number) against
// real server processes, one after another, then one table. Exit code 1
// when any scenario lost, duplicated or left a job, or failed a check.

const wanted = process.argv.slice(2).map(Number);
const scenarios = CHAOS_SCENARIOS.filter(
  (scenario) => wanted.length === 0 || wanted.includes(scenario.id),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killTrackedChildProcesses();
    process.exit(130);
  });
}

const startedAt = Date.now();
const postgres = await startChaosPostgres();
const results: ScenarioResult[] = [];
try {
  for (const scenario of scenarios) {
    process.stderr.write(`chaos: scenario ${scenario.id} ${scenario.name}\n`);
    results.push(await runScenario(postgres, scenario, FULL_SCALE));
  }
} finally {
  killTrackedChildProcesses();
  await postgres.stop();
}

const totalSeconds = Math.round((Date.now() - startedAt) / 1000);
process.stdout.write(`${formatResultTable(results)}\n`);
process.stdout.write(
  `chaos: ${results.length} scenarios in ${totalSeconds} s\n`,
);
process.exit(results.every((result) => result.passed) ? 0 : 1);
