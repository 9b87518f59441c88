import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';
import { sleep } from '../waitUntil.js';

/**
 * 5: Redis dies for a moment so that jobs land in both stores (the PDF
 * rate limit keeps some waiting in each); then PostgreSQL is restarted
 * while both stores hold work.
 */
export const postgresRestarted: ChaosScenario = {
  id: 5,
  name: 'PostgreSQL restart, both stores',
  async run(world, scale) {
    await world.startServer('server/index.ts', lockEnv(scale));
    // Twice the usual load: orders keep coming once PostgreSQL is back.
    const durationMs = scale.load.durationMs * 2;
    const loading = world.load({ ...scale.load, durationMs });
    await loading.started;
    await sleep(durationMs * 0.15);
    await world.redis.kill('SIGKILL');
    await sleep(durationMs * 0.2);
    await world.redis.start();
    await world.postgres.restart(scale.postgresDownMs);
    const load = await loading.finished;

    const outcome = await measureOutcome(world, load, scale);
    const problems: string[] = [];
    if (!outcome.stores.postgres || !outcome.stores.redis) {
      problems.push('the jobs did not use both stores');
    }
    return { ...outcome, problems, notes: [] };
  },
};
