import { describe } from 'vitest';
import { postgresRestarted } from '../../chaos/scenarios/postgresRestarted.js';
import { redisKilled } from '../../chaos/scenarios/redisKilled.js';
import { redisLate } from '../../chaos/scenarios/redisLate.js';
import { runChaosScenarios } from './runChaosScenarios.js';

describe('chaos: the stores fail under load', () => {
  runChaosScenarios([redisKilled, redisLate, postgresRestarted]);
});
