import type { CreateConnectionRequest } from '../../shared/api/marketplaceRequests.js';
import type { AuthenticatedUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import type { MarketplaceConnectionRow } from '../db/schemas/marketplaceSchema.js';
import { ConflictError } from '../errors/conflictError.js';
import { NotFoundError } from '../errors/notFoundError.js';
import { ValidationError } from '../errors/validationError.js';
import {
  queueMarketplaceConnectionEmail,
  queueNotification,
} from '../queue/helpers.js';
import { isUniqueViolation } from './isUniqueViolation.js';
import { createMarketplaceRepository } from './marketplaceRepository.js';

const OPEN_PAIR_INDEX = 'marketplace_connections_open_pair_key';

/** Job ids queued with a new connection request. */
export interface ConnectionRequestJobs {
  /** Null when the target company has no admin to write to. */
  emailJobId: string | null;
  notificationJobIds: string[];
}

function duplicateError(existing: { id: number; status: string }) {
  return new ConflictError(
    existing.status === 'accepted'
      ? 'The two companies are already connected'
      : 'A connection request between the two companies is already pending',
    { connectionId: existing.id, status: existing.status },
  );
}

/**
 * Asks another company to connect. The pending row, the email to the
 * target's admins and their notifications commit together.
 */
export async function requestConnection(
  db: Database,
  user: AuthenticatedUser,
  request: CreateConnectionRequest,
): Promise<{
  connection: MarketplaceConnectionRow;
  jobs: ConnectionRequestJobs;
}> {
  const { targetCompanyId } = request;
  if (targetCompanyId === user.companyId) {
    throw new ValidationError([
      {
        path: 'targetCompanyId',
        message: 'a company cannot connect to itself',
      },
    ]);
  }
  try {
    return await db.transaction(async (tx) => {
      const repository = createMarketplaceRepository(tx);
      if (!(await repository.findCompany(targetCompanyId))) {
        throw new NotFoundError('Target company', { targetCompanyId });
      }
      const existing = await repository.findOpenConnection(
        user.companyId,
        targetCompanyId,
      );
      if (existing) throw duplicateError(existing);

      const connection = await repository.insertConnection({
        requesterCompanyId: user.companyId,
        targetCompanyId,
        requestedByUserId: user.id,
      });
      const admins = await repository.listCompanyAdminIds(targetCompanyId);
      const emailJobId =
        admins.length > 0
          ? await queueMarketplaceConnectionEmail(
              connection.id,
              user.companyId,
              targetCompanyId,
              { tx },
            )
          : null;
      const notificationJobIds: string[] = [];
      for (const admin of admins) {
        notificationJobIds.push(
          await queueNotification(
            'marketplace-request',
            { userId: admin.id, connectionId: connection.id },
            { tx },
          ),
        );
      }
      return { connection, jobs: { emailJobId, notificationJobIds } };
    });
  } catch (error) {
    // Two requests for the same pair at once: the index lets one through.
    if (isUniqueViolation(error, OPEN_PAIR_INDEX)) {
      throw new ConflictError(
        'A connection request between the two companies is already pending',
        { targetCompanyId },
      );
    }
    throw error;
  }
}

/**
 * Accepts or declines a pending request addressed to the caller's company
 * and notifies the user who asked. Requests of other companies are 404;
 * one already answered is 409.
 */
export async function answerConnection(
  db: Database,
  user: AuthenticatedUser,
  connectionId: number,
  answer: 'accepted' | 'declined',
): Promise<{
  connection: MarketplaceConnectionRow;
  notificationJobId: string | null;
}> {
  return db.transaction(async (tx) => {
    const repository = createMarketplaceRepository(tx);
    const connection = await repository.answerConnection(
      connectionId,
      user.companyId,
      { status: answer, userId: user.id },
    );
    if (!connection) {
      const existing = await repository.findConnectionOf(
        connectionId,
        user.companyId,
        'target',
      );
      if (!existing) {
        throw new NotFoundError('Marketplace connection', { connectionId });
      }
      throw new ConflictError(`The request was already ${existing.status}`, {
        connectionId,
        status: existing.status,
      });
    }
    const notificationJobId = connection.requestedByUserId
      ? await queueNotification(
          answer === 'accepted'
            ? 'marketplace-accepted'
            : 'marketplace-declined',
          { userId: connection.requestedByUserId, connectionId },
          { tx },
        )
      : null;
    return { connection, notificationJobId };
  });
}

/** One connection the caller's company takes part in. */
export async function getConnection(
  db: Database,
  user: AuthenticatedUser,
  connectionId: number,
): Promise<MarketplaceConnectionRow> {
  const connection = await createMarketplaceRepository(db).findConnectionOf(
    connectionId,
    user.companyId,
    'either',
  );
  if (!connection) {
    throw new NotFoundError('Marketplace connection', { connectionId });
  }
  return connection;
}

/** The caller's company's connections, both directions, newest first. */
export function listConnections(
  db: Database,
  user: AuthenticatedUser,
): Promise<MarketplaceConnectionRow[]> {
  return createMarketplaceRepository(db).listForCompany(user.companyId);
}
