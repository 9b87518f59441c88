import { and, eq } from 'drizzle-orm';
import { entityId } from '../../shared/jobs/ids.js';
import type { Database } from '../db/client.js';
import { jobOutbox, users } from '../db/schema.js';
import { queueNotification } from '../queue/helpers.js';
import type { FinalFailureHook } from '../queue/jobRunner.js';

/**
 * The final-failure hook of the platform: a job that failed for good
 * notifies the admins of the company it belongs to (the company recorded
 * on its outbox row). Jobs of no company notify nobody, and a failed
 * notification job never makes another notification, so one failure
 * cannot turn into a chain of them.
 */
export function createFailedJobNotifier(db: Database): FinalFailureHook {
  return async ({ queue, jobName, jobId }) => {
    // Only outbox jobs (UUID ids) have a company on record.
    if (queue === 'notifications' || !entityId.safeParse(jobId).success) {
      return;
    }
    await db.transaction(async (tx) => {
      const [job] = await tx
        .select({ companyId: jobOutbox.companyId })
        .from(jobOutbox)
        .where(eq(jobOutbox.id, jobId));
      if (!job?.companyId) return;
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.companyId, job.companyId),
            eq(users.role, 'company_admin'),
          ),
        );
      for (const admin of admins) {
        await queueNotification(
          'job-failed',
          { userId: admin.id, queue, jobName, jobId },
          { tx },
        );
      }
    });
  };
}
