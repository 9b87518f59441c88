import type { ChaosScenario } from './chaosScenario.js';
import { browserKilled } from './scenarios/browserKilled.js';
import { poisonJob } from './scenarios/poisonJob.js';
import { postgresRestarted } from './scenarios/postgresRestarted.js';
import { providerOutage } from './scenarios/providerOutage.js';
import { redisKilled } from './scenarios/redisKilled.js';
import { redisLate } from './scenarios/redisLate.js';
import { sigtermDuringLoad } from './scenarios/sigtermDuringLoad.js';
import { workerKilled } from './scenarios/workerKilled.js';

/** Every scenario of issue 5, in its order. */
export const CHAOS_SCENARIOS: readonly ChaosScenario[] = [
  redisKilled,
  redisLate,
  workerKilled,
  sigtermDuringLoad,
  postgresRestarted,
  providerOutage,
  poisonJob,
  browserKilled,
];
