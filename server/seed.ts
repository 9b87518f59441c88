import { and, eq } from 'drizzle-orm';
import { generateApiToken, hashApiToken } from './auth/apiTokens.js';
import { loadConfig, loadDotEnv } from './config.js';
import type { Database } from './db/client.js';
import { createDatabase } from './db/client.js';
import { startEmbeddedPostgres } from './db/embeddedPostgres.js';
import { migrateDatabase } from './db/migrate.js';
import {
  apiTokens,
  companies,
  patients,
  users,
  type UserRole,
} from './db/schema.js';
import { createLogger } from './logger.js';
import { seedExamination } from './examinations/seedExamination.js';
import { seedSecondCompany } from './marketplace/seedSecondCompany.js';
import { seedOrderHistory } from './insights/seedOrderHistory.js';

const DEMO_COMPANY = 'Demo Optics';
const DEMO_USERS: { email: string; name: string; role: UserRole }[] = [
  {
    email: 'admin@demo-optics.example',
    name: 'Demo Admin',
    role: 'platform_admin',
  },
  { email: 'staff@demo-optics.example', name: 'Demo Staff', role: 'staff' },
];

async function findOrCreateCompany(db: Database) {
  const [existing] = await db
    .select()
    .from(companies)
    .where(eq(companies.name, DEMO_COMPANY));
  if (existing) return existing;
  const [created] = await db
    .insert(companies)
    .values({ name: DEMO_COMPANY })
    .returning();
  return created!;
}

async function findOrCreatePatient(db: Database, companyId: string) {
  const [existing] = await db
    .select()
    .from(patients)
    .where(
      and(
        eq(patients.companyId, companyId),
        eq(patients.lastName, 'Lindqvist'),
      ),
    );
  if (existing) return existing;
  const [created] = await db
    .insert(patients)
    .values({
      companyId,
      firstName: 'Maja',
      lastName: 'Lindqvist',
      dateOfBirth: '1984-03-12',
    })
    .returning();
  return created!;
}

async function findOrCreateUser(
  db: Database,
  companyId: string,
  wanted: (typeof DEMO_USERS)[number],
) {
  const [existing] = await db
    .select()
    .from(users)
    .where(eq(users.email, wanted.email));
  if (existing) return existing;
  const [created] = await db
    .insert(users)
    .values({ companyId, ...wanted })
    .returning();
  return created!;
}

/**
 * Creates the demo company, its patient and users once; every run issues
 * fresh tokens and prints them as one JSON object on stdout.
 */
async function seed(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger({ level: 'warn', pretty: false });
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ ...config.embeddedPostgres, logger });
  const database = createDatabase(
    config.databaseUrl ?? embedded!.databaseUrl,
    () => {},
  );
  try {
    await migrateDatabase(database.pool);
    const db = database.db;
    const company = await findOrCreateCompany(db);
    const patient = await findOrCreatePatient(db, company.id);
    const seededUsers = [];
    for (const wanted of DEMO_USERS) {
      const user = await findOrCreateUser(db, company.id, wanted);
      const token = generateApiToken();
      await db.insert(apiTokens).values({
        userId: user.id,
        tokenHash: hashApiToken(token),
        label: 'seed',
      });
      seededUsers.push({ email: user.email, role: user.role, token });
    }
    await seedOrderHistory(db, company.id, patient.id);
    const examination = await seedExamination(db, company.id, patient.id);
    const secondCompany = await seedSecondCompany(db);
    const output = {
      companyId: company.id,
      patientId: patient.id,
      users: seededUsers,
      examinationId: examination.id,
      secondCompany,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } finally {
    await database.close();
    await embedded?.stop();
  }
}

await seed();
