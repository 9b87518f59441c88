import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../server/db/migrate.js';
import { startRedisServer } from './redisServer.js';
import { startScratchPostgres } from './scratchPostgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server-level URL: tests create their own databases through it. */
    postgresAdminUrl: string;
    /** Migrated database that each test file clones. */
    templateDatabase: string;
    redisUrl: string;
  }
}

const TEMPLATE_DATABASE = `il_template_${process.pid}`;

/**
 * Starts the real services once for the whole run: a redis-server on a free
 * loopback port, and PostgreSQL (DATABASE_URL's server, or an embedded one).
 */
export default async function setup(project: TestProject) {
  const redis = await startRedisServer();
  const postgres = await startPostgres();
  await createTemplateDatabase(postgres.adminUrl);

  project.provide('redisUrl', redis.url);
  project.provide('postgresAdminUrl', postgres.adminUrl);
  project.provide('templateDatabase', TEMPLATE_DATABASE);

  return async () => {
    await dropDatabase(postgres.adminUrl, TEMPLATE_DATABASE);
    await postgres.stop();
    await redis.stop();
  };
}

async function startPostgres() {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), stop: async () => {} };
  }
  return startScratchPostgres({
    folderPrefix: 'il-test-pg-',
    // Speed over durability: a test database is thrown away.
    settings: [
      'max_connections=400',
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
    ],
  });
}

async function createTemplateDatabase(adminUrl: string): Promise<void> {
  await dropDatabase(adminUrl, TEMPLATE_DATABASE);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await migrateDatabase(pool);
  await pool.end();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
