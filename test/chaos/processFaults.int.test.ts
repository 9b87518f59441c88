import { describe } from 'vitest';
import { browserKilled } from '../../chaos/scenarios/browserKilled.js';
import { sigtermDuringLoad } from '../../chaos/scenarios/sigtermDuringLoad.js';
import { workerKilled } from '../../chaos/scenarios/workerKilled.js';
import { runChaosScenarios } from './runChaosScenarios.js';

describe('chaos: processes die under load', () => {
  runChaosScenarios([workerKilled, sigtermDuringLoad, browserKilled]);
});
