import { sql } from 'drizzle-orm';
import { generateApiToken, hashApiToken } from '../server/auth/apiTokens.js';
import type { Database } from '../server/db/client.js';
import {
  apiTokens,
  companies,
  patients,
  users,
  type UserRole,
} from '../server/db/schema.js';

/** One company with a platform admin, a staff user and a patient. */
export interface BenchTenant {
  companyId: string;
  patientId: string;
  staffId: string;
  staffToken: string;
  adminToken: string;
}

async function insertUser(db: Database, companyId: string, role: UserRole) {
  const [user] = await db
    .insert(users)
    .values({
      companyId,
      role,
      name: `Bench ${role}`,
      email: `${role}-${companyId}@bench.example`,
    })
    .returning({ id: users.id });
  const token = generateApiToken();
  await db
    .insert(apiTokens)
    .values({ userId: user!.id, tokenHash: hashApiToken(token) });
  return { id: user!.id, token };
}

export async function seedBenchTenant(db: Database): Promise<BenchTenant> {
  const [company] = await db
    .insert(companies)
    .values({ name: 'Bench Optics' })
    .returning({ id: companies.id });
  const companyId = company!.id;
  const admin = await insertUser(db, companyId, 'platform_admin');
  const staff = await insertUser(db, companyId, 'staff');
  const [patient] = await db
    .insert(patients)
    .values({ companyId, firstName: 'Bea', lastName: 'Bench' })
    .returning({ id: patients.id });
  return {
    companyId,
    patientId: patient!.id,
    staffId: staff.id,
    staffToken: staff.token,
    adminToken: admin.token,
  };
}

/** Inserts `count` two-line orders in one statement; returns their ids. */
export async function insertBenchOrders(
  db: Database,
  tenant: BenchTenant,
  count: number,
): Promise<string[]> {
  const items = JSON.stringify([
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
  ]);
  const result = await db.execute<{ id: string }>(sql`
    insert into orders
      (company_id, patient_id, created_by_user_id, order_number, items,
       total_cents)
    select ${tenant.companyId}, ${tenant.patientId}, ${tenant.staffId},
           'B-' || nextval('order_number_seq'), ${items}::jsonb, 11950
      from generate_series(1, ${count})
    returning id`);
  return result.rows.map((row) => row.id);
}
