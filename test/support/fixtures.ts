import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/db/client.js';
import {
  companies,
  orders,
  patients,
  users,
  type UserRole,
} from '../../server/db/schema.js';
import { nextOrderNumber } from '../../server/orders/orderNumber.js';

/** One company with an admin, a staff user and a patient. */
export type Tenant = Awaited<ReturnType<typeof seedTenant>>;

async function insertUser(
  db: Database,
  companyId: string,
  role: UserRole,
  name: string,
) {
  const [user] = await db
    .insert(users)
    .values({
      companyId,
      role,
      name,
      email: `${role}-${randomUUID()}@example.test`,
    })
    .returning();
  return user!;
}

/** Creates a company and the people a test usually needs. */
export async function seedTenant(db: Database, name = 'Test Optics') {
  const [company] = await db.insert(companies).values({ name }).returning();
  const companyId = company!.id;
  const admin = await insertUser(db, companyId, 'company_admin', 'Ada Admin');
  const staff = await insertUser(db, companyId, 'staff', 'Sam Staff');
  const [patient] = await db
    .insert(patients)
    .values({ companyId, firstName: 'Pat', lastName: 'Tester' })
    .returning();
  return { company: company!, admin, staff, patient: patient! };
}

/** An order of two lines placed by the tenant's staff user. */
export async function createTestOrder(db: Database, tenant: Tenant) {
  const [order] = await db
    .insert(orders)
    .values({
      companyId: tenant.company.id,
      patientId: tenant.patient.id,
      createdByUserId: tenant.staff.id,
      orderNumber: await nextOrderNumber(db),
      items: [
        {
          description: 'Single vision lenses, pair',
          quantity: 1,
          unitPriceCents: 8950,
          lineTotalCents: 8950,
        },
        {
          description: 'Anti-reflective coating',
          quantity: 2,
          unitPriceCents: 1500,
          lineTotalCents: 3000,
        },
      ],
      totalCents: 11950,
    })
    .returning();
  return order!;
}
