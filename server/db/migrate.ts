import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMigrations as runBullmqMigrations } from 'bullmq';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

const MIGRATIONS_FOLDER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

/** Key of the advisory lock that serialises start-up migrations. */
const MIGRATION_LOCK_KEY = 7_411_204;

/** Schema of BullMQ's PostgreSQL store, inside the application database. */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * Brings the application tables and BullMQ's PostgreSQL store up to date.
 * A session-level advisory lock makes processes that start together take
 * turns: the first migrates, the others find nothing left to do.
 */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      await runBullmqMigrations(client, BULLMQ_SCHEMA);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
