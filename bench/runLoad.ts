import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './loadDriver.js';

const DRIVER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'loadDriver.ts',
);
/** Time the driver may take beyond its load, to start and report. */
const DRIVER_SLACK_MS = 30_000;

/** Runs autocannon in a child process and returns its summary. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', DRIVER, JSON.stringify(spec)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Every load is bounded: a driver that overruns is stopped.
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      spec.durationSeconds * 1000 + DRIVER_SLACK_MS,
    );
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`load driver exited with code ${code}`));
        return;
      }
      resolve(JSON.parse(output.trim().split('\n').pop()!) as LoadResult);
    });
  });
}
