import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';
import { sleep, waitUntil } from '../waitUntil.js';

/** 2: no Redis at start-up; it appears while orders come in. */
export const redisLate: ChaosScenario = {
  id: 2,
  name: 'Redis unreachable at start',
  startsRedis: false,
  async run(world, scale) {
    await world.startServer('server/index.ts', lockEnv(scale));
    const loading = world.load(scale.load);
    await loading.started;
    await sleep(scale.load.durationMs / 3);
    await world.redis.start();
    const redisUsed = await waitUntil(
      async () =>
        (await world.getJson<{ store: string }>('/api/health'))?.store ===
        'redis',
      { timeoutMs: scale.load.durationMs },
    );
    const load = await loading.finished;

    const outcome = await measureOutcome(world, load, scale);
    const problems: string[] = [];
    if (!redisUsed) problems.push('the server never switched to Redis');
    if (!outcome.stores.postgres) {
      problems.push('no job went to PostgreSQL before Redis was reachable');
    }
    if (!outcome.stores.redis) {
      problems.push('no job went to Redis after it became reachable');
    }
    return { ...outcome, problems, notes: [] };
  },
};
