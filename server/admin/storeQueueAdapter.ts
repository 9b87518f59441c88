import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Redis } from 'ioredis';
import type { JobStoreName } from '../db/schema.js';
import type { StoreQueue } from '../queue/jobStore.js';

/**
 * bull-board's BullMQ adapter, fixed for BullMQ 6. BullMQ 6 dropped
 * `Queue.client`, which the adapter reads for its Redis panel; the client
 * now lives on the queue's backend. A PostgreSQL queue has no Redis to
 * describe, so its panel answers with an error instead. Everything else
 * the adapter does (counts, jobs, retry, remove, clean, pause) works on
 * both backends.
 */
export class StoreQueueAdapter extends BullMQAdapter {
  constructor(
    private readonly storeQueue: StoreQueue,
    readonly store: JobStoreName,
  ) {
    super(storeQueue as never, {
      prefix: `${store}:`,
      delimiter: ':',
      displayName: `${storeQueue.name} · ${store}`,
      description: `${storeQueue.name} jobs in the ${store} store`,
    });
  }

  override async getRedisInfo(): Promise<string> {
    if (this.store !== 'redis') {
      throw new Error('The PostgreSQL store has no Redis details');
    }
    const backend = this.storeQueue.getBackend() as unknown as {
      client: Promise<Redis>;
    };
    return (await backend.client).info();
  }
}
