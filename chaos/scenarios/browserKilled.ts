import type { ChaosWorld } from '../chaosWorld.js';
import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';
import { waitUntil } from '../waitUntil.js';

interface HealthAnswer {
  browser: { pid: number | null };
  workers: { queue: string; activeJobs: number }[];
}

async function renderingBrowserPid(world: ChaosWorld) {
  const health = await world.getJson<HealthAnswer>('/api/health');
  const rendering = health?.workers.some(
    (worker) => worker.queue === 'pdfs' && worker.activeJobs > 0,
  );
  return rendering ? (health?.browser.pid ?? undefined) : undefined;
}

/**
 * 8: the server's Chromium (its pid from /api/health) is SIGKILLed while a
 * PDF job renders; the job fails, is retried and renders on a new browser.
 */
export const browserKilled: ChaosScenario = {
  id: 8,
  name: 'Chromium SIGKILL mid-render',
  async run(world, scale) {
    await world.startServer('server/index.ts', lockEnv(scale));
    const loading = world.load(scale.load);
    await loading.started;
    const pid = await waitUntil(() => renderingBrowserPid(world), {
      timeoutMs: scale.load.durationMs + 10_000,
      intervalMs: 20,
    });
    if (pid) process.kill(pid, 'SIGKILL');
    const load = await loading.finished;

    const outcome = await measureOutcome(world, load, scale);
    const after = await world.getJson<HealthAnswer>('/api/health');
    const problems: string[] = [];
    if (!pid) problems.push('no PDF was rendering while the load ran');
    if (pid && after?.browser.pid === pid) {
      problems.push('the killed browser is still reported');
    }
    return {
      ...outcome,
      problems,
      notes: pid ? [`killed browser ${pid}`] : [],
    };
  },
};
