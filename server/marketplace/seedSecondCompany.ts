import { eq } from 'drizzle-orm';
import { generateApiToken, hashApiToken } from '../auth/apiTokens.js';
import type { Database } from '../db/client.js';
import { apiTokens, companies, users } from '../db/schema.js';

const SECOND_COMPANY = 'Northside Lens Lab';
const SECOND_ADMIN = {
  email: 'admin@northside-lab.example',
  name: 'Northside Admin',
  role: 'company_admin',
} as const;

/**
 * A second company with a company admin, for the marketplace: the demo
 * company can ask it to connect, and its admin sees the request. Created
 * once; every run issues the admin a fresh token.
 */
export async function seedSecondCompany(db: Database) {
  let [company] = await db
    .select()
    .from(companies)
    .where(eq(companies.name, SECOND_COMPANY));
  company ??= (
    await db.insert(companies).values({ name: SECOND_COMPANY }).returning()
  )[0]!;

  let [admin] = await db
    .select()
    .from(users)
    .where(eq(users.email, SECOND_ADMIN.email));
  admin ??= (
    await db
      .insert(users)
      .values({ companyId: company.id, ...SECOND_ADMIN })
      .returning()
  )[0]!;

  const token = generateApiToken();
  await db.insert(apiTokens).values({
    userId: admin.id,
    tokenHash: hashApiToken(token),
    label: 'seed',
  });
  return {
    companyId: company.id,
    users: [{ email: admin.email, role: admin.role, token }],
  };
}
