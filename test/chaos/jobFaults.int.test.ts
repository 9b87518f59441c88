import { describe } from 'vitest';
import { poisonJob } from '../../chaos/scenarios/poisonJob.js';
import { providerOutage } from '../../chaos/scenarios/providerOutage.js';
import { runChaosScenarios } from './runChaosScenarios.js';

describe('chaos: the provider and the jobs fail', () => {
  runChaosScenarios([providerOutage, poisonJob]);
});
