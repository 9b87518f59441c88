import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { orders, patients } from '../db/schema.js';

/**
 * The company a job belongs to, from the identifiers in its data. It is kept
 * on the outbox row so that a user sees only its own company's jobs.
 */
export async function resolveJobCompanyId(
  executor: Executor,
  data: Record<string, unknown>,
): Promise<string | null> {
  const source = findJobTenantSource(data);
  if (!source) return null;
  if ('companyId' in source) return source.companyId;
  if ('orderId' in source) {
    const [order] = await executor
      .select({ companyId: orders.companyId })
      .from(orders)
      .where(eq(orders.id, source.orderId));
    return order?.companyId ?? null;
  }
  const [patient] = await executor
    .select({ companyId: patients.companyId })
    .from(patients)
    .where(eq(patients.id, source.patientId));
  return patient?.companyId ?? null;
}

/** Where a job's company comes from: named in its data, or one row away. */
export type JobTenantSource =
  { companyId: string } | { orderId: string } | { patientId: string };

/**
 * The identifier that decides a job's company, without reading anything,
 * so that the enqueue statement can look the row up itself (one round trip
 * instead of two).
 */
export function findJobTenantSource(
  data: Record<string, unknown>,
): JobTenantSource | null {
  if (typeof data.companyId === 'string') return { companyId: data.companyId };
  if (typeof data.requesterCompanyId === 'string') {
    return { companyId: data.requesterCompanyId };
  }
  if (typeof data.orderId === 'string') return { orderId: data.orderId };
  if (typeof data.patientId === 'string') {
    return { patientId: data.patientId };
  }
  return null;
}
