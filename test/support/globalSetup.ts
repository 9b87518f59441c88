import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../server/db/migrate.js';
import { findFreePort } from './freePort.js';
import { startRedisServer } from './redisServer.js';
import { loadEmbeddedPostgres } from '../../server/db/loadEmbeddedPostgres.js';

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
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'il-test-pg-'));
  // Run as root, PostgreSQL runs as its own user, which must reach the folder.
  await chmod(dataDir, 0o755);
  const server = new (await loadEmbeddedPostgres())({
    databaseDir: path.join(dataDir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    // The package asks initdb for en_US messages, a locale many machines lack;
    // a later flag wins, and C.UTF-8 exists everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=400',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
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
