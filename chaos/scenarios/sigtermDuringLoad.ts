import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';
import { sleep } from '../waitUntil.js';

const SHUTDOWN_TIMEOUT_MS = 2000;
// Longer than the shutdown timeout: some emails are still being sent when
// it runs out, and must be handed back rather than dropped.
const SLOW_PROVIDER_MS = 3000;
// Closing the stores and the browser after the timeout takes a little.
const EXIT_MARGIN_MS = 8000;

/**
 * 4: SIGTERM while orders come in: the process refuses new connections,
 * finishes or hands back its jobs within SHUTDOWN_TIMEOUT_MS and exits 0;
 * a new process finishes what is left.
 */
export const sigtermDuringLoad: ChaosScenario = {
  id: 4,
  name: 'SIGTERM during load',
  async run(world, scale) {
    const env = {
      ...lockEnv(scale),
      SHUTDOWN_TIMEOUT_MS: `${SHUTDOWN_TIMEOUT_MS}`,
    };
    const server = await world.startServer('server/index.ts', env);
    const loading = world.load(scale.load);
    await loading.started;
    world.fakeResend.answerFor(scale.load.durationMs, {
      kind: 'slow',
      delayMs: SLOW_PROVIDER_MS,
    });
    await sleep(scale.load.durationMs / 2);

    const signalledAt = Date.now();
    server.kill('SIGTERM');
    await sleep(500);
    const refused = await fetch(`${world.apiUrl}/api/health`, {
      signal: AbortSignal.timeout(2000),
    }).then(
      () => false,
      () => true,
    );
    const exit = await Promise.race([
      server.exited,
      sleep(SHUTDOWN_TIMEOUT_MS + EXIT_MARGIN_MS).then(() => undefined),
    ]);
    const exitMs = Date.now() - signalledAt;
    const problems: string[] = [];
    if (!refused) problems.push('a new connection was served after SIGTERM');
    if (!exit) problems.push(`still running ${exitMs} ms after SIGTERM`);
    else if (exit.code !== 0) {
      problems.push(`exit code ${exit.code ?? exit.signal} after SIGTERM`);
    }

    await world.startServer('server/index.ts', env);
    const load = await loading.finished;
    const outcome = await measureOutcome(world, load, scale);
    return {
      ...outcome,
      problems,
      notes: [`exited ${exitMs} ms after SIGTERM`],
    };
  },
};
