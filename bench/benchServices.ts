import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { findFreePort } from '../test/support/freePort.js';
import { startRedisServer } from '../test/support/redisServer.js';
import { startScratchPostgres } from '../test/support/scratchPostgres.js';

/** The real services one bench run talks to, all on loopback. */
export interface BenchServices {
  redisUrl: string;
  postgresAdminUrl: string;
  /** A port where nothing listens: REDIS_URL for the Redis-down runs. */
  closedRedisUrl: string;
  /** Creates a fresh, migrated database; each scenario takes its own. */
  createDatabase(label: string): Promise<BenchDatabase>;
  stop(): Promise<void>;
}

export interface BenchDatabase {
  url: string;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Starts redis-server and PostgreSQL (DATABASE_URL's server when it is set,
 * else an embedded one in a temporary folder), both bound to 127.0.0.1.
 */
export async function startBenchServices(
  databaseUrl: string | undefined,
): Promise<BenchServices> {
  // AOF on, as production runs Redis (docker-compose.yml).
  const redisDir = await mkdtemp(path.join(os.tmpdir(), 'il-bench-redis-'));
  const redis = await startRedisServer({ dataDir: redisDir });
  const postgres = databaseUrl
    ? externalPostgres(databaseUrl)
    : await startEmbeddedServer();
  const closedPort = await findFreePort();
  const created: string[] = [];

  return {
    redisUrl: redis.url,
    postgresAdminUrl: postgres.adminUrl,
    closedRedisUrl: `redis://127.0.0.1:${closedPort}`,
    createDatabase: async (label) => {
      const name = `il_bench_${label}_${process.pid}`;
      await runAdmin(postgres.adminUrl, `drop database if exists ${name}`);
      await runAdmin(postgres.adminUrl, `create database ${name}`);
      created.push(name);
      const url = new URL(postgres.adminUrl);
      url.pathname = `/${name}`;
      const handle = createDatabase(url.toString(), () => {});
      await migrateDatabase(handle.pool);
      return { url: url.toString(), handle, close: () => handle.close() };
    },
    stop: async () => {
      for (const name of created) {
        await runAdmin(
          postgres.adminUrl,
          `drop database if exists ${name} with (force)`,
        ).catch(() => {});
      }
      await postgres.stop();
      await redis.stop();
      await rm(redisDir, { recursive: true, force: true });
    },
  };
}

function externalPostgres(databaseUrl: string) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return { adminUrl: url.toString(), stop: async () => {} };
}

async function startEmbeddedServer() {
  return startScratchPostgres({
    folderPrefix: 'il-bench-pg-',
    // Durable settings, as production runs: the outbox's cost is a commit.
    settings: ['max_connections=200'],
  });
}

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
