import {
  NOTIFICATION_KINDS,
  type NotificationJobData,
  type NotificationKind,
} from '../../shared/jobs/notificationJobs.js';
import { entityId } from '../../shared/jobs/ids.js';
import type { Executor } from '../db/client.js';
import { NotFoundError } from '../errors/notFoundError.js';
import type { JobProcessor } from '../workers/jobProcessor.js';
import { NOTIFICATION_COMPOSERS } from './composeNotification.js';
import { createNotificationRepository } from './notificationRepository.js';
import { createNotificationSourceRepository } from './notificationSourceRepository.js';

/** What a notification job returns. */
export interface NotificationJobResult {
  notificationId: number;
  /** False when a retried job found the row its first attempt stored. */
  created: boolean;
}

/** One processor per notification kind. */
export type NotificationProcessors = {
  [K in NotificationKind]: JobProcessor<
    NotificationJobData<K>,
    NotificationJobResult
  >;
};

/**
 * The processors of the notifications queue. Each loads the recipient and
 * the records its kind names (a missing one, or one of another company,
 * ends the job at once with a NotFoundError), renders the text, stores the
 * row and announces it to every process's open streams.
 */
export function createNotificationProcessors(
  db: Executor,
): NotificationProcessors {
  const repository = createNotificationRepository(db);
  const sources = createNotificationSourceRepository(db);

  function createProcessor<K extends NotificationKind>(
    kind: K,
  ): JobProcessor<NotificationJobData<K>, NotificationJobResult> {
    return async (data, context) => {
      const recipient = await repository.findUser(data.userId);
      if (!recipient) throw new NotFoundError('User', { userId: data.userId });
      const compose = NOTIFICATION_COMPOSERS[kind];
      const content = await compose(data, recipient, sources);

      const { row, created } = await repository.storeNotification({
        userId: recipient.id,
        companyId: recipient.companyId,
        kind,
        ...content,
        jobId: entityId.safeParse(context.jobId).success ? context.jobId : null,
      });
      return { notificationId: row.id, created };
    };
  }

  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, createProcessor(kind)]),
  ) as NotificationProcessors;
}
