import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = NodePgDatabase<typeof schema>;
/** A drizzle transaction, as passed to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything that can run a query: the database itself or a transaction. */
export type Executor = Database | Transaction;

/** The application's connection pool and its typed query builder. */
export interface DatabaseHandle {
  pool: pg.Pool;
  db: Database;
  close(): Promise<void>;
}

/** Opens a pool; idle-client errors are reported instead of crashing. */
export function createDatabase(
  databaseUrl: string,
  onError: (error: Error) => void,
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5000,
    keepAlive: true,
  });
  pool.on('error', onError);
  // A client that is checked out reports a dropped connection on itself,
  // not on the pool; unheard, a PostgreSQL restart would end the process.
  // The query in flight fails on its own; the client is then discarded.
  pool.on('connect', (client) => client.on('error', onError));
  const db = drizzle(pool, { schema });
  return { pool, db, close: () => pool.end() };
}
