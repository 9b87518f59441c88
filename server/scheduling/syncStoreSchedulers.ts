import type { JobSchedulerJson } from 'bullmq';
import { canonicalJson } from '../queue/canonicalJson.js';
import type { StoreQueue } from '../queue/jobStore.js';
import {
  FIRE_JOB_NAME,
  type ScheduleDefinition,
} from './scheduleDefinitions.js';

/** What one sync changed in one store. */
export interface SchedulerSyncOutcome {
  added: number;
  replaced: number;
  removed: number;
  unchanged: number;
}

function isSame(current: JobSchedulerJson, wanted: ScheduleDefinition) {
  return (
    current.name === FIRE_JOB_NAME &&
    current.pattern === wanted.pattern &&
    (current.tz ?? 'UTC') === wanted.timeZone &&
    canonicalJson(current.template?.data) === canonicalJson(wanted.fire)
  );
}

/**
 * Makes a store's scheduled queue hold exactly `definitions`. A scheduler
 * that is already right is left alone (an upsert would move its next tick
 * for nothing); a changed one is upserted under its stable id, which
 * replaces it; one nobody wants any more (a deleted company) is removed.
 * Two processes syncing at once do the same upserts, each idempotent.
 */
export async function syncStoreSchedulers(
  queue: StoreQueue,
  definitions: readonly ScheduleDefinition[],
): Promise<SchedulerSyncOutcome> {
  const outcome = { added: 0, replaced: 0, removed: 0, unchanged: 0 };
  const existing: JobSchedulerJson[] = await queue.getJobSchedulers(0, -1);
  const byId = new Map(existing.map((scheduler) => [scheduler.key, scheduler]));

  for (const wanted of definitions) {
    const current = byId.get(wanted.id);
    if (current && isSame(current, wanted)) {
      outcome.unchanged += 1;
      continue;
    }
    await queue.upsertJobScheduler(
      wanted.id,
      { pattern: wanted.pattern, tz: wanted.timeZone },
      { name: FIRE_JOB_NAME, data: wanted.fire },
    );
    if (current) outcome.replaced += 1;
    else outcome.added += 1;
  }

  const wantedIds = new Set(definitions.map((definition) => definition.id));
  for (const scheduler of existing) {
    if (wantedIds.has(scheduler.key)) continue;
    await queue.removeJobScheduler(scheduler.key);
    outcome.removed += 1;
  }
  return outcome;
}
