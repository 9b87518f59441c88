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
  if (typeof data.companyId === 'string') return data.companyId;
  if (typeof data.requesterCompanyId === 'string') {
    return data.requesterCompanyId;
  }
  if (typeof data.orderId === 'string') {
    const [order] = await executor
      .select({ companyId: orders.companyId })
      .from(orders)
      .where(eq(orders.id, data.orderId));
    return order?.companyId ?? null;
  }
  if (typeof data.patientId === 'string') {
    const [patient] = await executor
      .select({ companyId: patients.companyId })
      .from(patients)
      .where(eq(patients.id, data.patientId));
    return patient?.companyId ?? null;
  }
  return null;
}
