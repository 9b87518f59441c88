import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../server/db/migrate.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';

describe('migrateDatabase', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('creates the application tables and the BullMQ schema', async () => {
    const tables = await database.handle.db.execute<{ name: string }>(
      sql`select table_schema || '.' || table_name as name
          from information_schema.tables
          where table_schema in ('public', 'bullmq')`,
    );
    const names = tables.rows.map((row) => row.name);
    expect(names).toContain('public.job_outbox');
    expect(names).toContain('public.orders');
    expect(names.some((name) => name.startsWith('bullmq.'))).toBe(true);
  });

  it('migrates once when several processes start together', async () => {
    const runs = Array.from({ length: 4 }, () =>
      migrateDatabase(database.handle.pool),
    );
    await expect(Promise.all(runs)).resolves.toHaveLength(4);
  });
});
