import type { ChaosWorld } from '../chaosWorld.js';
import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';
import { waitUntil } from '../waitUntil.js';

const SLOW_PROVIDER_MS = 1500;

async function activeJobs(world: ChaosWorld) {
  const counts = await world.jobCounter.count();
  return {
    emails: counts?.emails.active ?? 0,
    pdfs: counts?.pdfs.active ?? 0,
  };
}

/**
 * 3: the API runs without workers; a worker process is SIGKILLed while it
 * holds emails (the provider answers slowly) and PDFs; a new one starts.
 */
export const workerKilled: ChaosScenario = {
  id: 3,
  name: 'worker SIGKILL, jobs in flight',
  async run(world, scale) {
    const env = lockEnv(scale);
    await world.startServer('server/index.ts', {
      ...env,
      RUN_WORKERS: 'false',
    });
    const worker = await world.startServer('server/worker.ts', env);
    const loading = world.load(scale.load);
    await loading.started;
    world.fakeResend.answerFor(scale.load.durationMs, {
      kind: 'slow',
      delayMs: SLOW_PROVIDER_MS,
    });

    const inFlight = await waitUntil(
      async () => {
        const active = await activeJobs(world);
        return active.emails > 0 && active.pdfs > 0 ? active : undefined;
      },
      { timeoutMs: scale.load.durationMs, intervalMs: 50 },
    );
    worker.kill('SIGKILL');
    await worker.exited;
    await world.startServer('server/worker.ts', env);
    const load = await loading.finished;

    const outcome = await measureOutcome(world, load, scale);
    const notes = inFlight
      ? [`killed with ${inFlight.emails} emails, ${inFlight.pdfs} PDFs active`]
      : [];
    const problems = inFlight ? [] : ['no email and PDF were active together'];
    return { ...outcome, problems, notes };
  },
};
