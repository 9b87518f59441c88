import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';
import { sleep } from '../waitUntil.js';

/** 1: Redis SIGKILLed mid-stream, started again on its AOF later. */
export const redisKilled: ChaosScenario = {
  id: 1,
  name: 'Redis SIGKILL, AOF restart',
  async run(world, scale) {
    await world.startServer('server/index.ts', lockEnv(scale));
    const loading = world.load(scale.load);
    await loading.started;
    await sleep(scale.load.durationMs / 3);
    await world.redis.kill('SIGKILL');
    await sleep(scale.redisDownMs);
    await world.redis.start();
    const load = await loading.finished;

    const outcome = await measureOutcome(world, load, scale);
    const problems: string[] = [];
    if (!outcome.stores.postgres) {
      problems.push('no job went to PostgreSQL while Redis was dead');
    }
    return { ...outcome, problems, notes: [] };
  },
};
