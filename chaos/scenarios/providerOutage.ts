import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';

/** 6: the email provider answers 500, then 429 with Retry-After, then 200. */
export const providerOutage: ChaosScenario = {
  id: 6,
  name: 'provider 500, then 429',
  async run(world, scale) {
    await world.startServer('server/index.ts', lockEnv(scale));
    const loading = world.load(scale.load);
    await loading.started;
    world.fakeResend.answerFor(scale.providerErrorMs, { kind: 'server_error' });
    world.fakeResend.answerFor(scale.providerRateLimitMs, {
      kind: 'rate_limited',
      retryAfterSeconds: scale.retryAfterSeconds,
    });
    const load = await loading.finished;

    const outcome = await measureOutcome(world, load, scale);
    const statuses = world.fakeResend.requests.map((request) => request.status);
    const problems: string[] = [];
    if (!statuses.includes(500)) problems.push('no request was answered 500');
    if (!statuses.includes(429)) problems.push('no request was answered 429');
    const notes = [
      `${statuses.filter((status) => status === 500).length} answered 500, ` +
        `${statuses.filter((status) => status === 429).length} answered 429`,
    ];
    return { ...outcome, problems, notes };
  },
};
