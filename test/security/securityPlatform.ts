import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateApiToken, hashApiToken } from '../../server/auth/apiTokens.js';
import type { Database } from '../../server/db/client.js';
import { apiTokens, users } from '../../server/db/schema.js';
import type { UserRole } from '../../server/db/schema.js';
import type { Logger } from '../../server/logger.js';
import { startPlatform, type Platform } from '../../server/platform.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import { createTestConfig } from '../support/testConfig.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';

/** A user of a test company with a live token. */
export interface Caller {
  userId: string;
  companyId: string;
  role: UserRole;
  token: string;
}

/** Every role of one company, each with a token. */
export type CompanyCallers = Record<UserRole, Caller>;

/** A running API (no workers) with two companies and a caller per role. */
export interface SecurityPlatform {
  platform: Platform;
  url: string;
  db: Database;
  uploadsDir: string;
  /** Owns the fixtures the tests reach for. */
  home: { tenant: Tenant; callers: CompanyCallers };
  /** Another company, whose callers must not reach the home fixtures. */
  other: { tenant: Tenant; callers: CompanyCallers };
  close(): Promise<void>;
}

/** Inserts a live token for `userId` and returns the secret. */
export async function issueToken(
  db: Database,
  userId: string,
): Promise<string> {
  const token = generateApiToken();
  await db
    .insert(apiTokens)
    .values({ userId, tokenHash: hashApiToken(token), label: 'test' });
  return token;
}

async function createCallers(db: Database, tenant: Tenant) {
  const [platformAdmin] = await db
    .insert(users)
    .values({
      companyId: tenant.company.id,
      role: 'platform_admin',
      name: 'Pia Platform',
      email: `platform-${tenant.company.id}@example.test`,
    })
    .returning();
  const people = {
    platform_admin: platformAdmin!,
    company_admin: tenant.admin,
    staff: tenant.staff,
  };
  const callers = {} as CompanyCallers;
  for (const [role, user] of Object.entries(people)) {
    callers[role as UserRole] = {
      userId: user.id,
      companyId: tenant.company.id,
      role: role as UserRole,
      token: await issueToken(db, user.id),
    };
  }
  return callers;
}

/**
 * Starts the HTTP API on its own database and uploads folder, without
 * workers, so jobs stay where the test can see them.
 */
export async function startSecurityPlatform(
  overrides: Record<string, string> = {},
  logger: Logger = createTestLogger(),
): Promise<SecurityPlatform> {
  const database: TestDatabase = await createTestDatabase();
  const uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-security-'));
  const config = createTestConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    RUN_WORKERS: 'false',
    UPLOADS_DIR: uploadsDir,
    ...overrides,
  });
  const platform = await startPlatform({ config, logger, http: true });
  const db = database.handle.db;
  const homeTenant = await seedTenant(db, 'Home Optics');
  const otherTenant = await seedTenant(db, 'Other Optics');

  return {
    platform,
    url: platform.url!,
    db,
    uploadsDir,
    home: { tenant: homeTenant, callers: await createCallers(db, homeTenant) },
    other: {
      tenant: otherTenant,
      callers: await createCallers(db, otherTenant),
    },
    close: async () => {
      await platform.close();
      await database.drop();
      await rm(uploadsDir, { recursive: true, force: true });
    },
  };
}
