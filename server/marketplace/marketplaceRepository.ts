import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { companies, users } from '../db/schema.js';
import {
  marketplaceConnections,
  type ConnectionStatus,
  type MarketplaceConnectionRow,
} from '../db/schemas/marketplaceSchema.js';

const OPEN_STATUSES: ConnectionStatus[] = ['pending', 'accepted'];

/** Reads and writes of marketplace connections. */
export function createMarketplaceRepository(db: Executor) {
  return {
    async findCompany(companyId: string) {
      const [row] = await db
        .select({ id: companies.id })
        .from(companies)
        .where(eq(companies.id, companyId));
      return row;
    },

    /** A pending or accepted connection between the two, either way. */
    async findOpenConnection(
      companyA: string,
      companyB: string,
    ): Promise<MarketplaceConnectionRow | undefined> {
      const [row] = await db
        .select()
        .from(marketplaceConnections)
        .where(
          and(
            inArray(marketplaceConnections.status, OPEN_STATUSES),
            or(
              and(
                eq(marketplaceConnections.requesterCompanyId, companyA),
                eq(marketplaceConnections.targetCompanyId, companyB),
              ),
              and(
                eq(marketplaceConnections.requesterCompanyId, companyB),
                eq(marketplaceConnections.targetCompanyId, companyA),
              ),
            ),
          ),
        );
      return row;
    },

    async insertConnection(values: {
      requesterCompanyId: string;
      targetCompanyId: string;
      requestedByUserId: string;
    }): Promise<MarketplaceConnectionRow> {
      const [row] = await db
        .insert(marketplaceConnections)
        .values(values)
        .returning();
      return row!;
    },

    /** Answers a pending request addressed to `targetCompanyId`. */
    async answerConnection(
      id: number,
      targetCompanyId: string,
      answer: { status: 'accepted' | 'declined'; userId: string },
    ): Promise<MarketplaceConnectionRow | undefined> {
      const [row] = await db
        .update(marketplaceConnections)
        .set({
          status: answer.status,
          respondedByUserId: answer.userId,
          respondedAt: sql`now()`,
        })
        .where(
          and(
            eq(marketplaceConnections.id, id),
            eq(marketplaceConnections.targetCompanyId, targetCompanyId),
            eq(marketplaceConnections.status, 'pending'),
          ),
        )
        .returning();
      return row;
    },

    /** The connection when `companyId` takes part in it as `side`. */
    async findConnectionOf(
      id: number,
      companyId: string,
      side: 'requester' | 'target' | 'either',
    ): Promise<MarketplaceConnectionRow | undefined> {
      const asRequester = eq(
        marketplaceConnections.requesterCompanyId,
        companyId,
      );
      const asTarget = eq(marketplaceConnections.targetCompanyId, companyId);
      const party =
        side === 'requester'
          ? asRequester
          : side === 'target'
            ? asTarget
            : or(asRequester, asTarget);
      const [row] = await db
        .select()
        .from(marketplaceConnections)
        .where(and(eq(marketplaceConnections.id, id), party));
      return row;
    },

    /** Connections the company asked for or was asked for, newest first. */
    listForCompany(companyId: string): Promise<MarketplaceConnectionRow[]> {
      return db
        .select()
        .from(marketplaceConnections)
        .where(
          or(
            eq(marketplaceConnections.requesterCompanyId, companyId),
            eq(marketplaceConnections.targetCompanyId, companyId),
          ),
        )
        .orderBy(desc(marketplaceConnections.id))
        .limit(500);
    },

    listCompanyAdminIds(companyId: string) {
      return db
        .select({ id: users.id })
        .from(users)
        .where(
          and(eq(users.companyId, companyId), eq(users.role, 'company_admin')),
        );
    },
  };
}
