import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchServices } from './benchServices.js';
import { insertBenchOrders, seedBenchTenant } from './benchTenant.js';
import type { MemoryResult, MemorySpec } from './memoryWorkload.js';

const WORKLOAD = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'memoryWorkload.ts',
);

export interface MemoryOptions {
  emails: number;
  pdfs: number;
  timeoutMs: number;
}

export interface MemoryFigures extends MemoryResult {
  emails: number;
  pdfs: number;
  /** RSS after the run over RSS after warm-up. */
  rssGrowth: number;
}

/**
 * Scenario 5: many email jobs (mailbox transport) and PDFs through the real
 * processors in a fresh process; RSS and Chromium processes are read after
 * warm-up (a tenth of the jobs) and after the last job, each after a GC.
 */
export async function runMemoryScenario(
  services: BenchServices,
  options: MemoryOptions,
): Promise<MemoryFigures> {
  const database = await services.createDatabase('memory');
  const tenant = await seedBenchTenant(database.handle.db);
  const [orderId] = await insertBenchOrders(database.handle.db, tenant, 1);
  const uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-bench-mem-'));
  const spec: MemorySpec = {
    databaseUrl: database.url,
    redisUrl: services.redisUrl,
    uploadsDir,
    orderId: orderId!,
    userId: tenant.staffId,
    emails: options.emails,
    pdfs: options.pdfs,
    warmUpFraction: 0.1,
  };
  try {
    const result = await runChild(spec, options.timeoutMs);
    return {
      ...result,
      emails: options.emails,
      pdfs: options.pdfs,
      rssGrowth: result.after.rssMiB / result.warmUp.rssMiB,
    };
  } finally {
    await database.close();
    await rm(uploadsDir, { recursive: true, force: true });
  }
}

function runChild(spec: MemorySpec, timeoutMs: number): Promise<MemoryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', WORKLOAD, JSON.stringify(spec)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`memory workload exited with code ${code}`));
        return;
      }
      resolve(JSON.parse(output.trim().split('\n').pop()!) as MemoryResult);
    });
  });
}
