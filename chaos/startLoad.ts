import { spawn } from 'node:child_process';
import { trackChildProcess } from './childProcesses.js';
import {
  LOAD_PLAN_VARIABLE,
  loadResultSchema,
  type LoadPlan,
  type LoadResult,
} from './loadPlan.js';
import { REPOSITORY_ROOT } from './serverProcess.js';

/** Longest the driver may run beyond its plan before it counts as hung. */
const DRIVER_GRACE_MS = 30_000;

/** A running load: when its first request leaves, and its result. */
export interface LoadRun {
  started: Promise<void>;
  finished: Promise<LoadResult>;
}

/** The line the driver prints just before its first request. */
export const LOAD_STARTED_LINE = 'load.started';

/**
 * Runs the load driver as a process of its own, so that the load competes
 * with the server like a real client instead of sharing its event loop.
 */
export function startLoad(plan: LoadPlan): LoadRun {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'chaos/loadDriver.ts'],
    {
      cwd: REPOSITORY_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        [LOAD_PLAN_VARIABLE]: JSON.stringify(plan),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  trackChildProcess(child);
  let output = '';
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    output += chunk;
    if (output.includes(LOAD_STARTED_LINE)) markStarted();
  });
  const timer = setTimeout(
    () => child.kill('SIGKILL'),
    plan.durationMs + plan.requestTimeoutMs + DRIVER_GRACE_MS,
  );
  const finished = new Promise<LoadResult>((resolve, reject) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      markStarted();
      if (code !== 0) {
        reject(new Error(`load driver exited with code ${code}`));
        return;
      }
      try {
        const lines = output.trim().split('\n');
        resolve(loadResultSchema.parse(JSON.parse(lines.at(-1) ?? '')));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
  return { started, finished };
}
