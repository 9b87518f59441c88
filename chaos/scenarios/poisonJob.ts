import { randomUUID } from 'node:crypto';
import { insertOutboxJob } from '../../server/queue/outbox.js';
import type { ChaosWorld } from '../chaosWorld.js';
import type { ChaosScenario } from '../chaosScenario.js';
import { lockEnv } from '../lockEnv.js';
import { measureOutcome } from '../measureOutcome.js';

interface JobStatusAnswer {
  job: { state: string; attemptsMade: number; failedReason: string | null };
}

/**
 * An order whose stored lines are not a list, as a bad migration or a
 * manual fix could leave it: every render of its order sheet throws a
 * TypeError, which is retryable, so the job spends all its attempts. Its
 * job goes in as the queue helper writes it, through the outbox.
 */
async function addPoisonJob(world: ChaosWorld): Promise<string> {
  const { tenant, database } = world;
  const order = await database.pool.query<{ id: string }>(
    `insert into orders
       (company_id, patient_id, created_by_user_id, order_number, items,
        total_cents)
     values ($1, $2, $3, $4, '{"lines": "corrupt"}'::jsonb, 0)
     returning id`,
    [tenant.companyId, tenant.patientId, tenant.staffUserId, 'POISON-1'],
  );
  const orderId = order.rows[0]!.id;
  const jobId = randomUUID();
  await insertOutboxJob(database.db, {
    id: jobId,
    queue: 'pdfs',
    name: 'order-sheet',
    data: { orderId },
    dedupKey: `pdfs:order-sheet:poison:${orderId}`,
    companyId: tenant.companyId,
    requestId: null,
  });
  return jobId;
}

/** 7: a job that throws every time, among healthy orders. */
export const poisonJob: ChaosScenario = {
  id: 7,
  name: 'poison job',
  async run(world, scale) {
    await world.startServer('server/index.ts', lockEnv(scale));
    const poisonJobId = await addPoisonJob(world);
    const load = await world.load(scale.load).finished;

    const outcome = await measureOutcome(world, load, scale);
    const status = await world.getJson<JobStatusAnswer>(
      `/api/jobs/pdfs/${poisonJobId}`,
    );
    const problems: string[] = [];
    if (status?.job.state !== 'failed') {
      problems.push(`poison job is ${status?.job.state ?? 'missing'}`);
    }
    if (!status?.job.failedReason) problems.push('no failure reason kept');
    const notes = status
      ? [
          `poison: ${status.job.state} after ${status.job.attemptsMade} attempts`,
        ]
      : [];
    return { ...outcome, problems, notes };
  },
};
