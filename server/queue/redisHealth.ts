import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { SECOND } from './config.js';
import { withTimeout } from './withTimeout.js';

/** What the health monitor knows about Redis, for health and metrics. */
export interface RedisHealthSnapshot {
  up: boolean;
  /** When Redis last went up or down. */
  sinceAt: Date;
  /** How often Redis went from up to down, sending jobs to PostgreSQL. */
  failovers: number;
  /** Settings that put jobs at risk, such as an evicting memory policy. */
  warnings: string[];
}

const PING_INTERVAL_MS = SECOND;
const PING_TIMEOUT_MS = 500;
const FIRST_CONNECTION_WAIT_MS = 3 * SECOND;

/**
 * Watches Redis with a ping every second on the producer connection, and
 * takes reports of failed adds from the dispatcher. Emits 'up' and 'down'
 * on each change, and logs each change once.
 */
export class RedisHealth extends EventEmitter {
  private up = false;
  private sinceAt = new Date();
  private failovers = 0;
  private warnings: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checkedSettings = false;

  constructor(
    private readonly connection: Redis,
    private readonly logger: Logger,
  ) {
    super();
  }

  /**
   * Waits briefly for the first connection, pings once, and returns whether
   * Redis answered. Later changes arrive as events.
   */
  async start(): Promise<boolean> {
    await this.waitForFirstConnection();
    await this.check();
    this.connection.on('ready', () => void this.check());
    this.timer = setInterval(() => void this.check(), PING_INTERVAL_MS);
    this.timer.unref();
    return this.up;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  isUp(): boolean {
    return this.up;
  }

  snapshot(): RedisHealthSnapshot {
    return {
      up: this.up,
      sinceAt: this.sinceAt,
      failovers: this.failovers,
      warnings: [...this.warnings],
    };
  }

  /** The dispatcher could not add to Redis: treat it as down until a ping. */
  reportFailure(error: Error): void {
    this.setUp(false, error);
  }

  private waitForFirstConnection(): Promise<void> {
    if (this.connection.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.connection.off('ready', done);
        this.connection.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, FIRST_CONNECTION_WAIT_MS);
      this.connection.once('ready', done);
      this.connection.once('error', done);
    });
  }

  private async check(): Promise<void> {
    try {
      await withTimeout(this.connection.ping(), PING_TIMEOUT_MS);
      if (!this.checkedSettings) await this.checkSettings();
      this.setUp(true);
    } catch (error) {
      this.setUp(false, error as Error);
    }
  }

  private setUp(up: boolean, error?: Error): void {
    if (up === this.up) return;
    this.up = up;
    this.sinceAt = new Date();
    if (!up) this.failovers += 1;
    if (up) this.logger.info('queue.redis.up');
    else this.logger.warn({ err: error?.message }, 'queue.redis.down');
    this.emit(up ? 'up' : 'down');
  }

  // Jobs vanish if Redis evicts keys or loses its data on restart.
  private async checkSettings(): Promise<void> {
    this.checkedSettings = true;
    const warnings: string[] = [];
    try {
      const [, policy] = (await this.connection.config(
        'GET',
        'maxmemory-policy',
      )) as string[];
      const [, aof] = (await this.connection.config(
        'GET',
        'appendonly',
      )) as string[];
      if (policy !== 'noeviction') {
        warnings.push(`maxmemory-policy is ${policy}; set noeviction`);
      }
      if (aof !== 'yes') {
        warnings.push('appendonly is off; jobs are lost if Redis restarts');
      }
    } catch {
      warnings.push('CONFIG GET is not allowed; settings were not checked');
    }
    this.warnings = warnings;
    if (warnings.length > 0) {
      this.logger.warn({ warnings }, 'queue.redis.settings');
    }
  }
}
