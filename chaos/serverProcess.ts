import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackChildProcess } from './childProcesses.js';

/** Root of the repository, where `server/` lives. */
export const REPOSITORY_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A server or worker process of the product, started as in production. */
export interface ServerProcess {
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<ProcessExit>;
  kill(signal: NodeJS.Signals): void;
  isRunning(): boolean;
}

/** What to start: the API (with or without workers) or the workers alone. */
export type ServerEntry = 'server/index.ts' | 'server/worker.ts';

/**
 * Starts `node --import tsx <entry>` with exactly `env` (no inherited
 * variables besides PATH and HOME), its output appended to `logFile`.
 */
export function spawnServerProcess(
  entry: ServerEntry,
  env: Record<string, string>,
  logFile: string,
): ServerProcess {
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', entry],
    { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  trackChildProcess(child);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid ?? -1,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
    },
    isRunning: () => child.exitCode === null && child.signalCode === null,
  };
}
