import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { documents, orders, patients, type OrderItem } from '../db/schema.js';

export type OrderRow = typeof orders.$inferSelect;

export async function findCompanyPatient(
  executor: Executor,
  companyId: string,
  patientId: string,
) {
  const [patient] = await executor
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.companyId, companyId)));
  return patient;
}

export async function insertOrder(
  executor: Executor,
  values: {
    companyId: string;
    patientId: string;
    createdByUserId: string;
    orderNumber: string;
    items: OrderItem[];
    totalCents: number;
  },
): Promise<OrderRow> {
  const [order] = await executor.insert(orders).values(values).returning();
  return order!;
}

/** The order, only when it belongs to `companyId`. */
export async function findCompanyOrder(
  executor: Executor,
  companyId: string,
  orderId: string,
): Promise<OrderRow | undefined> {
  const [order] = await executor
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.companyId, companyId)));
  return order;
}

export async function markOrderShipped(
  executor: Executor,
  orderId: string,
  shipment: { carrier: string; trackingNumber: string },
): Promise<OrderRow> {
  const [order] = await executor
    .update(orders)
    .set({ ...shipment, status: 'shipped', shippedAt: new Date() })
    .where(eq(orders.id, orderId))
    .returning();
  return order!;
}

/** The document, only when it belongs to `companyId`. */
export async function findCompanyDocument(
  executor: Executor,
  companyId: string,
  documentId: string,
) {
  const [document] = await executor
    .select()
    .from(documents)
    .where(
      and(eq(documents.id, documentId), eq(documents.companyId, companyId)),
    );
  return document;
}
