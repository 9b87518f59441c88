import { randomUUID } from 'node:crypto';
import { Backoffs } from 'bullmq';
import { afterEach, describe, expect, it, inject } from 'vitest';
import type { Config } from '../../server/config.js';
import { MINUTE, QUEUE_SETTINGS } from '../../server/queue/config.js';
import type { JobStore, StoreWorker } from '../../server/queue/jobStore.js';
import { createProducerConnection } from '../../server/queue/stores/redisConnection.js';
import { createRedisStore } from '../../server/queue/stores/redisStore.js';
import { waitFor } from '../support/waitFor.js';

function redisConfig(): Config['redis'] {
  return {
    url: inject('redisUrl'),
    host: '',
    port: 0,
    password: undefined,
    db: 0,
  };
}

describe('job locks and retries of the stores', () => {
  const opened: { store: JobStore; close: () => void }[] = [];

  function openStore(lockDurationMs?: number): JobStore {
    const producer = createProducerConnection(redisConfig());
    producer.on('error', () => {});
    const prefix = `locks-${randomUUID().slice(0, 8)}`;
    const store = createRedisStore(
      producer,
      redisConfig(),
      prefix,
      lockDurationMs,
    );
    opened.push({ store, close: () => producer.disconnect() });
    return store;
  }

  afterEach(async () => {
    for (const { store, close } of opened.splice(0)) {
      await store.close();
      close();
    }
  });

  it('gives a PDF job of a killed worker back within a minute', () => {
    // Regression: the pdfs lock was 10 minutes, so a PDF held by a worker
    // that died waited ten minutes before any other worker took it.
    const lockMs = QUEUE_SETTINGS.pdfs.lockDurationMs;
    expect(2 * lockMs).toBeLessThanOrEqual(MINUTE);
  });

  it('keeps retrying an email through a provider outage of two minutes', async () => {
    // Regression: three attempts 5 s and 10 s apart failed every email
    // sent during a 30 s provider outage.
    const store = openStore();
    const id = randomUUID();
    await store.add('emails', { id, name: 'generic', data: { emailId: id } });
    const job = (await store.getJob('emails', id))!;
    const backoff = Backoffs.normalize(job.opts.backoff!)!;
    let retryWindowMs = 0;
    for (let made = 1; made < (job.opts.attempts ?? 1); made += 1) {
      retryWindowMs +=
        (await Backoffs.calculate(backoff, made, new Error('500'), job)) ?? 0;
    }
    expect(retryWindowMs).toBeGreaterThanOrEqual(2 * MINUTE);
  });

  it('runs the job of a dead worker again on another worker', async () => {
    const store = openStore(1000);
    let runs = 0;
    const held: StoreWorker = store.createWorker(
      'emails',
      () => {
        runs += 1;
        return new Promise(() => {});
      },
      QUEUE_SETTINGS.emails,
    );
    const id = randomUUID();
    await store.add('emails', { id, name: 'generic', data: { emailId: id } });
    await waitFor(() => runs === 1, { what: 'the first run' });
    // A forced close stops renewing the lock without giving the job back,
    // as a process killed with SIGKILL would.
    await held.close(true);

    const rescuer = store.createWorker(
      'emails',
      async () => 'done',
      QUEUE_SETTINGS.emails,
    );
    await waitFor(async () => (await store.getJob('emails', id))?.finishedOn, {
      what: 'the job to finish on another worker',
      timeoutMs: 10_000,
    });
    expect((await store.getJob('emails', id))?.returnvalue).toBe('done');
    await rescuer.close();
  });
});
