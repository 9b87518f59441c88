import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../test/support/freePort.js';
import {
  startRedisServer,
  type RedisServerHandle,
} from '../test/support/redisServer.js';
import { trackChildProcess } from './childProcesses.js';

/**
 * A redis-server with AOF in a folder of its own, on a port fixed before it
 * first starts: it can be killed and started again on the same data, or
 * started late, while the server keeps the same REDIS_URL.
 */
export class ChaosRedis {
  private handle: RedisServerHandle | undefined;

  private constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async create(): Promise<ChaosRedis> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'il-chaos-redis-'));
    return new ChaosRedis(await findFreePort(), dataDir);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.handle?.process.pid;
  }

  async start(): Promise<void> {
    this.handle = await startRedisServer({
      port: this.port,
      dataDir: this.dataDir,
    });
    trackChildProcess(this.handle.process);
  }

  /** Sends `signal` and waits until the process is gone. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.handle?.process;
    this.handle = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async stop(): Promise<void> {
    await this.kill('SIGKILL');
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
