import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import { companies, documents, orders } from '../db/schema.js';
import { marketplaceConnections } from '../db/schemas/marketplaceSchema.js';

/** The records notifications talk about, read within one company. */
export type NotificationSourceRepository = ReturnType<
  typeof createNotificationSourceRepository
>;

export function createNotificationSourceRepository(db: Executor) {
  return {
    async findCompanyDocument(companyId: string, documentId: string) {
      const [row] = await db
        .select({
          id: documents.id,
          type: documents.type,
          orderNumber: orders.orderNumber,
        })
        .from(documents)
        .leftJoin(orders, eq(orders.id, documents.orderId))
        .where(
          and(eq(documents.id, documentId), eq(documents.companyId, companyId)),
        );
      return row;
    },

    async findCompanyOrder(companyId: string, orderId: string) {
      const [row] = await db
        .select({
          id: orders.id,
          orderNumber: orders.orderNumber,
          carrier: orders.carrier,
          trackingNumber: orders.trackingNumber,
        })
        .from(orders)
        .where(and(eq(orders.id, orderId), eq(orders.companyId, companyId)));
      return row;
    },

    /** The connection with both companies' names. */
    async findConnection(connectionId: number) {
      const requester = alias(companies, 'requester');
      const target = alias(companies, 'target');
      const [row] = await db
        .select({
          id: marketplaceConnections.id,
          status: marketplaceConnections.status,
          requesterCompanyId: marketplaceConnections.requesterCompanyId,
          requesterName: requester.name,
          targetCompanyId: marketplaceConnections.targetCompanyId,
          targetName: target.name,
        })
        .from(marketplaceConnections)
        .innerJoin(
          requester,
          eq(requester.id, marketplaceConnections.requesterCompanyId),
        )
        .innerJoin(
          target,
          eq(target.id, marketplaceConnections.targetCompanyId),
        )
        .where(eq(marketplaceConnections.id, connectionId));
      return row;
    },
  };
}
